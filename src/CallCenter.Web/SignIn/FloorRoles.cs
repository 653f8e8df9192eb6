namespace CallCenter.Web.SignIn;

/// <summary>Who works the floor: the role names are claims in the sign-in cookie and policy names.</summary>
public static class FloorRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    /// <summary>Policy for pages that need an agent's own desk.</summary>
    public const string AgentsOnly = "agents-only";

    /// <summary>Policy for the floor-wide views: the wallboard.</summary>
    public const string SupervisorsOnly = "supervisors-only";

    /// <summary>Policy for managing people.</summary>
    public const string AdminsOnly = "admins-only";
}
