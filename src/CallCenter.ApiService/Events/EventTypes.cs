namespace CallCenter.ApiService.Events;

/// <summary>The live event names clients switch on: the seed's, then those added since.</summary>
public static class EventTypes
{
    public const string CallNew = "call:new";
    public const string CallUpdated = "call:updated";
    public const string CallRouted = "call:routed";
    public const string CallTransferred = "call:transferred";
    public const string CallEnded = "call:ended";
    public const string TicketCreated = "ticket:created";
    public const string TicketUpdated = "ticket:updated";
    public const string MessageNew = "message:new";
    public const string AgentStatusChanged = "agent:status_changed";
    public const string CallOffered = "call:offered";
    public const string AgentActivityChanged = "agent:activity_changed";
    public const string AgentSkillsChanged = "agent:skills_changed";
    public const string StatsUpdated = "stats:updated";
    public const string TicketSlaWarning = "ticket:sla_warning";
    public const string TicketSlaBreached = "ticket:sla_breached";
}
