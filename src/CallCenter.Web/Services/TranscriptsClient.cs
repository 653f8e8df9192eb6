using static CallCenter.Web.Services.ApiHttp;

namespace CallCenter.Web.Services;

/// <summary>What was said on a call.</summary>
public sealed class TranscriptsClient(HttpClient http)
{
    public Task<Transcript> GetAsync(string callId, CancellationToken cancellationToken) =>
        http.GetAsync<Transcript>($"/api/transcripts/{Segment(callId)}", cancellationToken);

    public Task<MessageAdded> AddAsync(string callId, string speaker, string content, string language, CancellationToken cancellationToken) =>
        http.PostAsync<MessageAdded>($"/api/transcripts/{Segment(callId)}/messages", new { speaker, content, language }, cancellationToken);
}
