using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Web;

/// <summary>The home page shows nothing of its own: people go where their work starts (visitors to sign in: see the Production tests).</summary>
[Collection(CallCenterCollection.Name)]
public sealed class HomePageTests(CallCenterFixture fixture)
{
    [Theory]
    [InlineData("AGT-002", "/Agent")]
    [InlineData("supervisor", "/Crm")]
    public async Task GetHomeSignedInGoesToWhereTheWorkStarts(string userName, string startPage)
    {
        using var http = FloorHttp.Client(fixture.WebEndpoint);
        (await http.SignInAsync(userName, TestSecrets.DemoPassword)).Dispose();

        using var response = await http.GetAsync("/").WaitAsync(FloorHttp.Timeout);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(startPage, response.Headers.Location?.OriginalString);
    }
}
