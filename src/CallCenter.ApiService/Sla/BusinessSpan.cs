namespace CallCenter.ApiService.Sla;

/// <summary>
/// Working hours within one local day, minutes from local midnight: 0 &lt;= StartMinute &lt; EndMinute &lt;= 1440
/// (1440 = midnight at the day's end).
/// </summary>
public sealed record BusinessSpan(int StartMinute, int EndMinute);
