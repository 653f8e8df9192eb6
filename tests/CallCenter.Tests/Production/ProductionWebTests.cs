using System.Net;
using CallCenter.Tests.Web;

namespace CallCenter.Tests.Production;

/// <summary>The Web app under Production, over the AppHost's plain http on localhost.</summary>
[Collection(ProductionCollection.Name)]
public sealed class ProductionWebTests(ProductionFixture fixture)
{
    [Fact]
    public async Task GetSignInAnswersOverPlainHttp()
    {
        using var http = FloorHttp.Client(fixture.WebEndpoint);

        using var response = await http.GetAsync("/Account/SignIn").WaitAsync(FloorHttp.Timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(FloorHttp.TokenField, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHomeAnonymouslyGoesToSignIn()
    {
        using var http = FloorHttp.Client(fixture.WebEndpoint);

        using var response = await http.GetAsync("/").WaitAsync(FloorHttp.Timeout);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn", response.Headers.Location?.AbsolutePath);
    }
}
