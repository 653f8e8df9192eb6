using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Idempotency;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>How long a key is remembered (the draft's expiry): a repeat after it runs as a new request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claimed key counts as being worked on. A repeat within it is 409; after it, a claim whose write
    /// never committed (its replica died, or lost PostgreSQL) is taken over and the request runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a repeat waits for the answer of a first request that is written but whose answer is still being
    /// stored (it is stored while it is sent, so a client can repeat before it is there); then 409.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan AnswerWait { get; set; } = TimeSpan.FromSeconds(1);
}
