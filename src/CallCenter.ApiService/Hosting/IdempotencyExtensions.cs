using CallCenter.ApiService.Idempotency;

namespace CallCenter.ApiService.Hosting;

internal static class IdempotencyExtensions
{
    public static IHostApplicationBuilder AddIdempotentWrites(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<KeyClaims>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddHostedService<KeyPrune>();
        return builder;
    }

    /// <summary>Outside the exception handler, so the answers it writes (ProblemDetails) are stored too.</summary>
    public static IApplicationBuilder UseIdempotentAnswers(this IApplicationBuilder app) => app.UseMiddleware<AnswerRecorder>();

    /// <summary>After authentication: keys belong to the caller's API key.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyGate>();
}
