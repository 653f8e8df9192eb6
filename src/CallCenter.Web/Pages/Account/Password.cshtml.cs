using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Localization;
using CallCenter.Web.Services;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CallCenter.Web.Pages.Account;

/// <summary>Anyone signed in changes their own password; their other sign-ins end, this one carries on.</summary>
public sealed class PasswordModel(AccountClient accounts, PersonChanges changes, IStringLocalizer<UiText> text) : PageModel
{
    private static readonly IReadOnlyDictionary<string, string> Fields = ApiProblemModelState.FieldsOf<PasswordInput>(nameof(Input));

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.ConfirmPassword)}", text["The two new passwords differ."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var person = await accounts.ChangePasswordAsync(User, Input.CurrentPassword!, Input.NewPassword!, cancellationToken);
            changes.Changed(person.UserName);
            await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, person.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
            Changed = true;
            Input = new PasswordInput();
        }
        catch (ApiProblemException problem)
        {
            ModelState.AddApiProblem(problem, Fields);
        }

        return Page();
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(256)]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string? CurrentPassword { get; set; }

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(256)]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string? NewPassword { get; set; }

        [Required(ErrorMessage = "Enter the new password again.")]
        [StringLength(256)]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string? ConfirmPassword { get; set; }
    }
}
