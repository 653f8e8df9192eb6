using CallCenter.ApiService.Agents;
using CallCenter.ApiService.Data;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CallCenter.ApiService.People;

public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>
/// People who sign in to the Web app, through ASP.NET Core Identity's <see cref="UserManager{TUser}"/> (hashing,
/// password rules, lockout, security stamps) on <see cref="PersonStore"/>. Every change runs in one transaction
/// with its audit entry.
/// </summary>
public sealed class PersonDirectory(
    CallCenterDatabase database,
    UserManager<Person> users,
    PersonStore store,
    AuditTrail audit,
    FloorCallers callers,
    IOptions<CallCenterOptions> floor,
    TimeProvider clock)
{
    // Changes to people take turns, so "the last enabled admin" cannot be removed by two admins at once.
    private const long ChangeLockKey = 0x50656f706c65;

    // Unknown names still pay for a hash check, so timing does not tell which names exist.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<Person>().HashPassword(new Person(), Guid.NewGuid().ToString()));

    public Task<Page<Person>> ListAsync(PeopleListRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.QueryPageAsync<Person>(
            "people",
            "WHERE (@search::text IS NULL OR user_name ILIKE @search OR display_name ILIKE @search) AND (@Role::text IS NULL OR role = @Role)",
            "normalized_user_name",
            new { search = request.Search is null ? null : $"%{request.Search}%", request.Role },
            PagedQuery.ToPaging(request.Limit, request.Offset)), cancellationToken);

    public async Task<Person> GetAsync(string userName, CancellationToken cancellationToken) =>
        await users.FindByNameAsync(userName) ?? throw ApiProblemException.NotFound("Person", userName);

    public async Task<(Person Person, string? GeneratedPassword)> CreateAsync(CreatePersonRequest request, CancellationToken cancellationToken)
    {
        PersonRules.CheckAgentLink(request.Role!, request.AgentId, request.Department);
        var department = request.Department is null ? null : floor.Value.EnsureDepartment(request.Department, "department");
        var password = request.Password ?? PasswordRules.Generate();
        var person = new Person { UserName = request.UserName!, DisplayName = request.DisplayName!.Trim(), Role = request.Role! };
        await InChangeAsync(async work =>
        {
            person.AgentId = await DeskAsync(work, person, request.AgentId, department, request.Languages, cancellationToken);
            Expect(await users.CreateAsync(person, password), "password");
            await audit.RecordAsync(work, PeopleActions.Created, person.UserName);
        }, cancellationToken);
        return (person, request.Password is null ? password : null);
    }

    public Task<Person> UpdateAsync(string userName, UpdatePersonRequest request, CancellationToken cancellationToken) =>
        InChangeAsync(async work =>
        {
            var person = await GetAsync(userName, cancellationToken);
            var role = request.Role ?? person.Role;
            var disable = request.Disabled ?? person.Disabled;
            var keptAgent = role == FloorRoles.Agent && request.Department is null ? request.AgentId ?? person.AgentId : request.AgentId;
            PersonRules.CheckAgentLink(role, keptAgent, request.Department);
            var otherAdmins = await work.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM people WHERE role = 'admin' AND disabled_at IS NULL AND normalized_user_name <> @NormalizedUserName",
                new { person.NormalizedUserName });
            PersonRules.CheckChange(callers.Current.ActingUser ?? callers.Current.Name, person, role, disable, otherAdmins);
            var department = request.Department is null ? null : floor.Value.EnsureDepartment(request.Department, "department");

            var agentId = await DeskAsync(work, person, keptAgent, department, request.Languages, cancellationToken);
            var endsSignIns = PersonRules.EndsSignIns(person, role, agentId, disable);
            person.DisplayName = request.DisplayName?.Trim() ?? person.DisplayName;
            person.Role = role;
            person.AgentId = agentId;
            person.DisabledAt = disable ? person.DisabledAt ?? clock.UtcNow() : null;
            Expect(endsSignIns ? await users.UpdateSecurityStampAsync(person) : await users.UpdateAsync(person), "user_name");
            await audit.RecordAsync(work, PeopleActions.Updated, person.UserName);
            return person;
        }, cancellationToken);

    /// <summary>A new generated password, shown once; their sign-ins end and any lockout is lifted.</summary>
    public async Task<(Person Person, string Password)> ResetPasswordAsync(string userName, CancellationToken cancellationToken)
    {
        var password = PasswordRules.Generate();
        var person = await InChangeAsync(async work =>
        {
            var person = await GetAsync(userName, cancellationToken);
            person.PasswordHash = users.PasswordHasher.HashPassword(person, password);
            person.AccessFailedCount = 0;
            person.LockoutEnd = null;
            Expect(await users.UpdateSecurityStampAsync(person), "user_name");
            await audit.RecordAsync(work, PeopleActions.PasswordReset, person.UserName);
            return person;
        }, cancellationToken);
        return (person, password);
    }

    /// <summary>
    /// Checks a password for the Web app's sign-in page. Wrong passwords count towards a lockout that is stored,
    /// so it survives a restart and holds on every replica; a disabled or unknown person simply fails.
    /// </summary>
    public Task<(SignInOutcome Outcome, PersonSession? Session)> SignInAsync(SignInRequest request, CancellationToken cancellationToken) =>
        database.InTransactionAsync<(SignInOutcome, PersonSession?)>(async work =>
        {
            store.Enlist(work);
            var person = await users.FindByNameAsync(request.UserName!.Trim());
            if (person is null || person.Disabled)
            {
                users.PasswordHasher.VerifyHashedPassword(new Person(), DecoyHash.Value, request.Password!);
                return (SignInOutcome.Failed, null);
            }

            var actor = callers.Current with { Name = $"{person.UserName} (via {callers.Current.Name})", Role = person.Role, ActingUser = person.UserName };
            if (await users.IsLockedOutAsync(person))
            {
                return (SignInOutcome.LockedOut, null);
            }

            if (await users.CheckPasswordAsync(person, request.Password!))
            {
                if (person.AccessFailedCount > 0)
                {
                    await users.ResetAccessFailedCountAsync(person);
                }

                await audit.RecordAsync(work, PeopleActions.SignedIn, person.UserName, actor: actor);
                return (SignInOutcome.Succeeded, PersonSession.Of(person));
            }

            await users.AccessFailedAsync(person);
            if (!await users.IsLockedOutAsync(person))
            {
                return (SignInOutcome.Failed, null);
            }

            await audit.RecordAsync(work, PeopleActions.LockedOut, person.UserName, actor: actor);
            return (SignInOutcome.LockedOut, null);
        }, cancellationToken);

    /// <summary>The signed-in person the Web app acts for, as they are now: the Web app checks its cookies against it.</summary>
    public async Task<PersonSession> CurrentAsync(CancellationToken cancellationToken)
    {
        var person = await users.FindByNameAsync(ActingUser());
        return person is { Disabled: false } ? PersonSession.Of(person) : throw ApiProblemException.NotFound("Person", ActingUser());
    }

    /// <summary>A person changes their own password; their other sign-ins end, this one is re-issued by the Web app.</summary>
    public Task<PersonSession> ChangeOwnPasswordAsync(ChangePasswordRequest request, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            store.Enlist(work);
            var person = await users.FindByNameAsync(ActingUser());
            if (person is not { Disabled: false })
            {
                throw ApiProblemException.NotFound("Person", ActingUser());
            }

            var result = await users.ChangePasswordAsync(person, request.CurrentPassword!, request.NewPassword!);
            if (result.Errors.Any(error => error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                throw ApiProblemException.Invalid("current_password", "is not your current password.");
            }

            Expect(result, "new_password");
            await audit.RecordAsync(work, PeopleActions.PasswordChanged, person.UserName);
            return PersonSession.Of(person);
        }, cancellationToken);

    private string ActingUser() =>
        callers.Current.ActingUser ?? throw ApiProblemException.Forbidden("X-Acting-User", "only the Web app, acting for a signed-in person, has a 'me'.");

    private Task InChangeAsync(Func<UnitOfWork, Task> change, CancellationToken cancellationToken) =>
        InChangeAsync<bool>(async work =>
        {
            await change(work);
            return true;
        }, cancellationToken);

    private Task<T> InChangeAsync<T>(Func<UnitOfWork, Task<T>> change, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async work =>
        {
            await work.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = ChangeLockKey });
            store.Enlist(work);
            return await change(work);
        }, cancellationToken);

    /// <summary>The agent whose desk the person works: an existing one nobody else works, a new one, or none.</summary>
    private async Task<string?> DeskAsync(
        UnitOfWork work, Person person, string? agentId, string? department, string? languages,
        CancellationToken cancellationToken)
    {
        if (department is not null)
        {
            var created = await AgentRoster.CreateAsync(work, person.DisplayName, department, languages?.Split(',') ?? [], clock);
            await audit.RecordAsync(work, PeopleActions.AgentCreated, created.AgentId);
            return created.AgentId;
        }

        if (agentId is null || agentId == person.AgentId)
        {
            return agentId;
        }

        await AgentRoster.EnsureExistsAsync(work, agentId, "agent_id");
        var holder = await work.QuerySingleOrDefaultAsync<string?>(
            "SELECT user_name FROM people WHERE agent_id = @agentId", new { agentId });
        return holder is null ? agentId : throw ApiProblemException.Invalid("agent_id", $"{agentId} is already the desk of '{holder}'.");
    }

    /// <summary>Identity's refusals become the named field's error; a taken user name is a conflict.</summary>
    private static void Expect(IdentityResult result, string field)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(error => error.Code is nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new ApiProblemException(StatusCodes.Status409Conflict, "Conflict with the current state", "user_name: is taken.",
                new Dictionary<string, string[]> { ["user_name"] = ["is taken."] });
        }

        if (result.Errors.Any(error => error.Code is nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw ApiProblemException.Conflict("the person was changed by someone else meanwhile; try again.");
        }

        var name = result.Errors.All(error => error.Code.StartsWith("Password", StringComparison.Ordinal)) ? field : "user_name";
        throw ApiProblemException.Invalid(name, string.Join(" ", result.Errors.Select(error => error.Description)));
    }
}
