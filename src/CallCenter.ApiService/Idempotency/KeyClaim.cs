namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// A request's hold on its key, from the claim until its answer is stored. While it is open, every transaction the
/// request commits marks the key committed in the same transaction (<see cref="IdempotencyStore.MarkCommitted"/>).
/// </summary>
public sealed class KeyClaim(string scope, string key, Guid token)
{
    public string Scope { get; } = scope;

    public string Key { get; } = key;

    /// <summary>This claim's own id: a retry that takes a lapsed claim over gets a new one, and the old one's writes are refused.</summary>
    public Guid Token { get; } = token;

    /// <summary>False once the answer is settled, so work the request left running cannot mark the key any more.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>
    /// Whether this request holds the key. Known before the request runs, except for a write that runs alongside its
    /// claim (<see cref="WritesThroughUnitsOfWork"/>): its commits wait for this.
    /// </summary>
    public Task<bool> Held { get; private set; } = Task.FromResult(true);

    /// <summary>True once a transaction marked the key committed: the request's write stands.</summary>
    public bool Written { get; private set; }

    public void Close() => IsOpen = false;

    internal void Wrote() => Written = true;

    internal void HeldWhen(Task<bool> held) => Held = held;
}

/// <summary>The claim of the request whose code is running, if it sent a key; flows with its async calls.</summary>
public sealed class KeyClaims
{
    private readonly AsyncLocal<KeyClaim?> _current = new();

    public KeyClaim? Current => _current.Value is { IsOpen: true } claim ? claim : null;

    internal void Enter(KeyClaim claim) => _current.Value = claim;
}
