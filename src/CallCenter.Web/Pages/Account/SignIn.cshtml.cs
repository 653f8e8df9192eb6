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

public sealed class SignInModel(FloorPeople people, IStringLocalizer<UiText> text) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        FloorSignInResult result;
        try
        {
            result = await people.SignInAsync(Input.UserName!.Trim(), Input.Password!, HttpContext.RequestAborted);
        }
        catch (ApiProblemException problem)
        {
            // The API is away or refused the Web app itself: say so here, where the person is waiting.
            ModelState.AddModelError(string.Empty, problem.Detail);
            return Page();
        }

        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, text["Too many failed attempts: this account is locked for a few minutes."]);
                return Page();
            case SignInOutcome.Failed:
                ModelState.AddModelError(string.Empty, text["The user name or password is not right."]);
                return Page();
        }

        var user = result.Person!;
        var principal = user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        if (Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }

        return RedirectToPage(StartPage.For(user.Role == FloorRoles.Agent));
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your user name.")]
        [Display(Name = "User name")]
        [StringLength(64)]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        [StringLength(256)]
        public string? Password { get; set; }
    }
}
