namespace CallCenter.ApiService.Sla;

/// <summary>One ticket's targets and the SLA catalog's version, read together by a change that holds the ticket's lock.</summary>
public readonly record struct SlaTargetsRead(long CatalogVersion, IReadOnlyList<SlaTarget> Targets);
