using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CallCenter.Web.Pages;

public sealed class IndexModel(ApiHealthClient apiHealth) : PageModel
{
    public ApiHealth Health { get; private set; } = new(false, "Unknown", null, new Dictionary<string, string>());

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Health = await apiHealth.GetAsync(cancellationToken);
}
