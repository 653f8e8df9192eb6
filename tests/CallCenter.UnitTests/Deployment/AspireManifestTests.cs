using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;

namespace CallCenter.UnitTests.Deployment;

/// <summary>
/// deploy/aspire-manifest.json (the AppHost's model, published; a test in CallCenter.Tests keeps it equal to the
/// AppHost) against deploy/kubernetes: every resource has its counterpart there or a stated reason not to, and every
/// setting the AppHost gives the API or the Web app is given in Kubernetes too, secrets from the Secret key named
/// after the same parameter or resource.
/// </summary>
public sealed partial class AspireManifestTests
{
    /// <summary>Resources that run outside these files, or not at all, and why.</summary>
    private static readonly Dictionary<string, string> NotDeployedHere = new(StringComparer.Ordinal)
    {
        ["gateway"] = "the Service callcenter-api balances the API's replicas; the Web app reaches it at CallCenterApi__BaseAddress",
        ["postgres"] = "managed or external PostgreSQL, reached through the callcenterdb connection string",
        ["postgres-password"] = "part of the callcenterdb connection string",
        ["redis-password"] = "part of the redis connection string",
        ["demo-password"] = "Development's demo people only; Production seeds none",
    };

    /// <summary>Settings the AppHost gives that Kubernetes deliberately does not, by prefix, and why.</summary>
    private static readonly Dictionary<string, string> SettingsNotGiven = new(StringComparer.Ordinal)
    {
        ["CALLCENTERDB_"] = "Aspire's connection properties; the services read the connection string only",
        ["REDIS_"] = "Aspire's connection properties; the services read the connection string only",
        ["GATEWAY_"] = "the gateway's address; CallCenterApi__BaseAddress names the API's Service instead",
        ["services__gateway__"] = "the gateway's address; CallCenterApi__BaseAddress names the API's Service instead",
        ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "it would believe every proxy; ForwardedHeaders__KnownNetworks names the ingress's",
        ["People__DemoPassword"] = "Development's demo people only",
    };

    private readonly JsonObject _resources = (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(RepositoryFiles.Root, "deploy", "aspire-manifest.json")))!["resources"]!;

    private readonly IReadOnlyList<KubernetesDocument> _cluster = KubernetesFiles.Load().ResourcesOf("overlays/production");

    [Fact]
    public void EveryManifestResourceHasACounterpartOrAReason()
    {
        var secretKeys = Deployments().SelectMany(ContainersOf).SelectMany(container => container.Env ?? [])
            .Select(variable => variable.ValueFrom?.SecretKeyRef?.Key).OfType<string>().ToHashSet();
        var deployments = Deployments().Select(deployment => deployment.Metadata.Name).ToHashSet();

        foreach (var (name, resource) in _resources)
        {
            var type = (string)resource!["type"]!;
            var derived = type == "annotated.string" || name.StartsWith("cond-", StringComparison.Ordinal);
            var counterpart = type.StartsWith("project.", StringComparison.Ordinal)
                ? deployments.Contains(DeploymentOf(name))
                : secretKeys.Contains(name);
            Assert.True(derived || counterpart || NotDeployedHere.ContainsKey(name),
                $"The AppHost's {type} '{name}' has no counterpart in deploy/kubernetes (a Deployment callcenter-{name}, or a Secret key '{name}'), and no stated reason.");
        }
    }

    [Theory]
    [InlineData("api")]
    [InlineData("web")]
    public void EverySettingTheAppHostGivesIsGivenInKubernetes(string project)
    {
        var deployment = Deployments().Single(deployment => deployment.Metadata.Name == DeploymentOf(project));
        var given = SettingsOf(deployment);
        var manifest = _resources[project]!["env"]!.AsObject();

        foreach (var (name, node) in manifest)
        {
            if (SettingsNotGiven.Keys.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            var value = (string)node!;
            Assert.True(given.TryGetValue(name, out var source), $"{deployment.Metadata.Name} does not set {name} (the AppHost gives {value}).");
            if (Reference().Match(value) is { Success: true } reference && IsSecret(reference.Groups["resource"].Value))
            {
                Assert.Equal($"secret:{reference.Groups["resource"].Value}", source);
            }
            else if (!value.Contains('{', StringComparison.Ordinal))
            {
                Assert.Equal($"value:{value}", source);
            }
        }
    }

    [Fact]
    public void ContainersListenWhereTheirServicesSend()
    {
        foreach (var deployment in Deployments())
        {
            Assert.Equal(SettingsOf(deployment)["HTTP_PORTS"], $"value:{ContainersOf(deployment).Single().Ports.Single(port => port.Name == "http").ContainerPort}");
        }

        Assert.StartsWith("value:http://callcenter-api", SettingsOf(Deployments().Single(deployment => deployment.Metadata.Name == "callcenter-web"))["CallCenterApi__BaseAddress"], StringComparison.Ordinal);
    }

    /// <summary>A secret parameter, or a resource whose connection string carries a password.</summary>
    private bool IsSecret(string resource) =>
        _resources[resource] is { } node
        && ((bool?)node["inputs"]?["value"]?["secret"] == true || node["connectionString"] is not null);

    /// <summary>Each variable a Deployment's container gets: <c>secret:key</c>, <c>value:text</c> or <c>field:path</c>.</summary>
    private Dictionary<string, string> SettingsOf(V1Deployment deployment)
    {
        var container = ContainersOf(deployment).Single();
        var configMaps = _cluster.Select(document => document.Object).OfType<V1ConfigMap>().ToDictionary(configMap => configMap.Metadata.Name);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            foreach (var (key, value) in configMaps[source.ConfigMapRef.Name].Data)
            {
                settings[key] = $"value:{value}";
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            settings[variable.Name] = variable switch
            {
                { ValueFrom.SecretKeyRef: { } secret } => $"secret:{secret.Key}",
                { ValueFrom.FieldRef: { } field } => $"field:{field.FieldPath}",
                _ => $"value:{variable.Value}",
            };
        }

        return settings;
    }

    private IEnumerable<V1Deployment> Deployments() => _cluster.Select(document => document.Object).OfType<V1Deployment>();

    private static IList<V1Container> ContainersOf(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers;

    private static string DeploymentOf(string project) => $"callcenter-{project}";

    /// <summary>A whole value that is one resource's value or connection string: <c>{api-key.value}</c>.</summary>
    [GeneratedRegex(@"^\{(?<resource>[\w-]+)\.(value|connectionString)\}$")]
    private static partial Regex Reference();
}
