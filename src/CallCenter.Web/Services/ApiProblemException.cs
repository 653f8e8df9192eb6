using System.Net;

namespace CallCenter.Web.Services;

/// <summary>
/// The API refused a request (an RFC 9457 problem). <see cref="Errors"/> holds the API's snake_case field names,
/// so a page can show each message next to its own field.
/// </summary>
public sealed class ApiProblemException(HttpStatusCode status, string detail, IReadOnlyDictionary<string, string[]> errors)
    : Exception(detail)
{
    public HttpStatusCode Status { get; } = status;

    public string Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
