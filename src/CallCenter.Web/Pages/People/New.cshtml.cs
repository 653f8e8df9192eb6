using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.People;

/// <summary>Admins add a person; a password left blank is generated and shown on this page once.</summary>
public sealed class NewModel(PeopleClient people, DirectoryClient directory, IOptions<FloorOptions> floor) : FloorPageModel
{
    private static readonly IReadOnlyDictionary<string, string> Fields = ApiProblemModelState.FieldsOf<NewPersonInput>(nameof(Input));

    [BindProperty]
    public NewPersonInput Input { get; set; } = new() { Role = CallCenter.Web.SignIn.FloorRoles.Agent };

    public IReadOnlyList<Agent> Agents { get; private set; } = [];

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    /// <summary>The person just added, and their generated password when one was made.</summary>
    public PersonChanged? Added { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Agents = (await directory.AgentsAsync(cancellationToken)).Agents;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var person = Input.ToApi();
                person["user_name"] = Input.UserName!.Trim();
                person["password"] = string.IsNullOrEmpty(Input.Password) ? null : Input.Password;
                Added = await people.CreateAsync(person, cancellationToken);
                // Shown here, not after a redirect: a generated password must not travel in a cookie.
                return Page();
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, Fields);
            }
        }

        Agents = (await directory.AgentsAsync(cancellationToken)).Agents;
        return Page();
    }

    public sealed class NewPersonInput : PersonInput
    {
        [Required(ErrorMessage = "Enter the name they will sign in with.")]
        [StringLength(64, MinimumLength = 2)]
        [Display(Name = "User name")]
        public string? UserName { get; set; }

        [StringLength(256)]
        [DataType(DataType.Password)]
        [Display(Name = "Password (blank: one is generated)")]
        public string? Password { get; set; }
    }
}
