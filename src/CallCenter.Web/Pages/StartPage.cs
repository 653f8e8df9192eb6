namespace CallCenter.Web.Pages;

/// <summary>Where a person's work starts: agents at their desk, everyone else on the CRM.</summary>
internal static class StartPage
{
    public static string For(bool agent) => agent ? "/AgentDesk/Index" : "/Crm/Index";
}
