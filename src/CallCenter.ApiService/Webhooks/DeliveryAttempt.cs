namespace CallCenter.ApiService.Webhooks;

/// <summary>One POST to a receiver and what came back: a 2xx delivers; 410 says the endpoint is gone.</summary>
public sealed record DeliveryAttempt(int? StatusCode, TimeSpan Duration, string? ResponseBody, string? Error, TimeSpan? RetryAfter)
{
    public bool Delivered => StatusCode is >= 200 and < 300;

    public bool Gone => StatusCode == StatusCodes.Status410Gone;
}
