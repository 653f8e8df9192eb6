namespace CallCenter.ApiService.Hosting;

internal static class ServedByExtensions
{
    /// <summary>Every response, socket upgrades included, names the replica that answered.</summary>
    public static IApplicationBuilder UseServedByHeader(this IApplicationBuilder app)
    {
        var replica = app.ApplicationServices.GetRequiredService<Replica>();
        return app.Use((context, next) =>
        {
            context.Response.Headers[Replica.ServedByHeader] = replica.Name;
            return next(context);
        });
    }
}
