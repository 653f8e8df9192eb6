using CallCenter.ApiService.Sla;
using CsCheck;
using static CallCenter.UnitTests.Sla.Calendars;

namespace CallCenter.UnitTests.Sla;

/// <summary>Holiday lists read from iCalendar text as calendar apps export it.</summary>
public sealed class HolidayFileTests
{
    [Fact]
    public void ASingleAllDayEventIsOneHoliday() =>
        Assert.Equal([new Holiday(new DateOnly(2027, 2, 22), "Founding Day")], HolidayFile.Parse(File(
            """
            BEGIN:VEVENT
            UID:founding-2027
            DTSTART;VALUE=DATE:20270222
            DTEND;VALUE=DATE:20270223
            SUMMARY:Founding Day
            END:VEVENT
            """)));

    [Fact]
    public void AnAllDayEventWithoutAnEndIsOneDay() =>
        Assert.Equal([new DateOnly(2027, 2, 22)], Dates(File(
            """
            BEGIN:VEVENT
            UID:founding-2027
            DTSTART;VALUE=DATE:20270222
            SUMMARY:Founding Day
            END:VEVENT
            """)));

    [Fact]
    public void AMultiDayEventGivesEveryDateBeforeItsEnd() =>
        Assert.Equal([new DateOnly(2027, 3, 9), new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 11), new DateOnly(2027, 3, 12)], Dates(File(
            """
            BEGIN:VEVENT
            UID:eid-2027
            DTSTART;VALUE=DATE:20270309
            DTEND;VALUE=DATE:20270313
            SUMMARY:Eid al-Fitr
            END:VEVENT
            """)));

    [Fact]
    public void AYearlyRuleIsExpandedForFiveYears() =>
        Assert.Equal([.. Enumerable.Range(2026, 5).Select(year => new DateOnly(year, 9, 23))], Dates(File(
            """
            BEGIN:VEVENT
            UID:national-day
            DTSTART;VALUE=DATE:20260923
            RRULE:FREQ=YEARLY
            SUMMARY:National Day
            END:VEVENT
            """)));

    [Fact]
    public void AYearlyRuleWithACountStopsThere() =>
        Assert.Equal([new DateOnly(2026, 9, 23), new DateOnly(2026, 9, 24), new DateOnly(2027, 9, 23), new DateOnly(2027, 9, 24)], Dates(File(
            """
            BEGIN:VEVENT
            UID:national-day
            DTSTART;VALUE=DATE:20260923
            DTEND;VALUE=DATE:20260925
            RRULE:FREQ=YEARLY;COUNT=2
            SUMMARY:National Day
            END:VEVENT
            """)));

    [Fact]
    public void TimedEventsAreNotHolidaysAndDatesComeOutInOrder() =>
        Assert.Equal([new Holiday(new DateOnly(2026, 12, 31), "Year end"), new Holiday(new DateOnly(2027, 1, 1), "New Year")], HolidayFile.Parse(File(
            """
            BEGIN:VEVENT
            UID:new-year
            DTSTART;VALUE=DATE:20270101
            SUMMARY:New Year
            END:VEVENT
            BEGIN:VEVENT
            UID:party
            DTSTART:20261231T150000Z
            DTEND:20261231T170000Z
            SUMMARY:Team party
            END:VEVENT
            BEGIN:VEVENT
            UID:year-end
            DTSTART;VALUE=DATE:20261231
            SUMMARY:Year end
            END:VEVENT
            """)));

    [Fact]
    public void ImportedHolidaysCloseTheCalendarOnTheirDates()
    {
        var holidays = HolidayFile.Parse(File(
            """
            BEGIN:VEVENT
            UID:founding-2027
            DTSTART;VALUE=DATE:20270222
            SUMMARY:Founding Day
            END:VEVENT
            """));
        var calendar = RiyadhWeek([.. holidays.Select(holiday => holiday.Date)]);

        // Monday 22 February 2027 is skipped: an hour from Sunday 16:00 ends on Tuesday.
        Assert.Equal(RiyadhTime(2027, 2, 23, 9), calendar.Add(RiyadhTime(2027, 2, 21, 16), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void EveryCalendarInTheFileCounts()
    {
        var holidays = HolidayFile.Parse("""
            BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20270222
            SUMMARY:Founding Day
            END:VEVENT
            END:VCALENDAR
            BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20270923
            SUMMARY:National Day
            END:VEVENT
            END:VCALENDAR
            """);

        Assert.Equal([new DateOnly(2027, 2, 22), new DateOnly(2027, 9, 23)], holidays.Select(holiday => holiday.Date));
    }

    [Fact]
    public void TwoCalendarsOfJumbledLinesAreReadNotACrash()
    {
        // Found by AnyJumbleOfLinesIsReadOrRefusedAsAFormatError (seed 8QULquT2H261): the library's single-calendar
        // load threw InvalidOperationException on a second VCALENDAR.
        var text = string.Join("\r\n",
            "BEGIN:VCALENDAR", "DTSTART;VALUE=DATE:1", "RRULE:FREQ=HOURLY", "DTSTART:20270222T090000Z", "END:VCALENDAR",
            "BEGIN:VCALENDAR", "DTSTART;VALUE=DATE:1", " folded", "EXDATE;VALUE=DATE:20280222", "RRULE:FREQ=HOURLY", "END:VCALENDAR");

        // Neither calendar has an event: nothing to import, and no exception of the library's own.
        Assert.Empty(HolidayFile.Parse(text));
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("")]
    [InlineData("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270222\nEND:VEVENT")]
    [InlineData("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270222\n")]
    [InlineData("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2027XX22\nEND:VEVENT\nEND:VCALENDAR")]
    [InlineData("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:No start\nEND:VEVENT\nEND:VCALENDAR")]
    [InlineData("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270222\nRRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR")]
    public void MalformedTextIsAFormatError(string text) => Assert.Throws<FormatException>(() => HolidayFile.Parse(text));

    [Fact]
    public void AnyJumbleOfLinesIsReadOrRefusedAsAFormatError()
    {
        string[] lines =
        [
            "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "VERSION:2.0", "SUMMARY:Day off",
            "DTSTART;VALUE=DATE:20270222", "DTEND;VALUE=DATE:20270220", "DTSTART:20270222T090000Z", "DTSTART;VALUE=DATE:1",
            "RRULE:FREQ=YEARLY", "RRULE:FREQ=DAILY;COUNT=3", "RRULE:FREQ=HOURLY", "RRULE:FREQ=YEARLY;UNTIL=2020", "RRULE:",
            "EXDATE;VALUE=DATE:20280222", "DURATION:P2D", "DURATION:PXD", ":", ";;", " folded", "X-FOO:\u0001",
        ];
        Gen.Int[0, lines.Length - 1].Array[0, 14].Select(picks => string.Join("\r\n", picks.Select(pick => lines[pick]))).Sample(text =>
        {
            try
            {
                HolidayFile.Parse(text);
            }
            catch (FormatException)
            {
            }
        }, iter: 2_000);
    }

    private static string File(string events) => $"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//CallCenter//Tests//EN\n{events}\nEND:VCALENDAR\n";

    private static DateOnly[] Dates(string text) => [.. HolidayFile.Parse(text).Select(holiday => holiday.Date)];
}
