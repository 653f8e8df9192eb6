namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// Thrown at a commit of a write that ran alongside its key's claim when the claim went to another request: the
/// transaction is rolled back, and the gate answers as the key says (replay, 409, 422).
/// </summary>
public sealed class KeyNotHeldException() : Exception("The Idempotency-Key is held by another request; this one commits nothing.");
