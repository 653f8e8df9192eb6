namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// Marks a write whose answer carries a secret (a new API key, a password, a socket ticket). Such an answer is never
/// stored, so it cannot be replayed, and the write refuses an <c>Idempotency-Key</c> rather than seem to honour it.
/// </summary>
public sealed class AnswerCarriesSecret
{
    public static readonly AnswerCarriesSecret Instance = new();

    private AnswerCarriesSecret()
    {
    }
}

public static class AnswerCarriesSecretExtensions
{
    public static RouteHandlerBuilder WithSecretInAnswer(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(AnswerCarriesSecret.Instance);
}
