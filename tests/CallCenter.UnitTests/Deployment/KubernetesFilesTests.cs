using k8s.Models;

namespace CallCenter.UnitTests.Deployment;

/// <summary>
/// deploy/kubernetes, read as the official client reads it: every document loads into its typed object, the
/// kustomizations hold together, and the rules for running on several machines hold. Each rule is also shown to
/// fail on a document broken in memory.
/// </summary>
public sealed class KubernetesFilesTests
{
    private const string Base = "base";
    private const string Production = "overlays/production";

    private readonly KubernetesFiles _files = KubernetesFiles.Load();

    [Fact]
    public void EveryDocumentLoadsStrictlyIntoTheClientsTypedObjects()
    {
        // Load() already refused unknown or misspelt fields; here every file gave something and every kind is known.
        var files = Directory.EnumerateFiles(_files.Root, "*.yaml", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "kustomization.yaml")
            .Select(path => Path.GetRelativePath(_files.Root, path).Replace('\\', '/'));
        Assert.All(files, file => Assert.Contains(_files.Documents, document => document.File == file));
        Assert.All(_files.Documents, document => Assert.False(string.IsNullOrEmpty(document.Name), $"{document.File}: a {document.Kind} without a name"));
        Assert.All(_files.Kustomizations.Values, kustomization =>
            Assert.Equal(("kustomize.config.k8s.io/v1beta1", "Kustomization"), (kustomization.ApiVersion, kustomization.Kind)));
        Assert.Equal([Base, Production], _files.Kustomizations.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KustomizationsNameOnlyFilesThatExist() =>
        Assert.All(_files.Kustomizations.Keys.SelectMany(folder => _files.ReferencesOf(folder)),
            reference => Assert.True(_files.Exists(reference), $"{reference} is named by a kustomization but does not exist"));

    [Fact]
    public void EveryFileBelongsToAKustomizationExceptTheExampleSecret()
    {
        var referenced = _files.Kustomizations.Keys.SelectMany(folder => _files.ReferencesOf(folder)).ToHashSet();
        var files = _files.Documents.Select(document => document.File).Distinct();

        Assert.Equal([KubernetesFiles.ExampleSecretFile], files.Where(file => !referenced.Contains(file)));
    }

    [Fact]
    public void ServingDeploymentsHaveReplicasProbesResourcesAndReleaseImages()
    {
        var deployments = Deployments(_files.ResourcesOf(Production));

        Assert.Equal(DeploymentRules.ServingDeployments, deployments.Select(deployment => deployment.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Empty(deployments.SelectMany(DeploymentRules.DeploymentProblems));
    }

    [Fact]
    public void NoSecretValueIsWrittenInline() =>
        Assert.Empty(_files.Documents.SelectMany(DeploymentRules.InlineSecrets));

    [Fact]
    public void EveryServingDeploymentHasADisruptionBudgetAndScalesOnCpu()
    {
        var resources = _files.ResourcesOf(Production);

        Assert.Empty(DeploymentRules.UnprotectedDeployments(resources));
        Assert.Empty(DeploymentRules.ScalingProblems(resources));
    }

    [Fact]
    public void IngressPassesSocketsToServicesThatSelectServingPods()
    {
        var resources = _files.ResourcesOf(Production);

        Assert.Single(resources, document => document.Object is V1Ingress);
        Assert.Empty(DeploymentRules.IngressProblems(resources));
    }

    [Fact]
    public void ProductionOverlayPatchesObjectsTheBaseDefines()
    {
        var built = _files.ResourcesOf(Production).Select(document => (document.Kind, document.Name)).ToHashSet();
        var patches = _files.ReferencesOf(Production).Where(reference => _files.Kustomizations[Production].Patches
            .Any(patch => _files.Normalise(Production, patch.Path!) == reference));

        Assert.All(_files.Documents.Where(document => patches.Contains(document.File)),
            patch => Assert.Contains((patch.Kind, patch.Name), built));
        // A patched Ingress keeps pointing at Services that exist, and the base's socket timeouts stay (a patch merges).
        var patchedRules = _files.Documents.Where(document => patches.Contains(document.File)).Select(document => document.Object).OfType<V1Ingress>();
        var services = _files.ResourcesOf(Production).Select(document => document.Object).OfType<V1Service>().Select(service => service.Metadata.Name).ToHashSet();
        Assert.All(patchedRules.SelectMany(ingress => ingress.Spec.Rules).SelectMany(rule => rule.Http.Paths),
            path => Assert.Contains(path.Backend.Service.Name, services));
    }

    [Fact]
    public void ProductionOverlayPinsImagesTheDeploymentsRun()
    {
        var images = Deployments(_files.ResourcesOf(Production))
            .SelectMany(deployment => deployment.Spec.Template.Spec.Containers)
            .Select(container => container.Image[..container.Image.LastIndexOf(':')])
            .ToHashSet();
        var overrides = _files.Kustomizations[Production].Images;

        Assert.Equal(images.Order(StringComparer.Ordinal), overrides.Select(image => image.Name).Order(StringComparer.Ordinal));
        Assert.All(overrides, image => Assert.Empty(DeploymentRules.ImageProblems(
            image.Name, image.Digest is { } digest ? $"{image.NewName ?? image.Name}@{digest}" : $"{image.NewName ?? image.Name}:{image.NewTag}")));
    }

    [Fact]
    public void ADeploymentWithoutAReadinessProbeOrWithALatestImageIsRefused()
    {
        var api = Deployment("callcenter-api");
        api.Spec.Template.Spec.Containers[0].ReadinessProbe = null;
        api.Spec.Template.Spec.Containers[0].Image = "ghcr.io/callcenter/api:latest";
        api.Spec.Replicas = 1;

        var problems = DeploymentRules.DeploymentProblems(api).ToList();

        Assert.Contains(problems, problem => problem.Contains("readiness", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("latest", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("replicas 1", StringComparison.Ordinal));
        Assert.NotEmpty(DeploymentRules.ImageProblems("untagged", "ghcr.io/callcenter/web"));
    }

    [Fact]
    public void AnInlinePasswordIsRefused()
    {
        var document = _files.Documents.Single(document => document.Object is V1Deployment { Metadata.Name: "callcenter-api" });
        var api = (V1Deployment)document.Object;
        api.Spec.Template.Spec.Containers[0].Env.Add(new V1EnvVar { Name = "People__BootstrapAdminPassword", Value = "hunter2hunter2" });

        Assert.Single(DeploymentRules.InlineSecrets(document));
    }

    [Fact]
    public void ShortSocketTimeoutsAndAMissingBudgetAreRefused()
    {
        var resources = _files.ResourcesOf(Production).ToList();
        var ingress = resources.Select(document => document.Object).OfType<V1Ingress>().Single();
        ingress.Metadata.Annotations[DeploymentRules.SocketTimeoutAnnotations[0]] = "60";
        resources.RemoveAll(document => document.Object is V1PodDisruptionBudget { Metadata.Name: "callcenter-web" });

        Assert.Single(DeploymentRules.IngressProblems(resources));
        Assert.Single(DeploymentRules.UnprotectedDeployments(resources));
    }

    private V1Deployment Deployment(string name) =>
        Deployments(_files.Documents).Single(deployment => deployment.Metadata.Name == name);

    private static List<V1Deployment> Deployments(IEnumerable<KubernetesDocument> documents) =>
        documents.Select(document => document.Object).OfType<V1Deployment>().ToList();
}
