using CallCenter.Web.Services;

namespace CallCenter.Web.Pages.AgentDesk;

/// <summary>One of my calls, with the desk that renders it (its pickers and a failed transfer's errors).</summary>
public sealed record MyCallRow(Call Call, IndexModel Desk)
{
    public bool FailedTransfer => Desk.Transfer.CallId == Call.CallId && !Desk.ModelState.IsValid;
}
