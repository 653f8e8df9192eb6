using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CallCenter.Tests.Web;

/// <summary>Every English text the pages ask for has an Arabic one, so the Arabic UI never falls back to English.</summary>
public sealed partial class ArabicTextTests
{
    [Fact]
    public void EveryPageTextHasAnArabicTranslation()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "CallCenter.Web");
        var arabic = XDocument.Load(Path.Combine(web, "Localization", "UiText.ar.resx")).Root!.Elements("data")
            .ToDictionary(data => (string)data.Attribute("name")!, data => (string)data.Element("value")!);

        var asked = Directory.EnumerateFiles(Path.Combine(web, "Pages"), "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cshtml", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal))
            .Append(Path.Combine(web, "Localization", "Labels.cs"))
            .SelectMany(path => PageText().Matches(File.ReadAllText(path)).Select(match => match.Groups["text"].Value))
            .Where(text => text != "page")
            .Distinct()
            .ToList();

        Assert.NotEmpty(asked);
        var missing = asked.Where(text => !arabic.TryGetValue(text, out var translation) || string.IsNullOrWhiteSpace(translation)).ToList();
        Assert.True(missing.Count == 0, $"No Arabic for: {string.Join(" | ", missing)}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CallCenter.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CallCenter.sln not found above the test output.");
    }

    /// <summary>T["…"] and text["…"] in pages, ErrorMessage/Name in annotations, and the words of Labels.</summary>
    [GeneratedRegex("""(?:\bT\[|\btext\[|ErrorMessage = |Name = |\] = )"(?<text>(?:[^"\\]|\\.)+)"(?!\s*\])""")]
    private static partial Regex PageText();
}
