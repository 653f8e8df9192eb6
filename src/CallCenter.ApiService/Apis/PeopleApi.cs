using CallCenter.ApiService.Idempotency;
using CallCenter.ApiService.People;
using CallCenter.ApiService.Requests;
using CallCenter.ApiService.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CallCenter.ApiService.Apis;

/// <summary>
/// The people who sign in to the Web app. Admins manage them; the Web app's own key checks passwords and asks
/// who its signed-in person is now; a person changes their own password.
/// </summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/people").WithTags("People").WithApiProblems();

        people.MapGet("/", ListPeople).WithName(nameof(ListPeople)).RequireAuthorization(FloorPolicies.Administration)
            .WithSummary("People who sign in to the Web app, by user name; search by name, filter by role.");
        people.MapPost("/", CreatePerson).WithName(nameof(CreatePerson)).WithSecretInAnswer().RequireAuthorization(FloorPolicies.Administration)
            .WithSummary("Add a person (agent, supervisor or admin); an agent works an existing agent's desk or a new one in a department. "
                + "Without a password one is generated and shown only in this answer.");
        people.MapGet("/{userName}", GetPerson).WithName(nameof(GetPerson)).RequireAuthorization(FloorPolicies.Administration)
            .WithSummary("One person.");
        people.MapPatch("/{userName}", UpdatePerson).WithName(nameof(UpdatePerson)).RequireAuthorization(FloorPolicies.Administration)
            .WithSummary("Change a person's display name, role, agent, or disable/enable them. A new role, agent or disabling signs them out everywhere. "
                + "Nobody changes their own role or disables themselves; the last enabled admin stays one.");
        people.MapPost("/{userName}/password-reset", ResetPassword).WithName(nameof(ResetPassword)).WithSecretInAnswer().RequireAuthorization(FloorPolicies.Administration)
            .WithSummary("Give a person a new generated password, shown only in this answer; signs them out everywhere and lifts a lockout.");

        people.MapPost("/sign-in", SignIn).WithName(nameof(SignIn)).WithSecretInAnswer().RequireAuthorization(FloorPolicies.WebApp)
            .WithSummary("The Web app's key only: check a user name and password. 401 when wrong, 423 while locked out after repeated failures.");
        people.MapGet("/me", GetCurrentPerson).WithName(nameof(GetCurrentPerson)).RequireAuthorization(FloorPolicies.SignedInPerson)
            .WithSummary("The Web app's key acting for a person: that person as they are now, with the security stamp their sign-in must carry.");
        people.MapPost("/me/password", ChangeOwnPassword).WithName(nameof(ChangeOwnPassword)).WithSecretInAnswer().RequireAuthorization(FloorPolicies.SignedInPerson)
            .WithSummary("The Web app's key acting for a person: change their own password; their other sign-ins end.");

        return people;
    }

    public static async Task<Ok<PersonList>> ListPeople(PeopleListRequest request, PersonDirectory people, CancellationToken cancellationToken)
    {
        var page = await people.ListAsync(request, cancellationToken);
        return TypedResults.Ok(new PersonList(page.Items, page.Total, page.Paging.Limit, page.Paging.Offset, page.TotalIsExact));
    }

    public static async Task<Created<PersonChanged>> CreatePerson(CreatePersonRequest request, PersonDirectory people, CancellationToken cancellationToken)
    {
        var (person, password) = await people.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/people/{Uri.EscapeDataString(person.UserName)}", new PersonChanged(true, person, password));
    }

    public static async Task<Ok<Person>> GetPerson(string userName, PersonDirectory people, CancellationToken cancellationToken) =>
        TypedResults.Ok(await people.GetAsync(userName, cancellationToken));

    public static async Task<Ok<PersonChanged>> UpdatePerson(
        string userName, UpdatePersonRequest request, PersonDirectory people, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PersonChanged(true, await people.UpdateAsync(userName, request, cancellationToken)));

    public static async Task<Ok<PersonChanged>> ResetPassword(string userName, PersonDirectory people, CancellationToken cancellationToken)
    {
        var (person, password) = await people.ResetPasswordAsync(userName, cancellationToken);
        return TypedResults.Ok(new PersonChanged(true, person, password));
    }

    public static async Task<Results<Ok<PersonSession>, ProblemHttpResult>> SignIn(
        SignInRequest request, PersonDirectory people, CancellationToken cancellationToken)
    {
        var (outcome, session) = await people.SignInAsync(request, cancellationToken);
        return outcome switch
        {
            SignInOutcome.Succeeded => TypedResults.Ok(session),
            SignInOutcome.LockedOut => TypedResults.Problem(
                "Too many failed attempts: this account is locked for a while.", statusCode: StatusCodes.Status423Locked, title: "Locked out"),
            _ => TypedResults.Problem("The user name or password is not right.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed"),
        };
    }

    public static async Task<Ok<PersonSession>> GetCurrentPerson(PersonDirectory people, CancellationToken cancellationToken) =>
        TypedResults.Ok(await people.CurrentAsync(cancellationToken));

    public static async Task<Ok<PersonSession>> ChangeOwnPassword(
        ChangePasswordRequest request, PersonDirectory people, CancellationToken cancellationToken) =>
        TypedResults.Ok(await people.ChangeOwnPasswordAsync(request, cancellationToken));
}
