using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Production;

/// <summary>
/// The whole AppHost as it runs in Production (<c>--Services:Environment=Production</c>): no demo data, no documentation,
/// CORS for the Web app's origin only, forwarded headers believed from <see cref="TrustedProxy"/> only, all over the
/// AppHost's plain http. Nobody is seeded to sign in to Web here.
/// </summary>
public sealed class ProductionFixture() : AppFixture(
[
    "--Services:Environment=Production",
    // The AppHost's own proxy stands in for a TLS terminator: every request through it comes from this address.
    $"--ForwardedHeaders:KnownProxies:0={TrustedProxy}",
    $"--Api:AllowedOrigins:0={PartnerOrigin}",
])
{
    public const string TrustedProxy = "127.0.0.1";

    /// <summary>A further browser origin allowed by <c>Api:AllowedOrigins</c>, besides the Web app's.</summary>
    public const string PartnerOrigin = "https://crm.example.com";

    /// <summary>The Web app's origin as browsers send it, which the AppHost gives the API as its own.</summary>
    public string WebOrigin => WebEndpoint.GetLeftPart(UriPartial.Authority);
}

/// <summary>The tests that share the Production app; a Chromium is there for browser tests, launched when first needed.</summary>
[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<ProductionFixture>, ICollectionFixture<Web.ChromiumFixture>
{
    public const string Name = "Production app";
}
