using CallCenter.ApiService.Tickets;

namespace CallCenter.UnitTests.Tickets;

/// <summary>A PATCH draws its history entries' ids before it knows which fields change: it must never draw too few.</summary>
public sealed class UpdateTicketRequestTests
{
    [Fact]
    public void OneFieldIsOneEntry() =>
        Assert.Equal(1, new UpdateTicketRequest { Priority = "high" }.HistoryEntriesAtMost());

    [Fact]
    public void CustomerUpdateMayAlsoReopenTheTicket() =>
        Assert.Equal(2, new UpdateTicketRequest { CustomerUpdate = "Still broken" }.HistoryEntriesAtMost());

    [Fact]
    public void CustomerUpdateWithAStatusChangesTheStatusOnce() =>
        Assert.Equal(2, new UpdateTicketRequest { Status = "open", CustomerUpdate = "Still broken" }.HistoryEntriesAtMost());

    [Fact]
    public void EveryFieldSetIsAnEntryEach() =>
        Assert.Equal(7, new UpdateTicketRequest
        {
            Status = "resolved", Priority = "low", AssignedTo = "AGT-002", Department = "billing", Notes = "n", Reply = "r", CustomerUpdate = "c",
        }.HistoryEntriesAtMost());

    [Fact]
    public void NothingSetIsNoEntry() => Assert.Equal(0, new UpdateTicketRequest().HistoryEntriesAtMost());
}
