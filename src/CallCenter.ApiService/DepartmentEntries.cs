using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService;

/// <summary>
/// Checks each department's entry of an options section (<c>Acd:Departments</c>, <c>Stats:Departments</c>): data
/// annotations stop at a dictionary, so its values are validated here, each error named by its configuration path.
/// </summary>
public static class DepartmentEntries
{
    public const string Member = "Departments";

    public static IEnumerable<ValidationResult> Validate<TEntry>(IReadOnlyDictionary<string, TEntry> departments)
        where TEntry : notnull
    {
        foreach (var (department, entry) in departments)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(entry, new ValidationContext(entry), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(
                    $"{Member}:{department}: {result.ErrorMessage}",
                    result.MemberNames.Select(member => $"{Member}:{department}:{member}"));
            }
        }
    }
}
