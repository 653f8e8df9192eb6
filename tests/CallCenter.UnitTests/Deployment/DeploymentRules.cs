using System.Text.RegularExpressions;
using k8s.Models;

namespace CallCenter.UnitTests.Deployment;

/// <summary>
/// What the Kubernetes files must hold for the center to run on several machines. Each rule returns its problems,
/// one sentence each, so a test shows all of them at once and a mutated document can prove a rule bites.
/// </summary>
public static partial class DeploymentRules
{
    /// <summary>The Deployments that serve traffic: the API and the Web app.</summary>
    public static readonly string[] ServingDeployments = ["callcenter-api", "callcenter-web"];

    public const int MinimumReplicas = 2;
    public const string ReadinessPath = "/health";
    public const string LivenessPath = "/alive";

    /// <summary>ingress-nginx closes a socket idle for 60 s by default; live updates must outlast quiet minutes.</summary>
    public const int MinimumSocketTimeoutSeconds = 300;

    public static readonly string[] SocketTimeoutAnnotations =
        ["nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout"];

    /// <summary>Names of settings that hold secrets: keys, passwords, tokens and connection strings.</summary>
    [GeneratedRegex(@"(key|password|secret|token)(__\d+)?$|connectionstrings__", RegexOptions.IgnoreCase)]
    public static partial Regex SecretSetting();

    public static IEnumerable<string> DeploymentProblems(V1Deployment deployment)
    {
        var name = deployment.Metadata.Name;
        if (deployment.Spec.Replicas is not >= MinimumReplicas)
        {
            yield return $"{name}: replicas {deployment.Spec.Replicas?.ToString() ?? "unset"}, at least {MinimumReplicas} are needed.";
        }

        foreach (var container in deployment.Spec.Template.Spec.Containers)
        {
            var where = $"{name}/{container.Name}";
            if (container.ReadinessProbe?.HttpGet?.Path != ReadinessPath)
            {
                yield return $"{where}: no readiness probe on {ReadinessPath}.";
            }

            if (container.LivenessProbe?.HttpGet?.Path != LivenessPath)
            {
                yield return $"{where}: no liveness probe on {LivenessPath}.";
            }

            var requests = container.Resources?.Requests;
            if (requests is null || !requests.ContainsKey("cpu") || !requests.ContainsKey("memory"))
            {
                yield return $"{where}: cpu and memory requests are needed (the HPA counts CPU against the request).";
            }

            if (container.Resources?.Limits?.ContainsKey("memory") is not true)
            {
                yield return $"{where}: no memory limit.";
            }

            foreach (var problem in ImageProblems(where, container.Image))
            {
                yield return problem;
            }
        }
    }

    /// <summary>An image names a release: a tag other than latest, or a digest.</summary>
    public static IEnumerable<string> ImageProblems(string where, string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            yield return $"{where}: no image.";
            yield break;
        }

        if (image.Contains("@sha256:", StringComparison.Ordinal))
        {
            yield break;
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var tag = lastSegment.Contains(':', StringComparison.Ordinal) ? lastSegment[(lastSegment.IndexOf(':') + 1)..] : null;
        if (tag is null or "" or "latest")
        {
            yield return $"{where}: image {image} must carry a release tag, not {tag ?? "none"} (latest is implied).";
        }
    }

    /// <summary>Secret settings come from Secrets only: never an env value, never a ConfigMap key.</summary>
    public static IEnumerable<string> InlineSecrets(KubernetesDocument document)
    {
        switch (document.Object)
        {
            case V1Deployment deployment:
                foreach (var container in deployment.Spec.Template.Spec.Containers)
                {
                    foreach (var variable in container.Env ?? [])
                    {
                        if (SecretSetting().IsMatch(variable.Name) && (variable.Value is not null || variable.ValueFrom?.SecretKeyRef is null))
                        {
                            yield return $"{document.File}: {deployment.Metadata.Name}/{container.Name} sets {variable.Name} other than from a Secret.";
                        }
                    }
                }

                break;
            case V1ConfigMap configMap:
                foreach (var key in (configMap.Data?.Keys ?? []).Where(key => SecretSetting().IsMatch(key)))
                {
                    yield return $"{document.File}: ConfigMap {configMap.Metadata.Name} holds {key}, which belongs in a Secret.";
                }

                break;
            case V1Secret secret when document.File != KubernetesFiles.ExampleSecretFile:
                yield return $"{document.File}: Secret {secret.Metadata.Name} holds values; only {KubernetesFiles.ExampleSecretFile} may show one.";
                break;
        }
    }

    /// <summary>Every serving Deployment's pods are covered by a PodDisruptionBudget that keeps one of them.</summary>
    public static IEnumerable<string> UnprotectedDeployments(IReadOnlyList<KubernetesDocument> documents)
    {
        var budgets = documents.Select(document => document.Object).OfType<V1PodDisruptionBudget>().ToList();
        foreach (var deployment in Serving(documents))
        {
            var labels = deployment.Spec.Template.Metadata.Labels;
            if (!budgets.Any(budget => Selects(budget.Spec.Selector, labels) && (budget.Spec.MinAvailable is not null || budget.Spec.MaxUnavailable is not null)))
            {
                yield return $"{deployment.Metadata.Name}: no PodDisruptionBudget selects its pods.";
            }
        }
    }

    /// <summary>Every serving Deployment scales on CPU from at least two replicas; every HPA targets a Deployment here.</summary>
    public static IEnumerable<string> ScalingProblems(IReadOnlyList<KubernetesDocument> documents)
    {
        var deployments = documents.Select(document => document.Object).OfType<V1Deployment>().Select(deployment => deployment.Metadata.Name).ToHashSet();
        var autoscalers = documents.Select(document => document.Object).OfType<V2HorizontalPodAutoscaler>().ToList();
        foreach (var autoscaler in autoscalers)
        {
            var target = autoscaler.Spec.ScaleTargetRef;
            if (target.Kind != "Deployment" || !deployments.Contains(target.Name))
            {
                yield return $"HPA {autoscaler.Metadata.Name} targets {target.Kind} {target.Name}, which these files do not define.";
            }
        }

        foreach (var deployment in Serving(documents))
        {
            var scaler = autoscalers.FirstOrDefault(autoscaler => autoscaler.Spec.ScaleTargetRef.Name == deployment.Metadata.Name);
            if (scaler is null)
            {
                yield return $"{deployment.Metadata.Name}: no HorizontalPodAutoscaler.";
                continue;
            }

            if (scaler.Spec.MinReplicas is not >= MinimumReplicas || scaler.Spec.MaxReplicas < scaler.Spec.MinReplicas)
            {
                yield return $"HPA {scaler.Metadata.Name}: from {scaler.Spec.MinReplicas} to {scaler.Spec.MaxReplicas} replicas; at least {MinimumReplicas}.";
            }

            if (!(scaler.Spec.Metrics ?? []).Any(metric => metric.Resource?.Name == "cpu"))
            {
                yield return $"HPA {scaler.Metadata.Name}: does not scale on CPU.";
            }
        }
    }

    /// <summary>Every Ingress passes WebSockets for long enough, and sends traffic to a Service that selects serving pods.</summary>
    public static IEnumerable<string> IngressProblems(IReadOnlyList<KubernetesDocument> documents)
    {
        var services = documents.Select(document => document.Object).OfType<V1Service>().ToDictionary(service => service.Metadata.Name);
        var deployments = documents.Select(document => document.Object).OfType<V1Deployment>().ToList();
        foreach (var ingress in documents.Select(document => document.Object).OfType<V1Ingress>())
        {
            foreach (var annotation in SocketTimeoutAnnotations)
            {
                string? value = null;
                _ = ingress.Metadata.Annotations?.TryGetValue(annotation, out value);
                if (!int.TryParse(value, out var seconds) || seconds < MinimumSocketTimeoutSeconds)
                {
                    yield return $"Ingress {ingress.Metadata.Name}: {annotation} is {value ?? "unset"}; sockets need at least {MinimumSocketTimeoutSeconds} s.";
                }
            }

            foreach (var backend in ingress.Spec.Rules.SelectMany(rule => rule.Http.Paths).Select(path => path.Backend.Service))
            {
                if (!services.TryGetValue(backend.Name, out var service))
                {
                    yield return $"Ingress {ingress.Metadata.Name}: backend {backend.Name} is no Service here.";
                    continue;
                }

                if (!service.Spec.Ports.Any(port => port.Name == backend.Port.Name || port.Port == backend.Port.Number))
                {
                    yield return $"Ingress {ingress.Metadata.Name}: Service {backend.Name} has no port {backend.Port.Name ?? backend.Port.Number?.ToString()}.";
                }

                if (!deployments.Any(deployment => Selects(service.Spec.Selector, deployment.Spec.Template.Metadata.Labels)))
                {
                    yield return $"Service {backend.Name} selects no Deployment's pods.";
                }
            }
        }
    }

    private static IEnumerable<V1Deployment> Serving(IReadOnlyList<KubernetesDocument> documents) =>
        documents.Select(document => document.Object).OfType<V1Deployment>()
            .Where(deployment => ServingDeployments.Contains(deployment.Metadata.Name));

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels) =>
        selector.MatchExpressions is not { Count: > 0 } && Selects(selector.MatchLabels, labels);

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is { Count: > 0 } && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
