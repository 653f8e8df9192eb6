using System.ComponentModel.DataAnnotations;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using Dapper;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Sla;

public sealed class SlaComplianceRequest : IApiRequest
{
    /// <summary>Targets started from this instant (ISO 8601, UTC); 30 days before <see cref="To"/> when left out.</summary>
    public DateTime? From { get; init; }

    /// <summary>Targets started before this instant; now when left out.</summary>
    public DateTime? To { get; init; }

    [StringLength(64)]
    public string? Department { get; init; }

    public static ValueTask<SlaComplianceRequest> BindAsync(HttpContext context) => RequestBinder.BindAsync<SlaComplianceRequest>(context);
}

/// <summary>Targets of one policy, priority and kind that started in the range: met, missed, still running.</summary>
public sealed record SlaComplianceRow
{
    public string? PolicyId { get; init; }

    public string? PolicyName { get; init; }

    public string Priority { get; init; } = "";

    public string Kind { get; init; } = "";

    public int Achieved { get; init; }

    public int Breached { get; init; }

    public int Running { get; init; }

    /// <summary>Achieved as a share of the targets that ended (achieved or breached); null when none ended.</summary>
    public double? CompliancePercent => Achieved + Breached == 0 ? null : Math.Round(100.0 * Achieved / (Achieved + Breached), 1);
}

public sealed record SlaComplianceReport(DateTime From, DateTime To, string? Department, IReadOnlyList<SlaComplianceRow> Rows, SlaComplianceRow Overall);

/// <summary>SLA compliance per policy and priority (issue 14): of the targets started in a range, the share met in time.</summary>
public sealed class SlaCompliance(CallCenterDatabase database, IOptions<CallCenterOptions> options, TimeProvider clock)
{
    public Task<SlaComplianceReport> ReportAsync(SlaComplianceRequest request, CancellationToken cancellationToken)
    {
        var to = request.To?.ToUniversalTime() ?? clock.UtcNow();
        var from = request.From?.ToUniversalTime() ?? to.AddDays(-30);
        if (from >= to)
        {
            throw ApiProblemException.Invalid("from", "must be before to.");
        }

        var department = request.Department is null ? null : options.Value.EnsureDepartment(request.Department, "department");
        return database.ReadAsync(async connection =>
        {
            var rows = (await connection.QueryAsync<SlaComplianceRow>(
                """
                SELECT policy.policy_id, policy.name AS policy_name, ticket.priority, target.kind,
                       count(*) FILTER (WHERE target.status = 'achieved')::int AS achieved,
                       count(*) FILTER (WHERE target.status = 'breached')::int AS breached,
                       count(*) FILTER (WHERE target.status IN ('active', 'paused'))::int AS running
                FROM ticket_sla_targets target
                JOIN tickets ticket ON ticket.ticket_id = target.ticket_id
                LEFT JOIN sla_policies policy ON policy.policy_id = ticket.sla_policy_id
                WHERE target.started_at >= @from AND target.started_at < @to
                  AND (@department::text IS NULL OR ticket.department = @department)
                GROUP BY policy.policy_id, policy.name, policy.position, ticket.priority, target.kind
                ORDER BY policy.position NULLS LAST, CASE ticket.priority WHEN 'urgent' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 ELSE 4 END, target.kind
                """,
                new { from, to, department })).ToList();
            var overall = new SlaComplianceRow
            {
                Priority = "*",
                Kind = "*",
                Achieved = rows.Sum(row => row.Achieved),
                Breached = rows.Sum(row => row.Breached),
                Running = rows.Sum(row => row.Running),
            };
            return new SlaComplianceReport(from, to, department, rows, overall);
        }, cancellationToken);
    }
}
