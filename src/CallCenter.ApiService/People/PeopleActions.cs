namespace CallCenter.ApiService.People;

/// <summary>The audit trail's names for what happens to people.</summary>
public static class PeopleActions
{
    public const string Created = "person:created";
    public const string Updated = "person:updated";
    public const string PasswordReset = "person:password_reset";
    public const string PasswordChanged = "person:password_changed";
    public const string SignedIn = "person:signed_in";
    public const string LockedOut = "person:locked_out";
    public const string AgentCreated = "agent:created";
}
