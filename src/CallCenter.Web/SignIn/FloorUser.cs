namespace CallCenter.Web.SignIn;

/// <summary>A person who can sign in, with a hashed password and their run of failed attempts.</summary>
public sealed class FloorUser(string userName, string role, string? agentId)
{
    public string UserName { get; } = userName;

    public string Role { get; } = role;

    public string? AgentId { get; } = agentId;

    internal string PasswordHash { get; set; } = "";

    /// <summary>New each time the store takes this person in; sign-in cookies carry it, so older ones stop counting.</summary>
    internal string SecurityStamp { get; set; } = "";

    internal int FailedAttempts { get; set; }

    internal DateTimeOffset? LockedUntil { get; set; }
}
