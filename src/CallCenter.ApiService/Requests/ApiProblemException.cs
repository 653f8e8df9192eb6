namespace CallCenter.ApiService.Requests;

/// <summary>
/// A request the domain refuses. Thrown inside the transaction that checks the rule, so nothing is written,
/// and turned into an RFC 9457 ProblemDetails whose <c>detail</c> names the field.
/// </summary>
public sealed class ApiProblemException(int statusCode, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    public static ApiProblemException Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, "Invalid request", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    public static ApiProblemException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "Invalid request",
            string.Join("; ", errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}")), errors);

    public static ApiProblemException NotFound(string what, string id) =>
        new(StatusCodes.Status404NotFound, "Not found", $"{what} '{id}' was not found.");

    public static ApiProblemException Forbidden(string field, string message) =>
        new(StatusCodes.Status403Forbidden, "Forbidden", $"{field}: {message}", new Dictionary<string, string[]> { [field] = [message] });

    public static ApiProblemException Conflict(string detail) =>
        new(StatusCodes.Status409Conflict, "Conflict with the current state", detail);
}
