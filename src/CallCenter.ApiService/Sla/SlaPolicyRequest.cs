using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Requests;

namespace CallCenter.ApiService.Sla;

public sealed class SlaPolicyRequest : IApiRequest
{
    /// <summary>Given when creating; lower-case letters, digits, <c>-</c> and <c>_</c>.</summary>
    [StringLength(64, MinimumLength = 1)]
    public string? PolicyId { get; init; }

    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>Policies are tried from the lowest position up; keep the catch-all last.</summary>
    [Required, Range(0, 1_000_000)]
    public int? Position { get; init; }

    public SlaConditions? Conditions { get; init; }

    [Required, StringLength(64, MinimumLength = 1)]
    public string? CalendarId { get; init; }

    /// <summary>How long before a deadline <c>ticket:sla_warning</c> is sent; 15 when not given.</summary>
    [Range(0, 10_080)]
    public int? WarningMinutes { get; init; }

    /// <summary>Per priority (<c>low</c> … <c>urgent</c>), per kind: <c>{"minutes": 60, "business_time": true}</c>.</summary>
    [Required]
    public Dictionary<string, Dictionary<string, SlaTerms>>? Targets { get; init; }

    public SlaEscalation? Escalation { get; init; }

    /// <summary>Also recompute the open tickets under this policy (or now matching it); otherwise only new tickets follow it.</summary>
    public bool? ApplyToOpenTickets { get; init; }

    public static ValueTask<SlaPolicyRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<SlaPolicyRequest>(context);
}

/// <summary>Recompute open tickets' targets under the policies as they are now.</summary>
public sealed record SlaRecomputed(bool Success, int Tickets);
