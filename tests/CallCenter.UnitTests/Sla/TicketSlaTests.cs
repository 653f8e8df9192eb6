using CallCenter.ApiService.Sla;
using CallCenter.ApiService.Tickets;
using static CallCenter.UnitTests.Sla.SlaCalendars;

namespace CallCenter.UnitTests.Sla;

public sealed class TicketSlaTests
{
    private static readonly SlaPlan Plan = new(Policy(), Riyadh);

    private static SlaChange Opened(string at = "07 09:00") => TicketSla.Open(Plan, "high", Local(at));

    private static SlaChange Move(SlaChange before, string at, string from, string to, bool reply = false, bool customer = false, string priority = "high") =>
        TicketSla.Apply(Plan, before.Targets, new TicketMove(from, to, priority, reply, customer, TermsChanged: priority != "high"), Local(at));

    private static SlaTarget Target(SlaChange change, string kind) => change.Targets.Single(target => target.Kind == kind);

    [Fact]
    public void ANewTicketRunsFirstResponseAndResolution()
    {
        var opened = Opened();

        Assert.Equal([SlaKind.FirstResponse, SlaKind.Resolution], opened.Targets.Select(target => target.Kind));
        Assert.All(opened.Targets, target => Assert.Equal(SlaStatus.Active, target.Status));
        Assert.Equal(2, opened.Log.Count(entry => entry.What == SlaEvents.Started));
    }

    [Fact]
    public void TheFirstPublicReplyMeetsFirstResponseOnly()
    {
        var replied = Move(Opened(), "07 09:30", TicketStatus.Open, TicketStatus.InProgress, reply: true);

        Assert.Equal(SlaStatus.Achieved, Target(replied, SlaKind.FirstResponse).Status);
        Assert.Equal(SlaStatus.Active, Target(replied, SlaKind.Resolution).Status);
    }

    [Fact]
    public void ACustomerUpdateBeforeTheFirstReplyStartsNoSecondClock()
    {
        var updated = Move(Opened(), "07 09:10", TicketStatus.Open, TicketStatus.Open, customer: true);

        Assert.DoesNotContain(updated.Targets, target => target.Kind == SlaKind.NextResponse);
    }

    [Fact]
    public void EachCustomerUpdateAfterAReplyRestartsNextResponse()
    {
        var replied = Move(Opened(), "07 09:30", TicketStatus.Open, TicketStatus.InProgress, reply: true);
        var updated = Move(replied, "07 10:00", TicketStatus.InProgress, TicketStatus.InProgress, customer: true);
        Assert.Equal(Local("07 12:00"), Target(updated, SlaKind.NextResponse).DueAt);

        var again = Move(updated, "07 11:00", TicketStatus.InProgress, TicketStatus.InProgress, customer: true);
        Assert.Equal(Local("07 13:00"), Target(again, SlaKind.NextResponse).DueAt);

        var answered = Move(again, "07 11:30", TicketStatus.InProgress, TicketStatus.InProgress, reply: true);
        Assert.Equal(SlaStatus.Achieved, Target(answered, SlaKind.NextResponse).Status);
    }

    [Fact]
    public void PendingPausesResolutionAndNextResponseButNotFirstResponse()
    {
        var replied = Move(Opened(), "07 09:30", TicketStatus.Open, TicketStatus.InProgress, reply: true);
        var updated = Move(replied, "07 10:00", TicketStatus.InProgress, TicketStatus.InProgress, customer: true);
        var pending = Move(updated, "07 10:30", TicketStatus.InProgress, TicketStatus.Pending);
        Assert.Equal(SlaStatus.Paused, Target(pending, SlaKind.Resolution).Status);
        Assert.Equal(SlaStatus.Paused, Target(pending, SlaKind.NextResponse).Status);

        var unanswered = Move(Opened(), "07 09:30", TicketStatus.Open, TicketStatus.Pending);
        Assert.Equal(SlaStatus.Active, Target(unanswered, SlaKind.FirstResponse).Status);

        // Back at 12:30: two business hours were paused, so resolution (due 17:00) moves to 19:00 → Tuesday 10:00.
        var back = Move(pending, "07 12:30", TicketStatus.Pending, TicketStatus.Open);
        Assert.Equal(SlaStatus.Active, Target(back, SlaKind.Resolution).Status);
        Assert.Equal(Local("08 10:00"), Target(back, SlaKind.Resolution).DueAt);
        Assert.Contains(back.Log, entry => entry.What == SlaEvents.Resumed && entry.Kind == SlaKind.Resolution);
    }

    [Fact]
    public void ResolvingStopsEveryClockAndReopeningResumesResolution()
    {
        var resolved = Move(Opened(), "07 11:00", TicketStatus.Open, TicketStatus.Resolved);
        Assert.All(resolved.Targets, target => Assert.Equal(SlaStatus.Achieved, target.Status));
        Assert.All(resolved.Targets, target => Assert.Null(target.FireAt));

        var reopened = Move(resolved, "08 09:00", TicketStatus.Resolved, TicketStatus.Open);
        var resolution = Target(reopened, SlaKind.Resolution);
        Assert.Equal(SlaStatus.Active, resolution.Status);
        // 2 of 8 business hours were used before it was resolved.
        Assert.Equal(Local("08 15:00"), resolution.DueAt);
        Assert.Equal(SlaStatus.Achieved, Target(reopened, SlaKind.FirstResponse).Status);
    }

    [Fact]
    public void AHigherPriorityShortensOpenTargetsKeepingTheTimeUsed()
    {
        var urgent = Move(Opened(), "07 09:20", TicketStatus.Open, TicketStatus.Open, priority: "urgent");

        Assert.Equal(Local("07 09:30"), Target(urgent, SlaKind.FirstResponse).DueAt);
        Assert.Equal(Local("07 13:00"), Target(urgent, SlaKind.Resolution).DueAt);
        Assert.Contains(urgent.Log, entry => entry.What == SlaEvents.Retargeted);
    }

    [Fact]
    public void AMoveThatChangesNothingLogsNothing()
    {
        var same = Move(Opened(), "07 09:20", TicketStatus.Open, TicketStatus.Open);

        Assert.Empty(same.Log);
    }

    [Theory]
    [InlineData("low", "medium")]
    [InlineData("medium", "high")]
    [InlineData("high", "urgent")]
    [InlineData("urgent", "urgent")]
    public void EscalationRaisesThePriorityOneStep(string from, string to) => Assert.Equal(to, TicketSla.Raised(from));

    [Fact]
    public void TheFirstMatchingPolicyInPositionOrderApplies()
    {
        SlaPolicy[] policies =
        [
            new() { PolicyId = "catch-all", Position = 1000 },
            new() { PolicyId = "vip", Position = 5, Conditions = new() { CustomerId = "CUST-001" } },
            new() { PolicyId = "urgent-support", Position = 10, Conditions = new() { Department = "support", Priority = "urgent" } },
        ];

        Assert.Equal("vip", SlaPolicy.Match(policies, "support", "urgent", "CUST-001")!.PolicyId);
        Assert.Equal("urgent-support", SlaPolicy.Match(policies, "support", "urgent", "CUST-002")!.PolicyId);
        Assert.Equal("catch-all", SlaPolicy.Match(policies, "support", "high", null)!.PolicyId);
        Assert.Null(SlaPolicy.Match(policies.Skip(1), "sales", "low", null));
    }
}
