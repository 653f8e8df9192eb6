using CallCenter.ApiService.People;
using CallCenter.ApiService.Requests;
using CsCheck;

namespace CallCenter.UnitTests.People;

public sealed class PersonRulesTests
{
    private static readonly Gen<string> Role = Gen.Int[0, 2].Select(index => new[] { "agent", "supervisor", "admin" }[index]);

    private static Person Admin(string userName = "nora", bool disabled = false) =>
        new() { UserName = userName, Role = "admin", DisabledAt = disabled ? DateTime.UtcNow : null };

    [Theory]
    [InlineData("supervisor", false, "role")]
    [InlineData("admin", true, "disabled")]
    public void NobodyChangesTheirOwnRoleOrDisablesThemselves(string role, bool disable, string field)
    {
        var refused = Assert.Throws<ApiProblemException>(() => PersonRules.CheckChange("NORA", Admin(), role, disable, otherEnabledAdmins: 3));

        Assert.Equal(400, refused.StatusCode);
        Assert.StartsWith($"{field}:", refused.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supervisor", false, "role")]
    [InlineData("agent", false, "role")]
    [InlineData("admin", true, "disabled")]
    public void TheLastEnabledAdminStaysOne(string role, bool disable, string field)
    {
        var refused = Assert.Throws<ApiProblemException>(() => PersonRules.CheckChange("omar", Admin(), role, disable, otherEnabledAdmins: 0));

        Assert.Equal(409, refused.StatusCode);
        Assert.StartsWith($"{field}:", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherAdminMayDemoteOrDisableAnAdminWhileOneRemains()
    {
        PersonRules.CheckChange("omar", Admin(), "supervisor", disable: false, otherEnabledAdmins: 1);
        PersonRules.CheckChange("omar", Admin(), "admin", disable: true, otherEnabledAdmins: 1);
        // A disabled admin is no admin to keep: enabling or demoting them never empties the floor.
        PersonRules.CheckChange("omar", Admin(disabled: true), "supervisor", disable: true, otherEnabledAdmins: 0);
    }

    [Fact]
    public void TheRulesNeverLeaveTheFloorWithoutAnEnabledAdmin() =>
        Gen.Select(Gen.Select(Role, Gen.Bool, Role), Gen.Select(Gen.Bool, Gen.Int[0, 2], Gen.Bool))
            .Sample(change =>
            {
                var ((before, wasDisabled, after), (disable, others, self)) = change;
                var person = new Person { UserName = "sara", Role = before, DisabledAt = wasDisabled ? DateTime.UtcNow : null };
                var enabledAdminsBefore = others + (before == "admin" && !wasDisabled ? 1 : 0);
                try
                {
                    PersonRules.CheckChange(self ? "sara" : "omar", person, after, disable, others);
                }
                catch (ApiProblemException)
                {
                    return true;
                }

                var enabledAdminsAfter = others + (after == "admin" && !disable ? 1 : 0);
                return (enabledAdminsBefore == 0 || enabledAdminsAfter > 0) && (!self || (after == before && (!disable || wasDisabled)));
            });

    [Theory]
    [InlineData("agent", null, null, "agent_id")]
    [InlineData("supervisor", "AGT-001", null, "agent_id")]
    [InlineData("admin", null, "support", "department")]
    [InlineData("agent", "AGT-001", "support", "department")]
    public void ExactlyAgentsWorkOneAgentsDesk(string role, string? agentId, string? department, string field)
    {
        var refused = Assert.Throws<ApiProblemException>(() => PersonRules.CheckAgentLink(role, agentId, department));

        Assert.StartsWith($"{field}:", refused.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent", "AGT-001", null)]
    [InlineData("agent", null, "support")]
    [InlineData("supervisor", null, null)]
    public void AnAgentWithOneDeskAndOthersWithNonePass(string role, string? agentId, string? department) =>
        PersonRules.CheckAgentLink(role, agentId, department);

    [Theory]
    [InlineData("agent", "AGT-001", false, false)]
    [InlineData("agent", "AGT-002", false, true)]
    [InlineData("supervisor", null, false, true)]
    [InlineData("agent", "AGT-001", true, true)]
    public void OnlyChangesToWhatTheyMayDoEndTheirSignIns(string role, string? agentId, bool disable, bool ends)
    {
        var before = new Person { UserName = "sara", Role = "agent", AgentId = "AGT-001" };

        Assert.Equal(ends, PersonRules.EndsSignIns(before, role, agentId, disable));
    }
}
