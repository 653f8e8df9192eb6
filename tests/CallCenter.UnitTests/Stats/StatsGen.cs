using CallCenter.ApiService.Distribution;
using CallCenter.ApiService.Stats;
using CsCheck;

namespace CallCenter.UnitTests.Stats;

/// <summary>Builders and generators the stats tests share: times read as "HH:mm:ss" on 2 December 2026, UTC.</summary>
internal static class StatsGen
{
    public static readonly DateTime Day = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    public static readonly string[] Departments = ["sales", "support", "billing"];

    public static readonly CenterCalendar Riyadh = CenterCalendar.For("Asia/Riyadh");

    public static readonly CenterCalendar Berlin = CenterCalendar.For("Europe/Berlin");

    /// <summary>
    /// UTC+2 whose clocks jump from 00:00 to 01:00 on 15 March and fall back from 01:00 to 00:00 on 15 October, so
    /// one midnight never happens and another happens twice.
    /// </summary>
    public static readonly CenterCalendar MidnightShift = new(TimeZoneInfo.CreateCustomTimeZone(
        "Midnight shift", TimeSpan.FromHours(2), "Midnight shift", "Midnight shift", "Midnight shift (summer)",
        [TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 3, 15),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 1, 0, 0), 10, 15))]));

    public static readonly CenterCalendar[] Calendars = [Riyadh, Berlin, CenterCalendar.For("Asia/Kolkata"), MidnightShift];

    public static DateTime At(string time) => Day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

    public static StatsWindow Window(string start, string end) => new(At(start), At(end));

    public static QueueVisit Visit(string id, string entered, VisitOutcome outcome, string? left, string department = "support") =>
        new(id, department, At(entered), outcome, left is null ? null : At(left));

    public static ActivitySpan Span(string agent, string activity, string started, string? ended, string department = "support") =>
        new(agent, department, activity, At(started), ended is null ? null : At(ended));

    public static HandledCall Handled(string id, string agent, string answered, string talkEnded, string? wrapUpEnded, string department = "support") =>
        new(id, agent, department, At(answered), At(talkEnded), wrapUpEnded is null ? null : At(wrapUpEnded));

    private static Gen<string> OneOf(string[] values) => Gen.Int[0, values.Length - 1].Select(index => values[index]);

    private static readonly VisitOutcome[] Outcomes = Enum.GetValues<VisitOutcome>();

    /// <summary>Seconds into a six-hour day from nine, the range every generated history stays within.</summary>
    public static readonly TimeSpan Range = TimeSpan.FromHours(6);

    public static readonly DateTime Nine = Day.AddHours(9);

    public static readonly DateTime End = Nine + Range;

    private static readonly Gen<QueueVisit> AnyVisit =
        Gen.Select(OneOf(Departments), Gen.Int[0, 20_000], Gen.Int[0, Outcomes.Length - 1], Gen.Int[0, 1_800], Gen.Bool, Gen.Bool)
            .Select((department, entered, outcome, waited, transfer, callback) =>
            {
                var enteredAt = Nine.AddSeconds(entered);
                var leftAt = enteredAt.AddSeconds(waited);
                var kind = leftAt > End ? VisitOutcome.Waiting : Outcomes[outcome];
                return new QueueVisit("C", department, enteredAt, kind, kind == VisitOutcome.Waiting ? null : leftAt)
                {
                    IsTransferIn = transfer,
                    IsCallback = callback,
                };
            });

    private static readonly Gen<HandledCall> AnyHandledCall =
        Gen.Select(OneOf(Departments), Gen.Int[0, 5], Gen.Int[0, 18_000], Gen.Int[0, 1_200], Gen.Int[-60, 300])
            .Select((department, agent, answered, talk, wrapUp) =>
            {
                var answeredAt = Nine.AddSeconds(answered);
                return new HandledCall("C", $"A{agent}", department, answeredAt, answeredAt.AddSeconds(talk),
                    wrapUp < 0 ? null : answeredAt.AddSeconds(talk + wrapUp));
            });

    /// <summary>One agent's day: back-to-back spans in any activity from nine, the last one maybe still open.</summary>
    private static readonly Gen<(string Department, (string Activity, int Seconds, string Reason)[] Steps, bool Open)> AgentDay =
        Gen.Select(OneOf(Departments), Gen.Select(OneOf(AgentActivity.All), Gen.Int[1, 3_600], OneOf(["lunch", "training"])).Array[0, 15], Gen.Bool);

    private static IEnumerable<ActivitySpan> SpansOf(int agent, (string Department, (string Activity, int Seconds, string Reason)[] Steps, bool Open) day)
    {
        var spans = new List<ActivitySpan>();
        var at = Nine;
        foreach (var (activity, seconds, reason) in day.Steps)
        {
            var ends = at.AddSeconds(seconds);
            if (ends > End)
            {
                break;
            }

            spans.Add(new ActivitySpan($"A{agent}", day.Department, activity, at, ends)
            {
                BreakReason = activity == AgentActivity.OnBreak ? reason : null,
            });
            at = ends;
        }

        if (day.Open && spans.Count > 0)
        {
            spans[^1] = new ActivitySpan(spans[^1].AgentId, spans[^1].Department, spans[^1].Activity, spans[^1].StartedAt, null)
            {
                BreakReason = spans[^1].BreakReason,
            };
        }

        return spans;
    }

    public static readonly Gen<FloorHistory> AnyHistory =
        Gen.Select(AnyVisit.Array[0, 40], AnyHandledCall.Array[0, 20], AgentDay.Array[0, 5])
            .Select((visits, calls, days) => new FloorHistory(visits, [.. days.SelectMany((day, agent) => SpansOf(agent, day))], calls));
}
