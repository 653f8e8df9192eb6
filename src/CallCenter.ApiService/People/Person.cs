using System.Text.Json.Serialization;

namespace CallCenter.ApiService.People;

/// <summary>
/// Someone who signs in to the Web app: ASP.NET Core Identity's user, kept in the <c>people</c> table. The user
/// name is the person's id for good (it names them in the audit trail); the role decides what they may do.
/// </summary>
public sealed class Person
{
    public string UserName { get; set; } = "";

    [JsonIgnore]
    public string NormalizedUserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = "";

    /// <summary>The agent whose desk this person works; agents only.</summary>
    public string? AgentId { get; set; }

    [JsonIgnore]
    public string? PasswordHash { get; set; }

    /// <summary>Changes whenever sign-ins made before must stop counting (role, agent, password, disabled).</summary>
    [JsonIgnore]
    public string SecurityStamp { get; set; } = "";

    [JsonIgnore]
    public string ConcurrencyStamp { get; set; } = "";

    [JsonIgnore]
    public int AccessFailedCount { get; set; }

    /// <summary>Until when wrong passwords keep this person out.</summary>
    public DateTime? LockoutEnd { get; set; }

    public DateTime? DisabledAt { get; set; }

    public bool Disabled => DisabledAt is not null;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
