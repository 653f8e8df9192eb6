using CallCenter.ApiService.Calls;
using CallCenter.ApiService.Tickets;

namespace CallCenter.ApiService.Sla;

/// <summary>The policy a ticket follows and the calendar its business time is counted in.</summary>
public sealed record SlaPlan(SlaPolicy Policy, BusinessCalendar Calendar)
{
    public TimeSpan WarningLead => Policy.WarningLead;
}

/// <summary>What happened to a ticket, as far as its targets care.</summary>
public sealed record TicketMove(string FromStatus, string ToStatus, string Priority, bool AgentReplied, bool CustomerUpdated, bool TermsChanged);

/// <summary>A ticket's targets after a change, and the timeline lines it adds.</summary>
public sealed record SlaChange(IReadOnlyList<SlaTarget> Targets, IReadOnlyList<SlaLogEntry> Log)
{
    public static readonly SlaChange None = new([], []);
}

/// <summary>
/// A ticket's targets as its life goes on: first response until the first public reply; next response from each
/// customer update; resolution until resolved or closed. Waiting on the customer (<c>pending</c>) pauses resolution
/// and next response; reopening resumes resolution.
/// </summary>
public static class TicketSla
{
    public static SlaChange Open(SlaPlan plan, string priority, DateTime now)
    {
        var log = new List<SlaLogEntry>();
        var targets = new List<SlaTarget>();
        foreach (var kind in new[] { SlaKind.FirstResponse, SlaKind.Resolution })
        {
            if (plan.Policy.TermsFor(priority, kind) is { } terms)
            {
                targets.Add(SlaClock.Start(kind, terms, now, plan.Calendar, plan.WarningLead));
                log.Add(new SlaLogEntry(now, kind, SlaEvents.Started, $"{terms.Minutes} min"));
            }
        }

        return new SlaChange(targets, log);
    }

    public static SlaChange Apply(SlaPlan plan, IReadOnlyList<SlaTarget> before, TicketMove move, DateTime now)
    {
        var targets = before.ToDictionary(target => target.Kind);
        var log = new List<SlaLogEntry>();

        void Set(SlaTarget target, string what, string? detail = null)
        {
            if (targets.TryGetValue(target.Kind, out var old) && old == target)
            {
                return;
            }

            targets[target.Kind] = target;
            log.Add(new SlaLogEntry(now, target.Kind, what, detail));
        }

        // In the kinds' own order, so the timeline reads the same whatever order the targets were stored in.
        List<SlaTarget> InOrder() => [.. SlaKind.All.Where(targets.ContainsKey).Select(kind => targets[kind])];

        if (move.TermsChanged)
        {
            foreach (var target in InOrder().Where(target => target.IsOpen))
            {
                if (plan.Policy.TermsFor(move.Priority, target.Kind) is { } terms)
                {
                    Set(SlaClock.Retarget(target, terms, now, plan.Calendar, plan.WarningLead), SlaEvents.Retargeted, $"{terms.Minutes} min");
                }
            }
        }

        if (move.AgentReplied)
        {
            foreach (var kind in new[] { SlaKind.FirstResponse, SlaKind.NextResponse })
            {
                if (targets.TryGetValue(kind, out var target) && target.IsOpen)
                {
                    Set(SlaClock.Achieve(target, now, plan.Calendar), SlaEvents.Achieved);
                }
            }
        }

        // Until the first response is given, a customer's update is part of the same wait.
        var firstAnswered = !targets.TryGetValue(SlaKind.FirstResponse, out var first) || !first.IsOpen;
        if (move.CustomerUpdated && firstAnswered && plan.Policy.TermsFor(move.Priority, SlaKind.NextResponse) is { } next)
        {
            Set(SlaClock.Start(SlaKind.NextResponse, next, now, plan.Calendar, plan.WarningLead), SlaEvents.Started, $"{next.Minutes} min");
        }

        var wasDone = IsDone(move.FromStatus);
        var isDone = IsDone(move.ToStatus);
        if (isDone && !wasDone)
        {
            foreach (var target in InOrder().Where(target => target.Status != SlaStatus.Achieved))
            {
                Set(SlaClock.Achieve(target, now, plan.Calendar), SlaEvents.Achieved);
            }
        }
        else if (wasDone && !isDone && targets.TryGetValue(SlaKind.Resolution, out var resolution) && resolution.Status == SlaStatus.Achieved)
        {
            Set(SlaClock.Resume(resolution, now, plan.Calendar, plan.WarningLead), SlaEvents.Resumed);
        }

        var pausedKinds = new[] { SlaKind.Resolution, SlaKind.NextResponse };
        if (move.ToStatus == TicketStatus.Pending)
        {
            foreach (var kind in pausedKinds)
            {
                if (targets.TryGetValue(kind, out var target) && target.Status == SlaStatus.Active)
                {
                    Set(SlaClock.Pause(target, now, plan.Calendar), SlaEvents.Paused);
                }
            }
        }
        else if (!isDone)
        {
            foreach (var kind in pausedKinds)
            {
                if (targets.TryGetValue(kind, out var target) && target.Status == SlaStatus.Paused)
                {
                    Set(SlaClock.Resume(target, now, plan.Calendar, plan.WarningLead), SlaEvents.Resumed);
                }
            }
        }

        return new SlaChange(InOrder(), log);
    }

    /// <summary>The warnings and breaches due by <paramref name="now"/>: each fires once, the warning first.</summary>
    public static SlaChange Fire(IReadOnlyList<SlaTarget> before, DateTime now)
    {
        var log = new List<SlaLogEntry>();
        var targets = new List<SlaTarget>();
        foreach (var target in before)
        {
            var fired = target;
            if (fired is { Status: SlaStatus.Active, WarnedAt: null, WarnAt: { } warnAt } && warnAt <= now)
            {
                fired = SlaClock.Warn(fired, now);
                log.Add(new SlaLogEntry(now, fired.Kind, SlaEvents.Warned));
            }

            if (fired is { Status: SlaStatus.Active, DueAt: { } dueAt } && dueAt <= now)
            {
                fired = SlaClock.Breach(fired);
                log.Add(new SlaLogEntry(now, fired.Kind, SlaEvents.Breached));
            }

            targets.Add(fired);
        }

        return new SlaChange(targets, log);
    }

    /// <summary>The priority a step up from <paramref name="priority"/>; urgent stays urgent.</summary>
    public static string Raised(string priority) => Priority.Rank(priority) switch
    {
        1 => Priority.Medium,
        2 => Priority.High,
        _ => Priority.Urgent,
    };

    private static bool IsDone(string status) => status is TicketStatus.Resolved or TicketStatus.Closed;
}
