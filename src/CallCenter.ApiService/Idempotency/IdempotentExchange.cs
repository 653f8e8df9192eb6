namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// A request that brought an <c>Idempotency-Key</c>: its answer is held back until it is settled (stored or the
/// key released), so a retry can never see an answer the client got before it was stored.
/// </summary>
internal sealed class IdempotentExchange
{
    public KeyClaim? Claim { get; set; }

    /// <summary>Writes that take one: POST and PATCH. PUT and DELETE are idempotent by themselves, GET changes nothing.</summary>
    public static bool Applies(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method))
        && request.Headers.ContainsKey(IdempotencyKeyHeader.Name);
}
