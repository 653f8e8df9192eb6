namespace CallCenter.Web.SignIn;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

public sealed record FloorSignInResult(SignInOutcome Outcome, FloorUser? User = null);
