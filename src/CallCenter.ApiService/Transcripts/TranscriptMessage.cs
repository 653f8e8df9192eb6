using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Transcripts;

public sealed record TranscriptMessage
{
    public long MessageId { get; init; }

    public string CallId { get; init; } = "";

    /// <summary><c>bot</c>, <c>customer</c>, <c>agent</c> or <c>system</c>.</summary>
    public string Speaker { get; init; } = "";

    public string Content { get; init; } = "";

    /// <summary><c>ar</c> or <c>en</c>.</summary>
    public string Language { get; init; } = "";

    /// <summary>When the message was said (the seed's field name).</summary>
    public DateTime Timestamp { get; init; }
}

public sealed class AddMessageRequest : IApiRequest
{
    [Required]
    [OneOf("bot", "customer", "agent", "system")]
    public string? Speaker { get; init; }

    [Required]
    [StringLength(4000, MinimumLength = 1)]
    public string? Content { get; init; }

    [OneOf("ar", "en")]
    public string? Language { get; init; }

    public static ValueTask<AddMessageRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<AddMessageRequest>(context);
}
