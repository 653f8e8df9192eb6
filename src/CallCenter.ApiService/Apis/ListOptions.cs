namespace CallCenter.ApiService.Apis;

/// <summary>The <c>Lists</c> section.</summary>
public sealed class ListOptions
{
    public const string Section = "Lists";

    /// <summary>
    /// How long a ticket page may be answered again while nothing it shows has changed (<see cref="Tickets.TicketMark"/>):
    /// its time-derived fields (an SLA's minutes left, <c>as_of</c>) are as of its read, at most this long ago.
    /// Zero reads every page.
    /// </summary>
    public TimeSpan ReuseFor { get; set; } = TimeSpan.FromSeconds(1);
}
