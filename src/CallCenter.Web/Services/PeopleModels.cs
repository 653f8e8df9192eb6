namespace CallCenter.Web.Services;

/// <summary>Someone who signs in here, as the API's people directory lists them.</summary>
public sealed record Person
{
    public string UserName { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public string Role { get; init; } = "";

    public string? AgentId { get; init; }

    public DateTime? LockoutEnd { get; init; }

    public DateTime? DisabledAt { get; init; }

    public bool Disabled { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}

public sealed record PersonList(IReadOnlyList<Person> People, int Total, int Limit, int Offset, bool TotalIsExact = true)
{
    /// <summary>The total as shown: "10000+" past the API's count limit.</summary>
    public string Shown => ListTotal.Show(Total, TotalIsExact);
}

/// <summary>A change to a person; <c>Password</c> only when one was generated for them, to be shown once.</summary>
public sealed record PersonChanged(Person Person, string? Password);

/// <summary>What a sign-in cookie holds and is checked against: the stamp changes whenever it must stop counting.</summary>
public sealed record PersonSession(string UserName, string DisplayName, string Role, string? AgentId, string SecurityStamp);
