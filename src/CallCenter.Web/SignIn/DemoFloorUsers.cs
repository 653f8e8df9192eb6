using Microsoft.Extensions.Options;

namespace CallCenter.Web.SignIn;

/// <summary>Development's demo floor, matching the API's demo agents: AGT-001…AGT-008, a supervisor and an admin.</summary>
internal sealed class DemoFloorUsers(FloorUserStore store, IOptions<DemoFloorOptions> options, IHostEnvironment environment, ILogger<DemoFloorUsers> logger)
    : IHostedService
{
    public const int AgentCount = 8;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return Task.CompletedTask;
        }

        var password = options.Value.DemoPassword!;
        for (var number = 1; number <= AgentCount; number++)
        {
            var agentId = $"AGT-{number:D3}";
            store.Add(new FloorUser(agentId, FloorRoles.Agent, agentId), password);
        }

        store.Add(new FloorUser(FloorRoles.Supervisor, FloorRoles.Supervisor, null), password);
        store.Add(new FloorUser(FloorRoles.Admin, FloorRoles.Admin, null), password);
        logger.LogInformation("Demo sign-in: AGT-001…AGT-{Last:D3}, supervisor and admin, with the DemoPassword setting", AgentCount);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
