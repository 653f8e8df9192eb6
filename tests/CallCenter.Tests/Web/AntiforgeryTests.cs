using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Web;

/// <summary>A form posted without its antiforgery token, as another site would post it: refused, nothing changed.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class AntiforgeryTests(CallCenterFixture fixture)
{
    private Uri Web => fixture.App.App.GetEndpoint("web", "http");

    [Fact]
    public async Task EndCallWithoutTokenIsRefusedAndTheCallGoesOn()
    {
        using var api = fixture.CreateApiClient();
        var callId = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}"))
            .Expect(HttpStatusCode.OK).Str("call_id");
        using var http = FloorHttp.Client(Web);
        using var signedIn = await http.SignInAsync("supervisor", TestSecrets.DemoPassword);
        var page = $"/Calls/{callId}";
        var token = await http.TokenAsync(page);

        using var forged = await http.PostFormAsync($"{page}?handler=End", token: null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("initiated", (await api.GetAsync($"/api/calls/{callId}")).Str("status"));

        // The same post with its token is what the page does, and it works: only the token was missing.
        using var real = await http.PostFormAsync($"{page}?handler=End", token);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal("ended", (await api.GetAsync($"/api/calls/{callId}")).Str("status"));
    }

    [Fact]
    public async Task SignInWithoutTokenIsRefusedAndSetsNoCookie()
    {
        using var http = FloorHttp.Client(Web);
        await http.TokenAsync("/Account/SignIn");

        using var forged = await http.PostFormAsync("/Account/SignIn", token: null, new()
        {
            ["Input.UserName"] = "supervisor",
            ["Input.Password"] = TestSecrets.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.SetCookies(), cookie => cookie.Name == "callcenter.floor");
    }

    [Fact]
    public async Task SignOutWithoutTokenIsRefusedAndKeepsThePersonSignedIn()
    {
        using var http = FloorHttp.Client(Web);
        using var signedIn = await http.SignInAsync("supervisor", TestSecrets.DemoPassword);
        await http.TokenAsync("/CustomerLine");

        using var forged = await http.PostFormAsync("/Account/SignOut", token: null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var stillIn = await http.GetAsync("/CustomerLine").WaitAsync(FloorHttp.Timeout);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }
}
