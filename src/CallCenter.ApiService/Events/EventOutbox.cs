using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Security;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Events;

/// <summary>
/// Writes a change's event with the change's own commit, into the pending outbox: no shared row is locked, so
/// writers commit side by side. <see cref="EventSequencer"/> numbers the event after the commit, and writes its
/// audit entry (who made the change) with the number.
/// </summary>
public sealed class EventOutbox(IOptions<JsonOptions> jsonOptions, FloorCallers callers, TimeProvider clock)
{
    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

    public void Append(UnitOfWork work, string type, object data) => Append(work, type, data, extra: null);

    /// <summary>Appends an event whose data is <paramref name="data"/>'s fields plus <paramref name="extra"/>'s.</summary>
    public void Append(UnitOfWork work, string type, object data, object? extra)
    {
        var fields = Fields(data);
        if (extra is not null)
        {
            foreach (var (name, value) in Fields(extra))
            {
                fields[name] = value?.DeepClone();
            }
        }

        Append(work, type, fields, clock.UtcNow());
    }

    /// <summary>Appends an event dated <paramref name="occurredAt"/> rather than now, such as figures taken at that instant.</summary>
    public void Append(UnitOfWork work, string type, object data, DateTime occurredAt) => Append(work, type, Fields(data), occurredAt);

    private JsonObject Fields(object data) => JsonSerializer.SerializeToNode(data, data.GetType(), _json)!.AsObject();

    private void Append(UnitOfWork work, string type, JsonObject fields, DateTime occurredAt)
    {
        var caller = callers.Current;
        work.Append(new PendingEvent(
            type,
            fields.ToJsonString(_json),
            occurredAt,
            // Lets a catch-up from PostgreSQL link back to the request that caused the event.
            Activity.Current?.Id,
            caller.Name,
            caller.Role,
            caller.KeyId,
            SubjectOf(type, fields)));
    }

    /// <summary>
    /// What a change was made to: a ticket's event also names its call, so the ticket comes first; an agent's names
    /// the call they are on, so the agent comes first.
    /// </summary>
    private static string? SubjectOf(string type, JsonObject fields) =>
        (type.StartsWith("agent:", StringComparison.Ordinal) ? new[] { "agent_id" } : ["ticket_id", "call_id", "agent_id"])
            .Select(name => fields[name] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null)
            .FirstOrDefault(id => id is not null);
}
