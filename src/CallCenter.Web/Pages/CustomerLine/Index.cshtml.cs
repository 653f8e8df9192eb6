using System.ComponentModel.DataAnnotations;
using CallCenter.Web.Floor;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CallCenter.Web.Pages.CustomerLine;

/// <summary>Plays the caller in a demo or a test: dial in, pick what the call is about, and wait in that queue.</summary>
public sealed class IndexModel(CallsClient calls, TranscriptsClient transcripts, IOptions<FloorOptions> floor) : FloorPageModel
{
    private static readonly IReadOnlyDictionary<string, string> Fields = ApiProblemModelState.FieldsOf<CallerInput>(nameof(Input));

    [BindProperty]
    public CallerInput Input { get; set; } = new();

    public IReadOnlyList<string> Departments => floor.Value.Departments;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var started = await calls.StartAsync(Input.PhoneNumber!, Input.CustomerName, Input.Priority, cancellationToken);
            await calls.RouteAsync(started.CallId, Input.Department!, cancellationToken);
            if (!string.IsNullOrWhiteSpace(Input.FirstWords))
            {
                var first = new Shared.SayInput { Content = Input.FirstWords.Trim() };
                await transcripts.AddAsync(started.CallId, "customer", first.Content, first.Language, cancellationToken);
            }

            return RedirectToPage("/CustomerLine/Call", new { started.CallId });
        }
        catch (ApiProblemException problem)
        {
            ModelState.AddApiProblem(problem, Fields);
            return Page();
        }
    }

    public sealed class CallerInput
    {
        [Required(ErrorMessage = "Enter the number you are calling from.")]
        [StringLength(32)]
        [Display(Name = "Phone number")]
        public string? PhoneNumber { get; set; }

        [StringLength(100)]
        [Display(Name = "Your name")]
        public string? CustomerName { get; set; }

        [Required(ErrorMessage = "Choose what your call is about.")]
        [Display(Name = "What is it about?")]
        public string? Department { get; set; }

        [Display(Name = "Priority")]
        public string? Priority { get; set; }

        [StringLength(4000)]
        [Display(Name = "First words (optional)")]
        public string? FirstWords { get; set; }
    }
}
