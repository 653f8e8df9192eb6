using k8s;
using k8s.Models;

namespace CallCenter.UnitTests.Deployment;

/// <summary>One YAML document of deploy/kubernetes, loaded into the official client's typed object.</summary>
public sealed record KubernetesDocument(string File, IKubernetesObject Object)
{
    public string Kind => Object.Kind;

    public string Name => ((IMetadata<V1ObjectMeta>)Object).Metadata.Name;
}

/// <summary>A kustomization.yaml: not a Kubernetes object, so it gets its own shape (the fields we use).</summary>
public sealed class Kustomization
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Namespace { get; set; }
    public List<string> Resources { get; set; } = [];
    public List<KustomizePatch> Patches { get; set; } = [];
    public List<KustomizeImage> Images { get; set; } = [];
}

public sealed class KustomizePatch
{
    public string? Path { get; set; }
}

public sealed class KustomizeImage
{
    public string Name { get; set; } = "";
    public string? NewName { get; set; }
    public string? NewTag { get; set; }
    public string? Digest { get; set; }
}

/// <summary>
/// The files under deploy/kubernetes as the tests read them: every document strictly typed (an unknown or misspelt
/// field fails to load), kustomizations apart, and what each kustomization builds from its resources.
/// </summary>
public sealed class KubernetesFiles
{
    public const string ExampleSecretFile = "base/secret.example.yaml";

    private KubernetesFiles(string root, IReadOnlyList<KubernetesDocument> documents, IReadOnlyDictionary<string, Kustomization> kustomizations)
    {
        Root = root;
        Documents = documents;
        Kustomizations = kustomizations;
    }

    /// <summary>deploy/kubernetes, found from the test's folder up to the repository's root.</summary>
    public string Root { get; }

    /// <summary>Every Kubernetes document, by file relative to <see cref="Root"/> ('/'-separated).</summary>
    public IReadOnlyList<KubernetesDocument> Documents { get; }

    /// <summary>Every kustomization by its folder relative to <see cref="Root"/>.</summary>
    public IReadOnlyDictionary<string, Kustomization> Kustomizations { get; }

    public static KubernetesFiles Load()
    {
        var root = Path.Combine(RepositoryFiles.Root, "deploy", "kubernetes");
        var documents = new List<KubernetesDocument>();
        var kustomizations = new Dictionary<string, Kustomization>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = Relative(root, path);
            var text = File.ReadAllText(path);
            if (Path.GetFileName(path) == "kustomization.yaml")
            {
                kustomizations[Path.GetDirectoryName(file)!.Replace('\\', '/')] = KubernetesYaml.Deserialize<Kustomization>(text, strict: true);
                continue;
            }

            documents.AddRange(KubernetesYaml.LoadAllFromString(text, strict: true)
                .Select(loaded => new KubernetesDocument(file, (IKubernetesObject)loaded)));
        }

        return new KubernetesFiles(root, documents, kustomizations);
    }

    /// <summary>The documents a kustomization folder lists, through the folders it builds on (patches left out).</summary>
    public IReadOnlyList<KubernetesDocument> ResourcesOf(string folder)
    {
        var documents = new List<KubernetesDocument>();
        foreach (var resource in Kustomizations[folder].Resources)
        {
            var target = Normalise(folder, resource);
            documents.AddRange(Kustomizations.ContainsKey(target) ? ResourcesOf(target) : Documents.Where(document => document.File == target));
        }

        return documents;
    }

    /// <summary>Files and folders a kustomization names (resources, patches), relative to <see cref="Root"/>.</summary>
    public IEnumerable<string> ReferencesOf(string folder)
    {
        var kustomization = Kustomizations[folder];
        return kustomization.Resources.Concat(kustomization.Patches.Select(patch => patch.Path ?? ""))
            .Select(reference => Normalise(folder, reference));
    }

    public bool Exists(string relative) =>
        File.Exists(Path.Combine(Root, relative)) || Directory.Exists(Path.Combine(Root, relative));

    public string Normalise(string folder, string reference) =>
        Relative(Root, Path.GetFullPath(Path.Combine(Root, folder, reference)));

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}

/// <summary>The repository's root: the folder holding CallCenter.sln, above the test's output.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CallCenter.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CallCenter.sln above {AppContext.BaseDirectory}.");
    }
}
