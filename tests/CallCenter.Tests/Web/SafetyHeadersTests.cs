using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Web;

/// <summary>The Web app's answers over plain HTTP, as it runs in Development: safety headers on all of them.</summary>
[Collection(CallCenterCollection.Name)]
public sealed class SafetyHeadersTests(CallCenterFixture fixture)
{
    private Uri Web => fixture.App.App.GetEndpoint("web", "http");

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/SignIn")]
    [InlineData("/Crm")]
    [InlineData("/no-such-page")]
    [InlineData("/css/site.css")]
    [InlineData("/js/live.js")]
    [InlineData("/favicon.svg")]
    [InlineData("/ws/updates")]
    public async Task EveryAnswerCarriesTheSafetyHeaders(string path)
    {
        using var http = FloorHttp.Client(Web);

        using var response = await http.GetAsync(path).WaitAsync(FloorHttp.Timeout);

        SafetyHeaders.AssertPresent(response);
    }
}
