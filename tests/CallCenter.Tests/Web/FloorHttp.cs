using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace CallCenter.Tests.Web;

/// <summary>The Web app as a plain HTTP client sees it: forms with their antiforgery token, sign-in, cookies as sent.</summary>
internal static partial class FloorHttp
{
    public const string TokenField = "__RequestVerificationToken";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A page's antiforgery token, as its forms carry it (the matching cookie lands in the client's jar).</summary>
    public static async Task<string> TokenAsync(this HttpClient http, string path)
    {
        var page = await http.GetStringAsync(path).WaitAsync(Timeout);
        return AntiforgeryToken().Match(page) is { Success: true } match
            ? match.Groups["token"].Value
            : throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
    }

    /// <summary>Posts a form as the browser would; without <paramref name="token"/> the antiforgery field is left out.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient http, string path, string? token, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        if (token is not null)
        {
            fields[TokenField] = token;
        }

        return http.PostAsync(path, new FormUrlEncodedContent(fields)).WaitAsync(Timeout);
    }

    /// <summary>Signs in through the form and returns the answer (a redirect when it worked).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient http, string userName, string password) =>
        await http.PostFormAsync("/Account/SignIn", await http.TokenAsync("/Account/SignIn"), new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public static HttpClient Client(Uri web, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = web };

    /// <summary>The cookies a response sets, with their attributes.</summary>
    public static IReadOnlyList<SetCookieHeaderValue> SetCookies(this HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values) ? SetCookieHeaderValue.ParseList(values.ToList()).ToList() : [];

    public static SetCookieHeaderValue SetCookie(this HttpResponseMessage response, string name) =>
        response.SetCookies().SingleOrDefault(cookie => cookie.Name.Equals(name, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} set no {name} cookie.");

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)" """)]
    private static partial Regex AntiforgeryToken();
}
