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

// Development's demo people sign in with it; generated at the first run and kept in the user secrets.
var demoPassword = builder.AddParameter(
    ResourceNames.DemoPassword, new GenerateParameterDefault { MinLength = 16, Special = false }, secret: true, persist: true);

builder.AddProject<Projects.CallCenter_Web>(ResourceNames.Web)
    .WithHttpPort(builder.Configuration.GetValue("Web:Port", 3000))
    .WithExternalHttpEndpoints()
    .WithReference(api).WaitFor(api)
    .WithEnvironment("DemoPassword", demoPassword)
    .WithHttpHealthCheck("/health")
    .WithoutOtlpRetryOnShutdown();

builder.Build().Run();
