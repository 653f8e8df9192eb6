namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// The app as a developer runs it (Development, demo data), shared by every test in the <see cref="CallCenterCollection"/>;
/// its floor picks calls by hand (<see cref="CallCenterApp.ManualFloor"/>). Its tests count exactly the events each
/// change writes, so the live figures are not pushed here (the distributing floor's tests push them). Webhooks may
/// reach the tests' receivers on loopback, and retry within a second instead of 5 s, 5 min….
/// </summary>
public sealed class CallCenterFixture() : AppFixture(
[
    .. CallCenterApp.ManualFloor, "--Stats:PushIntervalSeconds=0",
    "--Webhooks:AllowedHosts:0=127.0.0.1", "--Webhooks:RetryDelays:0=00:00:00.200", "--Webhooks:RetryDelays:1=00:00:00.500",
]);

/// <summary>The tests that share the running app; browser tests also share one Chromium, launched when first needed.</summary>
[CollectionDefinition(Name)]
public sealed class CallCenterCollection : ICollectionFixture<CallCenterFixture>, ICollectionFixture<Web.ChromiumFixture>
{
    public const string Name = "CallCenter app";
}
