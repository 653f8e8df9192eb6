using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CallCenter.Web.Pages.Webhooks;

/// <summary>Admins: the webhook endpoints, a new one registered (its secret shown once), each enabled or disabled.</summary>
public sealed class IndexModel(WebhooksClient webhooks) : FloorPageModel
{
    private static readonly IReadOnlyDictionary<string, string> Fields = ApiProblemModelState.FieldsOf<NewEndpointInput>(nameof(Input));

    [BindProperty]
    public NewEndpointInput Input { get; set; } = new();

    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];

    /// <summary>The endpoint just registered, with its secret.</summary>
    public WebhookSecretIssued? Registered { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Endpoints = (await webhooks.ListAsync(cancellationToken)).Endpoints;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var types = Input.EventTypes!.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                // Shown here, not after a redirect: the secret must not travel in a cookie.
                Registered = await webhooks.CreateAsync(Input.Url!.Trim(), types, cancellationToken);
            }
            catch (ApiProblemException problem)
            {
                ModelState.AddApiProblem(problem, Fields);
            }
        }

        Endpoints = (await webhooks.ListAsync(cancellationToken)).Endpoints;
        return Page();
    }

    public Task<IActionResult> OnPostEnableAsync(long endpointId, bool enabled, CancellationToken cancellationToken) =>
        ActAsync(() => webhooks.EnableAsync(endpointId, enabled, cancellationToken));

    public sealed class NewEndpointInput
    {
        [Required(ErrorMessage = "Enter the address deliveries go to.")]
        [StringLength(2000)]
        [Display(Name = "URL")]
        public string? Url { get; set; }

        [Required(ErrorMessage = "Name the event types, or * for all.")]
        [StringLength(2000)]
        [Display(Name = "Event types (comma separated, * for all)")]
        public string? EventTypes { get; set; } = "*";
    }
}
