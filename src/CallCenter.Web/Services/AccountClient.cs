using System.Security.Claims;

namespace CallCenter.Web.Services;

/// <summary>
/// A person's own account at the API: checking a password at sign-in, who a cookie's person is now, changing one's
/// password. Credentials are set per request for the principal given, which during cookie validation is not yet
/// the request's user.
/// </summary>
public sealed class AccountClient(HttpClient http, ApiCredentials credentials)
{
    public Task<PersonSession> SignInAsync(string userName, string password, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/api/people/sign-in", person: null, new { user_name = userName, password }, cancellationToken);

    public Task<PersonSession> CurrentAsync(ClaimsPrincipal person, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/api/people/me", person, body: null, cancellationToken);

    public Task<PersonSession> ChangePasswordAsync(ClaimsPrincipal person, string currentPassword, string newPassword, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/api/people/me/password", person,
            new { current_password = currentPassword, new_password = newPassword }, cancellationToken);

    private Task<PersonSession> SendAsync(HttpMethod method, string path, ClaimsPrincipal? person, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in credentials.HeadersFor(person))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return http.SendAsync<PersonSession>(request, body, cancellationToken);
    }
}
