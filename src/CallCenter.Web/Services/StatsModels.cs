namespace CallCenter.Web.Services;

/// <summary>A stretch of time the API counted figures over, UTC: from <see cref="Start"/> up to <see cref="End"/>.</summary>
public sealed record StatsWindow(DateTime Start, DateTime End);

/// <summary>The floor's standard measures over one window (the API's <c>KpiFigures</c>); ratios and averages are null when nothing divides.</summary>
public sealed record KpiFigures
{
    public StatsWindow Window { get; init; } = new(default, default);

    public int Offered { get; init; }

    public int Answered { get; init; }

    public int AnsweredWithinThreshold { get; init; }

    public int Abandoned { get; init; }

    public int ShortAbandoned { get; init; }

    public double? ServiceLevel { get; init; }

    public double ServiceLevelTarget { get; init; }

    public int ServiceLevelSeconds { get; init; }

    public double? AsaSeconds { get; init; }

    public int Handled { get; init; }

    public double? AhtSeconds { get; init; }

    public double? AbandonRate { get; init; }

    public double? Occupancy { get; init; }

    public int CallsWaiting { get; init; }

    public double? LongestWaitSeconds { get; init; }

    public IReadOnlyDictionary<string, int> AgentsByActivity { get; init; } = new Dictionary<string, int>();
}

/// <summary>The day so far in the center's time zone, the last 15 and the last 60 minutes.</summary>
public sealed record StatsNow
{
    public string? Department { get; init; }

    public string TimeZone { get; init; } = "UTC";

    public DateTime Now { get; init; }

    public KpiFigures Today { get; init; } = new();

    [System.Text.Json.Serialization.JsonPropertyName("last_15_minutes")]
    public KpiFigures Last15Minutes { get; init; } = new();

    [System.Text.Json.Serialization.JsonPropertyName("last_60_minutes")]
    public KpiFigures Last60Minutes { get; init; } = new();
}

/// <summary>One agent's measures over one interval of a report.</summary>
public sealed record AgentFigures
{
    public StatsWindow Window { get; init; } = new(default, default);

    public string AgentId { get; init; } = "";

    public int Handled { get; init; }

    public double? AhtSeconds { get; init; }

    public double? Occupancy { get; init; }

    public IReadOnlyDictionary<string, double> SecondsByActivity { get; init; } = new Dictionary<string, double>();
}

/// <summary>A report: the figures per interval, and per agent named, in each interval where the agent did anything.</summary>
public sealed record StatsReport
{
    public string? Department { get; init; }

    public string TimeZone { get; init; } = "UTC";

    public string Interval { get; init; } = "";

    public IReadOnlyList<KpiFigures> Intervals { get; init; } = [];

    public IReadOnlyList<AgentFigures> Agents { get; init; } = [];
}

/// <summary>One measure by its field name, with the API's wording of it.</summary>
public sealed record MeasureDefinition(string Measure, string Name, string Definition);

/// <summary>What the measures mean and the thresholds in force, as the API states them.</summary>
public sealed record StatsDefinitions
{
    public string TimeZone { get; init; } = "UTC";

    public int ShortAbandonSeconds { get; init; }

    public int ServiceLevelSeconds { get; init; }

    public double ServiceLevelTarget { get; init; }

    public IReadOnlyList<MeasureDefinition> Measures { get; init; } = [];

    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>The API's definition of a measure; empty for one it does not define.</summary>
    public string Of(string measure) => Measures.FirstOrDefault(definition => definition.Measure == measure)?.Definition ?? "";
}

/// <summary>What a report asks for; dates are days of the center's calendar, <see cref="To"/> included.</summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, string Interval, string? Department, IReadOnlyList<string> AgentIds);

/// <summary>A report as the API's CSV file.</summary>
public sealed record CsvFile(byte[] Content, string FileName);

public static class StatsIntervals
{
    public const string QuarterHour = "15m";
    public const string Hour = "1h";
    public const string Day = "1d";

    public static readonly string[] All = [QuarterHour, Hour, Day];
}
