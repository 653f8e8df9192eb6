namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// Marks a write whose every effect is a <see cref="Data.CallCenterDatabase"/> transaction. Such a write runs while its
/// <c>Idempotency-Key</c> is being claimed, not after: each of its commits first waits for the claim
/// (<see cref="KeyClaim.Held"/>), so the claim's round trip overlaps the write's own reads instead of adding to them,
/// and a request that does not get the key commits nothing.
/// </summary>
public sealed class WritesThroughUnitsOfWork
{
    public static readonly WritesThroughUnitsOfWork Instance = new();

    private WritesThroughUnitsOfWork()
    {
    }
}

public static class WritesThroughUnitsOfWorkExtensions
{
    /// <summary>Every POST and PATCH of the group writes only through units of work.</summary>
    public static RouteGroupBuilder WritesThroughUnitsOfWork(this RouteGroupBuilder group) =>
        group.WithMetadata(Idempotency.WritesThroughUnitsOfWork.Instance);
}
