using CallCenter.AppHost;
using CallCenter.AppHost.Backups;
using CallCenter.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

// 'restore --from … --to …' restores a backup into a fresh data root and exits; see docs/operations.md.
if (args is ["restore", .. var restoreArgs])
{
    return await PostgresRestore.RunAsync(restoreArgs, Console.Out, CancellationToken.None);
}

var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.AddCallCenterInfrastructure();

// An admin key for scripts and the Web app's own key; generated at the first run, kept in the user secrets and
// shown (masked) in the dashboard's parameters.
var apiKey = builder.AddParameter(
    ResourceNames.ApiKey, new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true, persist: true);
var webApiKey = builder.AddParameter(
    ResourceNames.WebApiKey, new GenerateParameterDefault { MinLength = 40, Special = false }, secret: true, persist: true);

// Development's demo people sign in with it; generated at the first run and kept in the user secrets.
var demoPassword = builder.AddParameter(
    ResourceNames.DemoPassword, new GenerateParameterDefault { MinLength = 16, Special = false }, secret: true, persist: true);

// The bootstrap admin's password: wherever no enabled admin exists at start, the person 'admin' is created with it.
var adminPassword = builder.AddParameter(
    ResourceNames.AdminPassword, new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);

var api = builder.AddProject<Projects.CallCenter_ApiService>(ResourceNames.Api)
    .WithReplicas(builder.Configuration.GetValue("Api:Replicas", 2))
    .WithExternalHttpEndpoints()
    .WithReference(infrastructure.Database).WaitFor(infrastructure.Database)
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Security__AdminApiKey", apiKey)
    .WithEnvironment("Security__WebApiKey", webApiKey)
    .WithEnvironment("People__DemoPassword", demoPassword)
    .WithEnvironment("People__BootstrapAdminPassword", adminPassword)
    .WithApiLimits(builder.Configuration)
    .WithFloorSettings(builder.Configuration)
    .WithServiceSettings(builder.Configuration)
    .WithoutOtlpRetryOnShutdown()
    .WithRestartOnCrash();

// Clients and the Web app reach every replica at Api:Port through the gateway.
var gateway = builder.AddApiGateway(api, builder.Configuration.GetValue("Api:Port", 8000));

// The Web app reads its Data Protection key ring from PostgreSQL (the API's migrations make the table), so sign-ins
// and forms outlive a restart and hold on every Web replica.
var web = builder.AddProject<Projects.CallCenter_Web>(ResourceNames.Web)
    .WithReplicas(builder.Configuration.GetValue("Web:Replicas", 1))
    .WithHttpPort(builder.Configuration.GetValue("Web:Port", 3000))
    .WithExternalHttpEndpoints()
    .WithReference(infrastructure.Database)
    .WithReference(gateway).WaitFor(gateway)
    .WithEnvironment("CallCenterApi__Key", webApiKey)
    .WithHttpHealthCheck("/health")
    .WithServiceSettings(builder.Configuration)
    .WithoutOtlpRetryOnShutdown()
    .WithRestartOnCrash();

// The Web app's pages are the API's own browser origin (CORS and the socket's Origin check).
api.WithEnvironment("Security__AllowedOrigins__0", web.GetEndpoint("http"));

builder.Build().Run();
return 0;
