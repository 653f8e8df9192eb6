using System.ComponentModel.DataAnnotations;

namespace CallCenter.ApiService.Requests;

/// <summary>A closed set of string values; the error lists them, and OpenAPI shows them as an enum.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(params string[] values) : ValidationAttribute
{
    public IReadOnlyList<string> Values { get; } = values;

    public override bool IsValid(object? value) => value is null || (value is string text && Values.Contains(text));

    public override string FormatErrorMessage(string name) => $"must be one of: {string.Join(", ", Values)}.";
}
