namespace CallCenter.ApiService.Sla;

/// <summary>
/// Which tickets a policy applies to, the targets it sets per priority, and what happens on a breach. Policies are
/// tried in <see cref="Position"/> order; the first whose conditions all hold applies.
/// </summary>
public sealed record SlaPolicy
{
    public string PolicyId { get; init; } = "";

    public string Name { get; init; } = "";

    public int Position { get; init; }

    public SlaConditions Conditions { get; init; } = new();

    public string CalendarId { get; init; } = "";

    public int WarningMinutes { get; init; } = 15;

    /// <summary>Per priority, per kind (<see cref="SlaKind"/>); a kind left out is not a target at that priority.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, SlaTerms>> Targets { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, SlaTerms>>();

    public SlaEscalation Escalation { get; init; } = new();

    public DateTime UpdatedAt { get; init; }

    public TimeSpan WarningLead => TimeSpan.FromMinutes(WarningMinutes);

    public SlaTerms? TermsFor(string priority, string kind) =>
        Targets.TryGetValue(priority, out var kinds) && kinds.TryGetValue(kind, out var terms) ? terms : null;

    /// <summary>The first of <paramref name="policies"/> (in position order) that applies to the ticket.</summary>
    public static SlaPolicy? Match(IEnumerable<SlaPolicy> policies, string department, string priority, string? customerId) =>
        policies.OrderBy(policy => policy.Position).FirstOrDefault(policy => policy.Conditions.Hold(department, priority, customerId));
}

/// <summary>Each condition given must hold; none given catches every ticket.</summary>
public sealed record SlaConditions
{
    public string? Department { get; init; }

    public string? Priority { get; init; }

    public string? CustomerId { get; init; }

    public bool CatchesAll => Department is null && Priority is null && CustomerId is null;

    public bool Hold(string department, string priority, string? customerId) =>
        (Department is null || Department == department)
        && (Priority is null || Priority == priority)
        && (CustomerId is null || CustomerId == customerId);
}

/// <summary>On a breach: raise the priority a step, move to a department, hand to an agent or supervisor's desk.</summary>
public sealed record SlaEscalation
{
    public bool RaisePriority { get; init; }

    public string? Department { get; init; }

    public string? AssignTo { get; init; }

    public bool DoesAnything => RaisePriority || Department is not null || AssignTo is not null;
}
