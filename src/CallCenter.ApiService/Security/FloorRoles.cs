namespace CallCenter.ApiService.Security;

/// <summary>Who a caller is on the floor; every API key carries one of these.</summary>
public static class FloorRoles
{
    /// <summary>Manages keys and configuration; sees and changes everything.</summary>
    public const string Admin = "admin";

    /// <summary>Sees and changes everything on the floor, reads the audit trail.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Works the calls and tickets of their own department; changes only their own status.</summary>
    public const string Agent = "agent";

    /// <summary>Telephony and bot systems: calls, routing, transcripts, tickets.</summary>
    public const string Integration = "integration";

    /// <summary>The Web app's own key: on its own it may do nothing; it acts on behalf of a signed-in person.</summary>
    public const string Web = "web";

    /// <summary>Work the API does by itself (the Development seed), never a request.</summary>
    public const string System = "system";

    /// <summary>Roles that may supervise the floor (<see cref="FloorPolicies.Supervision"/>).</summary>
    public static readonly string[] Supervisors = [Admin, Supervisor];

    /// <summary>Roles the Web app may act as.</summary>
    public static readonly string[] People = [Admin, Supervisor, Agent];
}

/// <summary>Named authorization policies.</summary>
public static class FloorPolicies
{
    public const string Supervision = "supervision";

    public const string Administration = "administration";

    /// <summary>The Web app's own key, acting for nobody: its sign-in page.</summary>
    public const string WebApp = "web-app";

    /// <summary>The Web app's key acting for a signed-in person, whatever their role: their own account.</summary>
    public const string SignedInPerson = "signed-in-person";
}
