using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Distribution;

/// <summary>
/// A floor that distributes calls by itself (the defaults: every department auto), with short timers so a test sees
/// an offer ring out and a wrap-up end in seconds; complaints overflows to support; sales picks by hand; billing's
/// wrap-up is long enough for a person in a browser test to choose a disposition, and it orders agents by proficiency.
/// The figures' thresholds are seconds, not tens of seconds, so the stats tests can wait past them quickly.
/// </summary>
public sealed class AcdFixture() : AppFixture(
[
    $"--Acd:RingTimeoutSeconds={AcdFloor.RingTimeoutSeconds}",
    $"--Acd:WrapUpSeconds={AcdFloor.WrapUpSeconds}",
    "--Acd:Departments:complaints:OverflowTo:0=support",
    $"--Acd:Departments:complaints:OverflowAfterSeconds={AcdFloor.OverflowAfterSeconds}",
    "--Acd:Departments:sales:Mode=manual",
    $"--Acd:Departments:billing:WrapUpSeconds={AcdFloor.DeskWrapUpSeconds}",
    "--Acd:Departments:billing:ProficiencyFirst=true",
    $"--Stats:ShortAbandonSeconds={AcdFloor.ShortAbandonSeconds}",
    $"--Stats:Departments:sales:ServiceLevelSeconds={AcdFloor.SalesServiceLevelSeconds}",
    $"--CallCenter:TimeZone={AcdFloor.TimeZone}",
]);

/// <summary>Tests on the distributing floor; they run one after another, each starting from a quiet floor.</summary>
[CollectionDefinition(Name)]
public sealed class AcdCollection : ICollectionFixture<AcdFixture>, ICollectionFixture<Web.ChromiumFixture>
{
    public const string Name = "Distributing floor";
}
