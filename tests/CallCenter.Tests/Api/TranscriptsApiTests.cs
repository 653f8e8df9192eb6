using System.Net;
using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Api;

[Collection(CallCenterCollection.Name)]
public sealed class TranscriptsApiTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task AddMessagesKeepsOrderSpeakerAndLanguage()
    {
        using var api = fixture.CreateApiClient();
        var call = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id");

        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=bot&content=Welcome%20to%20customer%20support&language=en")).Expect(HttpStatusCode.OK);
        var arabic = (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=customer&content={Uri.EscapeDataString("مرحبا، عندي مشكلة")}&language=ar")).Expect(HttpStatusCode.OK);
        var transcript = (await api.GetAsync($"/api/transcripts/{call}")).Expect(HttpStatusCode.OK);

        Assert.Equal("مرحبا، عندي مشكلة", arabic.Str("message.content"));
        Assert.Equal(call, transcript.Str("call_id"));
        var messages = transcript.Json["messages"].Items();
        Assert.Equal(["bot", "customer"], messages.Select(m => m.Text("speaker")));
        Assert.Equal(["en", "ar"], messages.Select(m => m.Text("language")));
        Assert.All(messages, m => Assert.NotNull(m["timestamp"]));
    }

    [Fact]
    public async Task AddMessageRefusesBadSpeakerUnknownCallAndEndedCall()
    {
        using var api = fixture.CreateApiClient();
        var call = (await api.PostAsync($"/api/calls?phone_number={Uri.EscapeDataString(ApiClient.NewSaudiMobile())}")).Expect(HttpStatusCode.OK).Str("call_id");

        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=robot&content=hi")).ExpectProblem(HttpStatusCode.BadRequest, "speaker");
        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=bot&content=hi&language=fr")).ExpectProblem(HttpStatusCode.BadRequest, "language");
        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=bot")).ExpectProblem(HttpStatusCode.BadRequest, "content");
        (await api.PostAsync($"/api/transcripts/{call}/messages", new { speaker = "bot", content = new string('x', 4001) })).ExpectProblem(HttpStatusCode.BadRequest, "content");
        (await api.PostAsync("/api/transcripts/CALL-00000000/messages?speaker=bot&content=hi")).ExpectProblem(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/transcripts/CALL-00000000")).ExpectProblem(HttpStatusCode.NotFound);
        (await api.PostAsync($"/api/calls/{call}/end")).Expect(HttpStatusCode.OK);
        (await api.PostAsync($"/api/transcripts/{call}/messages?speaker=bot&content=hi")).ExpectProblem(HttpStatusCode.Conflict, call);
    }
}
