using System.Text.Json;
using System.Text.Json.Serialization;

namespace CallCenter.Web.Services;

/// <summary>The API speaks snake_case JSON; so do the pages' live scripts, which read the same objects.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
