namespace CallCenter.ApiService.Hosting;

internal static class ServedByExtensions
{
    /// <summary>Every response, socket upgrades included, names the replica that answered.</summary>
    public static IApplicationBuilder UseServedByHeader(this IApplicationBuilder app)
    {
        var replica = app.ApplicationServices.GetRequiredService<Replica>();
        return app.Use((context, next) =>
        {
            // Set as the headers go out: the exception handler clears headers set earlier.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Replica.ServedByHeader] = replica.Name;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
