namespace CallCenter.ApiService.Sla;

/// <summary>A local date with no business hours, and what it is called.</summary>
public sealed record Holiday(DateOnly Date, string Name);
