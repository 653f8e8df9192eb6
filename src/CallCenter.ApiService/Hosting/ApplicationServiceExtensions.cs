namespace CallCenter.ApiService.Hosting;

internal static class ApplicationServiceExtensions
{
    /// <summary>Resource names the AppHost gives us; see CallCenter.AppHost's ResourceNames.</summary>
    public const string DatabaseConnectionName = "callcenterdb";
    public const string RedisConnectionName = "redis";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseConnectionName);
        builder.AddRedisClient(RedisConnectionName);
        builder.Services.AddSingleton<Replica>();
        return builder;
    }
}
