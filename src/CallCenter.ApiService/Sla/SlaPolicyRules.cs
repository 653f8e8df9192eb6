using CallCenter.ApiService.Calls;

namespace CallCenter.ApiService.Sla;

/// <summary>The checks on a policy that need nothing stored: every fault named by its field.</summary>
public static class SlaPolicyRules
{
    private static readonly string[] Priorities = [Priority.Low, Priority.Medium, Priority.High, Priority.Urgent];

    /// <summary>A year: a target longer than that is a typing error more often than a promise.</summary>
    public const int MaxTargetMinutes = 525_600;

    public static Dictionary<string, string[]> Check(SlaPolicyRequest request, IReadOnlyCollection<string> departments)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.PolicyId is not null && !CalendarRules.IsId(request.PolicyId))
        {
            errors["policy_id"] = ["use lower-case letters, digits, '-' and '_' (up to 64)."];
        }

        var conditions = request.Conditions ?? new SlaConditions();
        // Nested fields miss the binder's NUL check; PostgreSQL text cannot hold one.
        foreach (var (field, value) in new[] { ("conditions.customer_id", conditions.CustomerId), ("escalation.assign_to", request.Escalation?.AssignTo) })
        {
            if (value is not null && (value.Contains('\0', StringComparison.Ordinal) || value.Length > 64))
            {
                errors[field] = ["must be an id of at most 64 characters, without NUL."];
            }
        }

        if (conditions.Department is { } department && !departments.Contains(department))
        {
            errors["conditions.department"] = [$"must be one of: {string.Join(", ", departments)}."];
        }

        if (conditions.Priority is { } onlyPriority && !Priorities.Contains(onlyPriority))
        {
            errors["conditions.priority"] = [$"must be one of: {string.Join(", ", Priorities)}."];
        }

        if (request.Escalation?.Department is { } moveTo && !departments.Contains(moveTo))
        {
            errors["escalation.department"] = [$"must be one of: {string.Join(", ", departments)}."];
        }

        var targets = request.Targets ?? [];
        if (targets.Count == 0)
        {
            errors["targets"] = ["give at least one priority's targets."];
        }

        foreach (var (priority, kinds) in targets)
        {
            if (!Priorities.Contains(priority))
            {
                errors[$"targets.{priority}"] = [$"is not a priority; use {string.Join(", ", Priorities)}."];
                continue;
            }

            foreach (var (kind, terms) in kinds ?? [])
            {
                if (!SlaKind.All.Contains(kind))
                {
                    errors[$"targets.{priority}.{kind}"] = [$"is not a target; use {string.Join(", ", SlaKind.All)}."];
                }
                else if (terms is null || terms.Minutes is <= 0 or > MaxTargetMinutes)
                {
                    errors[$"targets.{priority}.{kind}.minutes"] = [$"must be from 1 to {MaxTargetMinutes}."];
                }
            }
        }

        return errors;
    }
}
