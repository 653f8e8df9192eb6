using CallCenter.ApiService.Transcripts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

public static class TranscriptsApi
{
    public static RouteGroupBuilder MapTranscriptsApi(this IEndpointRouteBuilder app)
    {
        var transcripts = app.MapGroup("/api/transcripts").WithTags("Transcripts").WithApiProblems();

        transcripts.MapGet("/{callId}", GetTranscript).WithName(nameof(GetTranscript))
            .WithSummary("Everything said on a call, in order.");
        transcripts.MapPost("/{callId}/messages", AddMessage).WithName(nameof(AddMessage))
            .WithSummary("Add what the bot, the customer, the agent or the system said (ar or en).");

        return transcripts;
    }

    public static async Task<Ok<Transcript>> GetTranscript(string callId, TranscriptLog log, CancellationToken cancellationToken) =>
        TypedResults.Ok(await log.GetAsync(callId, cancellationToken));

    public static async Task<Ok<MessageAdded>> AddMessage(
        string callId, AddMessageRequest request, TranscriptLog log, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MessageAdded(true, await log.AddAsync(callId, request, cancellationToken)));
}
