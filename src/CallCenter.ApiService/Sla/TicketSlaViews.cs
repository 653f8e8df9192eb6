namespace CallCenter.ApiService.Sla;

/// <summary>Builds <see cref="TicketSlaView"/> from stored targets at one instant.</summary>
public static class TicketSlaViews
{
    public static TicketSlaView Build(
        SlaPolicy? policy, BusinessCalendar calendar, IReadOnlyList<SlaTarget> targets, DateTime now, IReadOnlyList<SlaLogEntry>? timeline = null)
    {
        var views = targets.Select(target => View(target, calendar, now)).ToList();
        var next = views.Where(view => view.Status == SlaStatus.Active && view.DueAt is not null).MinBy(view => view.DueAt)
            ?? views.FirstOrDefault(view => view.Status == SlaStatus.Paused);
        var nextTarget = next is null ? null : targets.First(target => target.Kind == next.Kind);
        var meter = nextTarget is { BusinessTime: true } ? calendar : BusinessCalendar.AlwaysOpen;
        return new TicketSlaView
        {
            PolicyId = policy?.PolicyId,
            PolicyName = policy?.Name,
            CalendarId = policy?.CalendarId,
            Status = Overall(views),
            NextTarget = next?.Kind,
            NextDueAt = next?.DueAt,
            NextMinutesLeft = next?.BusinessMinutesLeft,
            ClockRunning = next?.Status == SlaStatus.Active && meter.IsOpen(now),
            ClockChangesAt = next is null ? null : meter.NextChange(now),
            AsOf = now,
            Targets = views,
            Timeline = timeline,
        };
    }

    private static SlaTargetView View(SlaTarget target, BusinessCalendar calendar, DateTime now)
    {
        var used = SlaClock.Used(target, now, calendar);
        var left = target.Target - used;
        return new SlaTargetView
        {
            Kind = target.Kind,
            Status = target.Status,
            TargetMinutes = target.TargetMinutes,
            BusinessTime = target.BusinessTime,
            StartedAt = target.StartedAt,
            DueAt = target.DueAt,
            WarnAt = target.WarnAt,
            BreachedAt = target.BreachedAt,
            AchievedAt = target.AchievedAt,
            BusinessMinutesUsed = Math.Round(Math.Min(used.TotalMinutes, target.TargetMinutes), 2),
            BusinessMinutesLeft = Math.Round(Math.Max(left.TotalMinutes, 0), 2),
            BreachingSoon = target is { Status: SlaStatus.Active, WarnAt: { } warnAt } && warnAt <= now,
        };
    }

    private static string Overall(IReadOnlyList<SlaTargetView> views) =>
        views.Any(view => view.Status == SlaStatus.Breached) ? SlaStatus.Breached
        : views.Any(view => view.BreachingSoon) ? TicketSlaView.BreachingSoon
        : views.Any(view => view.Status == SlaStatus.Active) ? SlaStatus.Active
        : views.Any(view => view.Status == SlaStatus.Paused) ? SlaStatus.Paused
        : SlaStatus.Achieved;
}
