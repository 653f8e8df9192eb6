using System.Net;

namespace CallCenter.Tests.Infrastructure;

/// <summary>People of a test's own, added through the API as an admin would, with passwords of their own.</summary>
public static class TestPeople
{
    /// <summary>A new person; an agent gets a new agent in support. Returns their user name and password.</summary>
    public static async Task<(string UserName, string Password)> AddAsync(ApiClient admin, string role)
    {
        var userName = $"{role}-{Guid.NewGuid():N}"[..24];
        var password = $"pw-{Guid.NewGuid():N}";
        (await admin.PostAsync("/api/people", new
        {
            user_name = userName,
            display_name = $"Test {role}",
            role,
            department = role == "agent" ? "support" : null,
            password,
        })).Expect(HttpStatusCode.Created);
        return (userName, password);
    }

    /// <summary>Makes them an agent at a new desk in support: a change that ends their sign-ins.</summary>
    public static async Task MakeAgentAsync(ApiClient admin, string userName) =>
        (await admin.PatchAsync($"/api/people/{userName}", new { role = "agent", department = "support" })).Expect(HttpStatusCode.OK);
}
