using CallCenter.Web.Floor;
using CallCenter.Web.Pages.Shared;
using CallCenter.Web.Services;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.People;

/// <summary>
/// Admins change one person: name, role and agent, disabled or not, a new password. Whatever ends their sign-ins
/// ends them on this replica at once (open sockets too), and on others within the sign-in recheck interval.
/// </summary>
public sealed class PersonModel(PeopleClient people, DirectoryClient directory, PersonChanges changes, IOptions<FloorOptions> floor)
    : FloorPageModel
{
    private static readonly IReadOnlyDictionary<string, string> Fields = ApiProblemModelState.FieldsOf<PersonInput>(nameof(Input));

    [BindProperty(SupportsGet = true)]
    public string UserName { get; set; } = "";

    [BindProperty]
    public PersonInput Input { get; set; } = new();

    public Person Person { get; private set; } = new();

    public IReadOnlyList<Agent> Agents { get; private set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    /// <summary>A password just reset, shown on this answer only.</summary>
    public string? NewPassword { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Input = new PersonInput { DisplayName = Person.DisplayName, Role = Person.Role, AgentId = Person.AgentId };
    }

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await people.UpdateAsync(UserName, Input.ToApi(), cancellationToken);
                changes.Changed(UserName);
                return RedirectToPage(new { UserName });
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, Fields);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(bool disabled, CancellationToken cancellationToken) =>
        ActAsync(async () =>
        {
            await people.UpdateAsync(UserName, new { disabled }, cancellationToken);
            changes.Changed(UserName);
        }, new { UserName });

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken cancellationToken)
    {
        try
        {
            NewPassword = (await people.ResetPasswordAsync(UserName, cancellationToken)).Password;
            changes.Changed(UserName);
        }
        catch (ApiProblemException problem)
        {
            TempData[Flash.Problem] = problem.Detail;
            return RedirectToPage(new { UserName });
        }

        // Shown here, not after a redirect: a generated password must not travel in a cookie.
        await OnGetAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Person = await people.GetAsync(UserName, cancellationToken);
        Agents = (await directory.AgentsAsync(cancellationToken)).Agents;
    }
}
