using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using CallCenter.Web.Stats;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.Reports;

/// <summary>
/// Supervisors' reports: the KPIs per 15 minutes, hour or day over days of the center's calendar, for the center or
/// one department, and per agent for the agents picked; the same as CSV, fetched through this app so the browser
/// needs no API key; and the tickets' SLA compliance over the same days. The API judges the range; what it refuses is
/// shown on the field it names.
/// </summary>
public sealed class IndexModel(StatsClient stats, DirectoryClient directory, IOptions<FloorOptions> floor) : FloorPageModel
{
    private static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["from"] = nameof(From),
        ["to"] = nameof(To),
        ["interval"] = nameof(Interval),
        ["department"] = nameof(Department),
        ["agent_id"] = nameof(AgentId),
    };

    /// <summary>The first day, in the center's calendar; today when not given.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "From")]
    public DateOnly? From { get; set; }

    /// <summary>The last day, included.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "To (included)")]
    public DateOnly? To { get; set; }

    /// <summary>15m, 1h or 1d; hours when not given.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Interval")]
    public string? Interval { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Department")]
    public string? Department { get; set; }

    /// <summary>Agents whose own figures are added, per interval.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Agents (optional)")]
    public List<string> AgentId { get; set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    public IReadOnlyList<Agent> Agents { get; private set; } = [];

    public StatsReport? Report { get; private set; }

    /// <summary>The tickets' SLA targets that started in the same days.</summary>
    public SlaCompliance? Compliance { get; private set; }

    public StatsText Text { get; private set; } = StatsText.For("UTC");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var agents = directory.AgentsAsync(cancellationToken);
        var definitions = stats.DefinitionsAsync(cancellationToken);
        await Task.WhenAll(agents, definitions);
        Agents = (await agents).Agents;
        Text = StatsText.For((await definitions).TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Text.Zone));
        From ??= today;
        To ??= today;
        Interval ??= StatsIntervals.Hour;
        if (!ModelState.IsValid)
        {
            return;
        }

        try
        {
            var report = stats.ReportAsync(Query, cancellationToken);
            var compliance = stats.SlaComplianceAsync(
                DayStart(From.Value), DayStart(To.Value < DateOnly.MaxValue ? To.Value.AddDays(1) : To.Value), Query.Department, cancellationToken);
            await Task.WhenAll(report, compliance);
            Report = report.Result;
            Compliance = compliance.Result;
        }
        catch (ApiProblemException problem)
        {
            ModelState.AddApiProblem(problem, Fields);
        }
    }

    /// <summary>The report as the API's CSV; a range the API refuses goes back to the page, which says why.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && From is not null && To is not null && Interval is not null)
        {
            try
            {
                var csv = await stats.CsvAsync(Query, cancellationToken);
                return File(csv.Content, "text/csv", csv.FileName);
            }
            catch (ApiProblemException)
            {
                // The page asks the API again and shows its problem on the field.
            }
        }

        return RedirectToPage(RouteValues);
    }

    /// <summary>A day's first instant in the center's time zone, in UTC.</summary>
    private DateTime DayStart(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Text.Zone);

    /// <summary>This report's CSV, with the same query.</summary>
    public string CsvUrl => Url.Page("/Reports/Index", "Csv", RouteValues)!;

    private ReportQuery Query => new(From!.Value, To!.Value, Interval!, string.IsNullOrWhiteSpace(Department) ? null : Department, AgentId);

    private RouteValueDictionary RouteValues => new()
    {
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["interval"] = Interval,
        ["department"] = Department,
        ["agentId"] = AgentId.ToArray(),
    };
}
