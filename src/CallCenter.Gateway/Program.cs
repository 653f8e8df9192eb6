using CallCenter.Gateway;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddProblemDetails();
builder.Services.AddReverseProxy().LoadFromMemory([], []);
builder.Services.AddSingleton<IPassiveHealthCheckPolicy, ReplicaDownPolicy>();
builder.Services.AddSingleton<UnavailableAnswer>();
builder.Services.AddHostedService<ReplicaRoster>();

var app = builder.Build();

app.UseForwardedHeaders();
// No health endpoints of its own: /health and /alive on the API's address are the API's, forwarded like any path.
var unavailable = app.Services.GetRequiredService<UnavailableAnswer>();
app.MapReverseProxy(pipeline =>
{
    pipeline.Use((context, next) => unavailable.InvokeAsync(context, next));
    pipeline.UseSessionAffinity();
    pipeline.UseLoadBalancing();
    pipeline.UsePassiveHealthChecks();
});

app.Run();
