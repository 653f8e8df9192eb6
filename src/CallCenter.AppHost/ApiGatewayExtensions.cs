using CallCenter.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallCenter.AppHost;

internal static class ApiGatewayExtensions
{
    /// <summary>
    /// The API's one address (<c>Api:Port</c>) is a gateway in front of its replicas rather than DCP's development proxy,
    /// which keeps handing connections to a replica that was killed until it is back: the gateway drops a dead replica
    /// at once and answers 503 with <c>Retry-After</c> when none can answer.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddApiGateway(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, int port)
    {
        var gateway = builder.AddProject<Projects.CallCenter_Gateway>(ResourceNames.Gateway)
            // The gateway listens on the API's address itself: one process, nothing to balance, so DCP's proxy in front
            // would be one more hop for every request (measured: 0.2 cores at 1,000 requests a second).
            .WithEndpoint("http", endpoint =>
            {
                if (builder.ExecutionContext.IsPublishMode)
                {
                    // Published, the port is the Service's; nothing runs in front of the process either way.
                    endpoint.Port = port > 0 ? port : endpoint.Port;
                    return;
                }

                endpoint.IsProxied = false;
                // 0: a free port each run (the tests, the bench), not the launch profile's.
                endpoint.Port = port > 0 ? port : null;
                endpoint.TargetPort = port > 0 ? port : null;
            })
            .WithExternalHttpEndpoints()
            // It learns the replicas' own addresses from the list, not from service discovery.
            .WaitFor(api);
        if (builder.ExecutionContext.IsRunMode)
        {
            // Published (the manifest), nothing runs to keep a list: a cluster's Service balances the replicas instead.
            gateway.WithEnvironment("Gateway__ReplicaFile", WatchReplicas(builder));
        }

        return gateway
            .WithHttpHealthCheck("/alive")
            // The environment, and the proxies in front whose X-Forwarded-For it believes and passes on.
            .WithServiceSettings(builder.Configuration)
            .WithoutOtlpRetryOnShutdown()
            .WithRestartOnCrash();
    }

    /// <summary>Keeps the list of live API replicas in a file of its own from before the resources start.</summary>
    private static string WatchReplicas(IDistributedApplicationBuilder builder)
    {
        // A directory of its own: the gateway watches the file's directory, which must not be one every process writes to.
        var path = Path.Combine(Directory.CreateTempSubdirectory("callcenter-api-replicas-").FullName, "replicas.json");
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            var services = start.Services;
            new ApiReplicaList(
                path,
                services.GetRequiredService<ResourceNotificationService>(),
                services.GetRequiredService<IHostApplicationLifetime>(),
                services.GetRequiredService<ILogger<ApiReplicaList>>()).Start();
            return Task.CompletedTask;
        });
        return path;
    }
}
