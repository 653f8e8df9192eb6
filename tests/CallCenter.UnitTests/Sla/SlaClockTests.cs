using CallCenter.ApiService.Sla;
using static CallCenter.UnitTests.Sla.SlaCalendars;

namespace CallCenter.UnitTests.Sla;

public sealed class SlaClockTests
{
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(15);

    [Fact]
    public void ATargetOpenedAfterHoursIsDueInTheNextMorningsHours()
    {
        // Thursday 16:30: 30 business minutes left that day, then Friday and Saturday are closed.
        var target = SlaClock.Start(SlaKind.FirstResponse, new SlaTerms(60, BusinessTime: true), Local("10 16:30"), Riyadh, Lead);

        Assert.Equal(Local("13 08:30"), target.DueAt);
        Assert.Equal(Local("13 08:15"), target.WarnAt);
        Assert.Equal(target.WarnAt, target.FireAt);
    }

    [Fact]
    public void ACalendarTimeTargetIgnoresTheCalendar()
    {
        var target = SlaClock.Start(SlaKind.Resolution, new SlaTerms(60, BusinessTime: false), Local("10 16:30"), Riyadh, Lead);

        Assert.Equal(Local("10 17:30"), target.DueAt);
    }

    [Fact]
    public void APauseAcrossTheWeekendMovesTheDueTimeByTheBusinessTimeInsideIt()
    {
        var started = SlaClock.Start(SlaKind.Resolution, new SlaTerms(600, BusinessTime: true), Local("10 09:00"), Riyadh, Lead);
        Assert.Equal(Local("13 10:00"), started.DueAt); // 8 h on Thursday, 2 h on Sunday

        var paused = SlaClock.Pause(started, Local("10 16:00"), Riyadh);
        Assert.Equal(SlaStatus.Paused, paused.Status);
        Assert.Null(paused.FireAt);
        Assert.Equal(TimeSpan.FromHours(7), TimeSpan.FromTicks(paused.UsedTicks));

        // Resumed on Sunday at 10:00: 1 h of Thursday and 2 h of Sunday passed paused.
        var resumed = SlaClock.Resume(paused, Local("13 10:00"), Riyadh, Lead);
        Assert.Equal(Local("13 13:00"), resumed.DueAt);
        Assert.Equal(TimeSpan.FromHours(7.5), SlaClock.Used(resumed, Local("13 10:30"), Riyadh));
    }

    [Fact]
    public void AchievingStopsTheClockAndABreachedTargetStaysBreached()
    {
        var started = SlaClock.Start(SlaKind.FirstResponse, new SlaTerms(60, BusinessTime: true), Local("07 09:00"), Riyadh, Lead);
        var achieved = SlaClock.Achieve(started, Local("07 09:20"), Riyadh);
        Assert.Equal(SlaStatus.Achieved, achieved.Status);
        Assert.Equal(TimeSpan.FromMinutes(20), SlaClock.Used(achieved, Local("08 12:00"), Riyadh));
        Assert.Null(achieved.FireAt);

        var breached = SlaClock.Breach(started);
        Assert.Equal(Local("07 10:00"), breached.BreachedAt);
        var metLate = SlaClock.Achieve(breached, Local("07 11:00"), Riyadh);
        Assert.Equal(SlaStatus.Breached, metLate.Status);
        Assert.Equal(Local("07 11:00"), metLate.AchievedAt);
    }

    [Fact]
    public void ATargetWithLessLeftThanTheLeadWarnsAtOnce()
    {
        var target = SlaClock.Start(SlaKind.FirstResponse, new SlaTerms(10, BusinessTime: false), Local("07 09:00"), Riyadh, Lead);

        Assert.Equal(Local("07 09:00"), target.WarnAt);
        Assert.Equal(Local("07 09:10"), target.DueAt);
    }

    [Fact]
    public void RetargetingKeepsTheTimeUsed()
    {
        var started = SlaClock.Start(SlaKind.Resolution, new SlaTerms(480, BusinessTime: true), Local("07 09:00"), Riyadh, Lead);
        var shorter = SlaClock.Retarget(started, new SlaTerms(120, BusinessTime: true), Local("07 10:00"), Riyadh, Lead);

        Assert.Equal(Local("07 11:00"), shorter.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), SlaClock.Used(shorter, Local("07 10:00"), Riyadh));

        var spent = SlaClock.Retarget(started, new SlaTerms(30, BusinessTime: true), Local("07 10:00"), Riyadh, Lead);
        Assert.Equal(Local("07 10:00"), spent.DueAt);
    }

    [Fact]
    public void FiringWarnsThenBreachesEachOnce()
    {
        var target = SlaClock.Start(SlaKind.FirstResponse, new SlaTerms(60, BusinessTime: false), Local("07 09:00"), Riyadh, Lead);

        Assert.Empty(TicketSla.Fire([target], Local("07 09:44")).Log);
        var warned = TicketSla.Fire([target], Local("07 09:45"));
        Assert.Equal([SlaEvents.Warned], warned.Log.Select(entry => entry.What));
        Assert.Empty(TicketSla.Fire(warned.Targets, Local("07 09:59")).Log);

        var breached = TicketSla.Fire(warned.Targets, Local("07 10:00"));
        Assert.Equal([SlaEvents.Breached], breached.Log.Select(entry => entry.What));
        Assert.Empty(TicketSla.Fire(breached.Targets, Local("07 12:00")).Log);
        Assert.Null(breached.Targets[0].FireAt);
    }

    [Fact]
    public void AfterAnOutageTheWarningAndTheBreachBothFireInOrder()
    {
        var target = SlaClock.Start(SlaKind.FirstResponse, new SlaTerms(60, BusinessTime: false), Local("07 09:00"), Riyadh, Lead);

        var fired = TicketSla.Fire([target], Local("07 13:00"));

        Assert.Equal([SlaEvents.Warned, SlaEvents.Breached], fired.Log.Select(entry => entry.What));
        Assert.Equal(Local("07 10:00"), fired.Targets[0].BreachedAt);
    }
}
