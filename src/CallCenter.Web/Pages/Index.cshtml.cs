using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CallCenter.Web.Pages;

/// <summary>
/// The front door shows nothing of its own: visitors are sent to sign in (the folder's authorization), people to
/// where their work starts. The API's health is for operators, at the API's <c>/health</c>.
/// </summary>
public sealed class IndexModel : PageModel
{
    public RedirectToPageResult OnGet() => RedirectToPage(StartPage.For(User.IsInRole(FloorRoles.Agent)));
}
