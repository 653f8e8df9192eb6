namespace CallCenter.ApiService.Sla;

/// <summary>
/// One target's clock: started, paused, resumed, achieved, warned, breached. The due time is derived from the time
/// already used and where the running stretch began, so a pause moves it by exactly the counted time inside the pause.
/// </summary>
public static class SlaClock
{
    public static SlaTarget Start(string kind, SlaTerms terms, DateTime now, BusinessCalendar calendar, TimeSpan warningLead) =>
        Schedule(new SlaTarget
        {
            Kind = kind,
            TargetMinutes = terms.Minutes,
            BusinessTime = terms.BusinessTime,
            Status = SlaStatus.Active,
            StartedAt = now,
            SegmentStartedAt = now,
        }, calendar, warningLead);

    /// <summary>The time counted so far, the running stretch included.</summary>
    public static TimeSpan Used(SlaTarget target, DateTime now, BusinessCalendar calendar)
    {
        var used = TimeSpan.FromTicks(target.UsedTicks);
        return target is { Status: SlaStatus.Active, SegmentStartedAt: { } segment }
            ? used + Meter(target, calendar).Between(segment, now)
            : used;
    }

    public static SlaTarget Pause(SlaTarget target, DateTime now, BusinessCalendar calendar) =>
        target.Status != SlaStatus.Active
            ? target
            : Stopped(target, now, calendar) with { Status = SlaStatus.Paused };

    public static SlaTarget Resume(SlaTarget target, DateTime now, BusinessCalendar calendar, TimeSpan warningLead) =>
        target.Status is SlaStatus.Paused or SlaStatus.Achieved
            ? Schedule(target with { Status = SlaStatus.Active, SegmentStartedAt = now, AchievedAt = null }, calendar, warningLead)
            : target;

    /// <summary>Met: the clock stops. A breached target stays breached, and records when it was met after all.</summary>
    public static SlaTarget Achieve(SlaTarget target, DateTime now, BusinessCalendar calendar) => target.Status switch
    {
        SlaStatus.Active or SlaStatus.Paused => Stopped(target, now, calendar) with { Status = SlaStatus.Achieved, AchievedAt = now },
        SlaStatus.Breached when target.AchievedAt is null => target with { AchievedAt = now },
        _ => target,
    };

    /// <summary>A new length for an open target (the ticket's priority or policy changed); the time used is kept.</summary>
    public static SlaTarget Retarget(SlaTarget target, SlaTerms terms, DateTime now, BusinessCalendar calendar, TimeSpan warningLead)
    {
        if (!target.IsOpen || (target.TargetMinutes == terms.Minutes && target.BusinessTime == terms.BusinessTime))
        {
            return target;
        }

        // A change of how time is counted starts the running stretch again under the new count.
        var restarted = target.Status == SlaStatus.Active ? Stopped(target, now, calendar) with { SegmentStartedAt = now } : target;
        var retargeted = restarted with { TargetMinutes = terms.Minutes, BusinessTime = terms.BusinessTime };
        return retargeted.Status == SlaStatus.Active ? Schedule(retargeted, calendar, warningLead) : retargeted;
    }

    public static SlaTarget Warn(SlaTarget target, DateTime now) => target with { WarnedAt = now };

    /// <summary>Breached at its deadline (not when it was noticed); the clock stops at the full target.</summary>
    public static SlaTarget Breach(SlaTarget target) => target with
    {
        Status = SlaStatus.Breached,
        BreachedAt = target.DueAt,
        UsedTicks = target.Target.Ticks,
        SegmentStartedAt = null,
    };

    private static SlaTarget Stopped(SlaTarget target, DateTime now, BusinessCalendar calendar) => target with
    {
        UsedTicks = Used(target, now, calendar).Ticks,
        SegmentStartedAt = null,
        DueAt = null,
        WarnAt = null,
    };

    private static SlaTarget Schedule(SlaTarget target, BusinessCalendar calendar, TimeSpan warningLead)
    {
        var meter = Meter(target, calendar);
        var start = target.SegmentStartedAt!.Value;
        var remaining = target.Target - TimeSpan.FromTicks(target.UsedTicks);
        if (remaining <= TimeSpan.Zero)
        {
            return target with { DueAt = start, WarnAt = start };
        }

        return target with
        {
            DueAt = meter.Add(start, remaining),
            WarnAt = remaining > warningLead ? meter.Add(start, remaining - warningLead) : start,
        };
    }

    private static BusinessCalendar Meter(SlaTarget target, BusinessCalendar calendar) =>
        target.BusinessTime ? calendar : BusinessCalendar.AlwaysOpen;
}
