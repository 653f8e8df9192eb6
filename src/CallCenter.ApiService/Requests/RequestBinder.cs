using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Requests;

/// <summary>Marks a request that is read from the query string and, for modern clients, a JSON body.</summary>
public interface IApiRequest;

/// <summary>
/// The seed's clients send everything as query parameters; newer clients send JSON. Both arrive here as one
/// object (body fields win), checked against the request type's data annotations, with errors named in snake_case.
/// </summary>
public static class RequestBinder
{
    public static async ValueTask<T> BindAsync<T>(HttpContext context) where T : class, IApiRequest, new()
    {
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var fields = new JsonObject();
        foreach (var (key, values) in context.Request.Query)
        {
            if (values.Count > 1)
            {
                throw ApiProblemException.Invalid(key, "is given more than once.");
            }

            fields[key] = RejectNul(key, values[0]);
        }

        if (context.Request.HasJsonContentType())
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            }
            catch (JsonException exception)
            {
                throw ApiProblemException.Invalid("body", $"is not valid JSON ({exception.Message})");
            }

            if (body is not null and not JsonObject)
            {
                throw ApiProblemException.Invalid("body", "must be a JSON object.");
            }

            foreach (var (key, value) in body as JsonObject ?? [])
            {
                if (value is JsonValue text && text.TryGetValue<string>(out var content))
                {
                    RejectNul(key, content);
                }

                fields[key] = value?.DeepClone();
            }
        }

        T request;
        try
        {
            request = fields.Deserialize<T>(json) ?? new T();
        }
        catch (JsonException exception)
        {
            var field = exception.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body";
            throw ApiProblemException.Invalid(field, "has a value of the wrong type.");
        }

        Validate(request, json.PropertyNamingPolicy);
        return request;
    }

    /// <summary>PostgreSQL text cannot hold NUL; refusing it here keeps it from ever reaching a query.</summary>
    public static string? RejectNul(string field, string? value) =>
        value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw ApiProblemException.Invalid(field, "must not contain a NUL character.")
            : value;

    private static void Validate<T>(T request, JsonNamingPolicy? naming) where T : class
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = naming?.ConvertName(property.Name) ?? property.Name;
            var results = new List<ValidationResult>();
            var context = new ValidationContext(request) { MemberName = property.Name, DisplayName = name };
            if (!Validator.TryValidateProperty(property.GetValue(request), context, results))
            {
                errors[name] = [.. results.Select(result => result.ErrorMessage ?? "is invalid.")];
            }
        }

        if (errors.Count > 0)
        {
            throw ApiProblemException.Invalid(errors);
        }
    }
}
