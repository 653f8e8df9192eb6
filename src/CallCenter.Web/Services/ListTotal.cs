namespace CallCenter.Web.Services;

/// <summary>
/// A list's total as people read it. The API counts matches up to a limit (10,000) and says when there are more:
/// "10000+" then, rather than a number that is not the count.
/// </summary>
public static class ListTotal
{
    public static string Show(int total, bool exact) =>
        string.Create(System.Globalization.CultureInfo.CurrentCulture, $"{total}{(exact ? "" : "+")}");
}
