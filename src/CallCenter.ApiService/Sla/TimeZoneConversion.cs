using NodaTime;
using NodaTime.TimeZones;

namespace CallCenter.ApiService.Sla;

/// <summary>The NodaTime zone for a <see cref="TimeZoneInfo"/>.</summary>
internal static class TimeZoneConversion
{
    /// <remarks>
    /// The tz database NodaTime ships is the authority for IANA (and convertible Windows) ids; a TimeZoneInfo on Linux
    /// carries the same data squeezed into adjustment rules, so it is only the fallback, for custom zones.
    /// </remarks>
    public static DateTimeZone ToNodaZone(this TimeZoneInfo timeZone)
    {
        var ianaId = timeZone.HasIanaId ? timeZone.Id
            : TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZone.Id, out var converted) ? converted
            : null;
        return (ianaId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaId)) ?? BclDateTimeZone.FromTimeZoneInfo(timeZone);
    }
}
