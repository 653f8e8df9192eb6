using System.Text;
using System.Text.Json;
using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.UnitTests.Requests;

/// <summary>Query parameters (the seed's clients) and JSON bodies (newer ones) bound into one checked request.</summary>
public sealed class RequestBinderTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .Configure<JsonOptions>(options =>
        {
            // As the API configures them: snake_case both ways.
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.PropertyNameCaseInsensitive = true;
        })
        .BuildServiceProvider();

    private static HttpContext Request(string query, string? body = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        return context;
    }

    private static async Task<ApiProblemException> RefusedAsync(HttpContext context) =>
        await Assert.ThrowsAsync<ApiProblemException>(() => RequestBinder.BindAsync<StartCallRequest>(context).AsTask());

    [Fact]
    public async Task TheSeedsQueryParametersBind()
    {
        var request = await RequestBinder.BindAsync<StartCallRequest>(Request("?phone_number=%2B966501234567&customer_name=Ahmed&priority=high"));

        Assert.Equal("+966501234567", request.PhoneNumber);
        Assert.Equal("Ahmed", request.CustomerName);
        Assert.Equal("high", request.Priority);
    }

    [Fact]
    public async Task ABodyFieldWinsOverTheSameQueryParameter()
    {
        var request = await RequestBinder.BindAsync<StartCallRequest>(
            Request("?phone_number=%2B966500000000&priority=low", """{"phone_number": "+966501234567"}"""));

        Assert.Equal("+966501234567", request.PhoneNumber);
        Assert.Equal("low", request.Priority);
    }

    [Fact]
    public async Task AMissingRequiredFieldIsNamedInSnakeCase()
    {
        var refused = await RefusedAsync(Request("?customer_name=Ahmed"));

        Assert.Equal(StatusCodes.Status400BadRequest, refused.StatusCode);
        Assert.Contains("phone_number", refused.Errors!.Keys);
    }

    [Theory]
    [InlineData("?phone_number=1&phone_number=2", null, "phone_number")]
    [InlineData("?phone_number=%2B966501234567&priority=whenever", null, "priority")]
    [InlineData("?customer_name=a%00b&phone_number=%2B966501234567", null, "customer_name")]
    [InlineData("", """{"phone_number": 966501234567}""", "phone_number")]
    [InlineData("", """["+966501234567"]""", "body")]
    [InlineData("", """{"phone_number": """, "body")]
    public async Task BadInputIsRefusedNamingTheField(string query, string? body, string field)
    {
        var refused = await RefusedAsync(Request(query, body));

        Assert.Equal(StatusCodes.Status400BadRequest, refused.StatusCode);
        Assert.Contains(field, refused.Errors!.Keys);
    }
}
