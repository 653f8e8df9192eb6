namespace CallCenter.ApiService.Distribution;

/// <summary>
/// Wakes this replica's <see cref="CallDistributor"/>: a change that may allow an offer (a call queued, an agent
/// available, an offer settled) was committed here or, through the event feed, on another replica.
/// </summary>
public sealed class DistributionSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        // One pending wake-up is enough: the pass that follows reads everything committed before it.
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread woke it between the check and the release.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
