using CallCenter.Tests.Infrastructure;

namespace CallCenter.Tests.Web;

/// <summary>
/// Stand-in until main's own ACD fixture lands: the app with call distribution at its defaults (every department
/// automatic). To be replaced by it.
/// </summary>
public sealed class ProvisionalAcdFixture : AppFixture;

[CollectionDefinition(Name)]
public sealed class ProvisionalAcdCollection : ICollectionFixture<ProvisionalAcdFixture>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "ACD app (provisional)";
}
