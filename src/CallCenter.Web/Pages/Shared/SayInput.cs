using System.ComponentModel.DataAnnotations;

namespace CallCenter.Web.Pages.Shared;

/// <summary>A line typed into a call's transcript, by the agent or (on the customer line) the customer.</summary>
public sealed class SayInput
{
    [Required(ErrorMessage = "Type a message first.")]
    [StringLength(4000, ErrorMessage = "A message holds at most 4,000 characters.")]
    [Display(Name = "Message")]
    public string? Content { get; set; }

    /// <summary>The API records each line's language; Arabic letters anywhere make it Arabic.</summary>
    public string Language => Content?.Any(c => c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F') == true ? "ar" : "en";
}
