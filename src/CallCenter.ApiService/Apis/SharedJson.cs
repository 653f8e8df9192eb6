using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace CallCenter.ApiService.Apis;

/// <summary>
/// A 200 whose JSON was serialised once for every request that joined the same read (<see cref="CollapsedPages"/>).
/// OpenAPI still documents <typeparamref name="T"/>, as for <c>TypedResults.Ok</c>.
/// </summary>
public sealed class SharedJson<T>(byte[] body) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
