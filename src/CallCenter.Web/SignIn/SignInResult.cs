using CallCenter.Web.Services;

namespace CallCenter.Web.SignIn;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

public sealed record FloorSignInResult(SignInOutcome Outcome, PersonSession? Person = null);
