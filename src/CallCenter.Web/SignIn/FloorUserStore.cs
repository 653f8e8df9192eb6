using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.SignIn;

/// <summary>
/// The people who can sign in, kept in memory: the API has no user table yet. Passwords are hashed with
/// ASP.NET Core's <see cref="PasswordHasher{TUser}"/>; repeated failures lock the account for a while.
/// </summary>
public sealed class FloorUserStore(IPasswordHasher<FloorUser> hasher, IOptions<FloorSignInOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, FloorUser> _users = new(StringComparer.OrdinalIgnoreCase);

    // Cancelled when a person is replaced: what stays open past a request (a relayed socket) ends with it.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _changes = new(StringComparer.OrdinalIgnoreCase);

    // Unknown names still pay for a hash check, so timing does not tell which names exist.
    private readonly Lazy<(FloorUser User, string Hash)> _decoy = new(() =>
    {
        var decoy = new FloorUser("decoy", FloorRoles.Agent, null);
        return (decoy, hasher.HashPassword(decoy, Guid.NewGuid().ToString()));
    });

    /// <summary>
    /// Adds a person, or replaces the one of that name (a new role, say): either way with a new security stamp,
    /// so cookies issued before stop counting on their next request.
    /// </summary>
    public void Add(FloorUser user, string password)
    {
        user.PasswordHash = hasher.HashPassword(user, password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        _users[user.UserName] = user;
        if (_changes.TryRemove(user.UserName, out var changed))
        {
            changed.Cancel();
            changed.Dispose();
        }
    }

    /// <summary>Cancelled when this person is next replaced (a new role, say); check <see cref="IsCurrent"/> after taking it.</summary>
    public CancellationToken ChangeToken(string userName) =>
        _changes.GetOrAdd(userName, _ => new CancellationTokenSource()).Token;

    /// <summary>Whether a sign-in cookie's principal still speaks for a person here, as they are now.</summary>
    public bool IsCurrent(ClaimsPrincipal principal) =>
        principal.Identity?.Name is { } name && _users.TryGetValue(name, out var user) && principal.Describes(user);

    public FloorSignInResult Verify(string userName, string password)
    {
        if (!_users.TryGetValue(userName, out var user))
        {
            hasher.VerifyHashedPassword(_decoy.Value.User, _decoy.Value.Hash, password);
            return new FloorSignInResult(SignInOutcome.Failed);
        }

        var now = clock.GetUtcNow();
        lock (user)
        {
            if (user.LockedUntil > now)
            {
                return new FloorSignInResult(SignInOutcome.LockedOut);
            }

            var verified = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            if (verified == PasswordVerificationResult.Failed)
            {
                user.FailedAttempts++;
                if (user.FailedAttempts < options.Value.MaxFailedAttempts)
                {
                    return new FloorSignInResult(SignInOutcome.Failed);
                }

                user.FailedAttempts = 0;
                user.LockedUntil = now + options.Value.LockoutDuration;
                return new FloorSignInResult(SignInOutcome.LockedOut);
            }

            if (verified == PasswordVerificationResult.SuccessRehashNeeded)
            {
                user.PasswordHash = hasher.HashPassword(user, password);
            }

            user.FailedAttempts = 0;
            user.LockedUntil = null;
            return new FloorSignInResult(SignInOutcome.Succeeded, user);
        }
    }
}
