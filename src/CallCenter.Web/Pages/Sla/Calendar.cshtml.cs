using CallCenter.Web.Localization;
using CallCenter.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CallCenter.Web.Pages.Sla;

/// <summary>Admins add or change a business-hours calendar, and add holidays from an iCalendar file.</summary>
public sealed class CalendarModel(SlaClient sla, IStringLocalizer<UiText> text) : FloorPageModel
{
    /// <summary>The calendar being changed; none when adding one.</summary>
    [BindProperty(SupportsGet = true)]
    public string? CalendarId { get; set; }

    [BindProperty]
    public CalendarInput Input { get; set; } = new();

    public bool Adding => string.IsNullOrEmpty(CalendarId);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Adding)
        {
            Input = CalendarInput.From(await sla.CalendarAsync(CalendarId!, cancellationToken));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = Input.ToApi((key, message, quoted) => ModelState.AddModelError(key, text[message, quoted]), Adding);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var saved = Adding ? await sla.CreateCalendarAsync(request, cancellationToken) : await sla.ReplaceCalendarAsync(CalendarId!, request, cancellationToken);
            // From here the form changes the saved calendar, should the holiday file be refused.
            CalendarId = saved.CalendarId;
            if (await HolidayFileTextAsync(cancellationToken) is { } icalendar)
            {
                await sla.ImportHolidaysAsync(saved.CalendarId, icalendar, cancellationToken);
            }

            return RedirectToPage("/Sla/Index");
        }
        catch (ApiProblemException problem)
        {
            ModelState.AddApiProblem(problem, Input.ApiFields());
            return Page();
        }
    }

    /// <summary>The uploaded .ics file's text, else the pasted text, else none.</summary>
    private async Task<string?> HolidayFileTextAsync(CancellationToken cancellationToken)
    {
        if (Input.HolidayFile is { Length: > 0 } file)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            return await reader.ReadToEndAsync(cancellationToken);
        }

        return string.IsNullOrWhiteSpace(Input.HolidayText) ? null : Input.HolidayText;
    }
}
