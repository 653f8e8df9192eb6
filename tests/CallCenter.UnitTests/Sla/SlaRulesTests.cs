using CallCenter.ApiService.Sla;

namespace CallCenter.UnitTests.Sla;

public sealed class SlaRulesTests
{
    private static readonly string[] Departments = ["support", "sales"];

    private static CalendarRequest Calendar(Dictionary<string, List<OpeningSpan>> hours, string timeZone = "Asia/Riyadh", List<Holiday>? holidays = null) =>
        new() { CalendarId = "riyadh", Name = "Riyadh", TimeZone = timeZone, Hours = hours, Holidays = holidays };

    private static Dictionary<string, List<OpeningSpan>> Day(string day, params (string Start, string End)[] spans) =>
        new() { [day] = [.. spans.Select(span => new OpeningSpan(span.Start, span.End))] };

    [Fact]
    public void AGoodCalendarHasNoFaults()
    {
        Assert.Empty(CalendarRules.Check(Calendar(Day("sunday", ("08:00", "12:00"), ("13:00", "17:00")))));
        Assert.Empty(CalendarRules.Check(Calendar(Day("monday", ("00:00", "24:00")), "Europe/Berlin")));
    }

    [Theory]
    [InlineData("08:00", "12:00", "11:00", "17:00", "hours.sunday")]
    [InlineData("17:00", "08:00", "18:00", "19:00", "hours.sunday[0].end")]
    [InlineData("8:00", "12:00", "13:00", "17:00", "hours.sunday[0].start")]
    [InlineData("08:00", "12:00", "13:00", "24:30", "hours.sunday[1].end")]
    [InlineData("24:00", "24:00", "13:00", "17:00", "hours.sunday[0].start")]
    public void BadSpansAreNamed(string firstStart, string firstEnd, string secondStart, string secondEnd, string field)
    {
        var errors = CalendarRules.Check(Calendar(Day("sunday", (firstStart, firstEnd), (secondStart, secondEnd))));

        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void UnknownZonesWeekdaysAndEmptyWeeksAreNamed()
    {
        Assert.Contains("time_zone", CalendarRules.Check(Calendar(Day("sunday", ("08:00", "17:00")), "Mars/Olympus")).Keys);
        Assert.Contains("hours.funday", CalendarRules.Check(Calendar(Day("funday", ("08:00", "17:00")))).Keys);
        Assert.Contains("hours", CalendarRules.Check(Calendar([])).Keys);
        var badId = new CalendarRequest { CalendarId = "Not Ok", Name = "x", TimeZone = "UTC", Hours = Day("sunday", ("08:00", "17:00")) };
        Assert.Contains("calendar_id", CalendarRules.Check(badId).Keys);
    }

    [Fact]
    public void NulInNestedTextIsNamedBeforeItReachesTheDatabase()
    {
        Assert.Contains("holidays[0].name", CalendarRules.Check(Calendar(Day("sunday", ("08:00", "17:00")), holidays: [new(new DateOnly(2026, 9, 23), "Nat\0ional")])).Keys);
        Assert.Contains("conditions.customer_id", SlaPolicyRules.Check(Policy(new SlaConditions { CustomerId = "CUST\0-1" }), Departments).Keys);
        Assert.Contains("escalation.assign_to", SlaPolicyRules.Check(Policy(escalation: new SlaEscalation { AssignTo = "AGT\0" }), Departments).Keys);
    }

    [Fact]
    public void AHolidayListedTwiceIsNamed()
    {
        var day = new DateOnly(2026, 9, 23);
        var errors = CalendarRules.Check(Calendar(Day("sunday", ("08:00", "17:00")), holidays: [new(day, "National Day"), new(day, "Again")]));

        Assert.Contains("holidays", errors.Keys);
    }

    private static SlaPolicyRequest Policy(
        SlaConditions? conditions = null, Dictionary<string, Dictionary<string, SlaTerms>>? targets = null, SlaEscalation? escalation = null) => new()
        {
            PolicyId = "vip",
            Name = "VIP",
            Position = 1,
            CalendarId = "24x7",
            Conditions = conditions,
            Escalation = escalation,
            Targets = targets ?? new() { ["urgent"] = new() { [SlaKind.FirstResponse] = new(30, false) } },
        };

    [Fact]
    public void AGoodPolicyHasNoFaults() => Assert.Empty(SlaPolicyRules.Check(Policy(new SlaConditions { Department = "sales" }), Departments));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(SlaPolicyRules.MaxTargetMinutes + 1)]
    public void TargetsOutOfRangeAreNamed(int minutes)
    {
        var errors = SlaPolicyRules.Check(Policy(targets: new() { ["high"] = new() { [SlaKind.Resolution] = new(minutes, true) } }), Departments);

        Assert.Equal(["targets.high.resolution.minutes"], errors.Keys);
    }

    [Fact]
    public void UnknownDepartmentsPrioritiesAndKindsAreNamed()
    {
        Assert.Contains("conditions.department", SlaPolicyRules.Check(Policy(new SlaConditions { Department = "space" }), Departments).Keys);
        Assert.Contains("conditions.priority", SlaPolicyRules.Check(Policy(new SlaConditions { Priority = "meh" }), Departments).Keys);
        Assert.Contains("escalation.department", SlaPolicyRules.Check(Policy(escalation: new SlaEscalation { Department = "space" }), Departments).Keys);
        Assert.Contains("targets.soon", SlaPolicyRules.Check(Policy(targets: new() { ["soon"] = [] }), Departments).Keys);
        Assert.Contains("targets.low.first_reply", SlaPolicyRules.Check(
            Policy(targets: new() { ["low"] = new() { ["first_reply"] = new(5, true) } }), Departments).Keys);
        Assert.Contains("targets", SlaPolicyRules.Check(Policy(targets: []), Departments).Keys);
    }
}
