using CallCenter.AppHost;
using CallCenter.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddCallCenterInfrastructure();

var api = builder.AddProject<Projects.CallCenter_ApiService>(ResourceNames.Api)
    .WithReplicas(builder.Configuration.GetValue("Api:Replicas", 2))
    .WithHttpPort(builder.Configuration.GetValue("Api:Port", 8000))
    .WithExternalHttpEndpoints()
    .WithReference(infrastructure.Database).WaitFor(infrastructure.Database)
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
    .WithHttpHealthCheck("/health")
    .WithoutOtlpRetryOnShutdown();

builder.AddProject<Projects.CallCenter_Web>(ResourceNames.Web)
    .WithHttpPort(builder.Configuration.GetValue("Web:Port", 3000))
    .WithExternalHttpEndpoints()
    .WithReference(api).WaitFor(api)
    .WithHttpHealthCheck("/health")
    .WithoutOtlpRetryOnShutdown();

builder.Build().Run();
