using System.Net;
using CallCenter.Tests.Infrastructure;
using Npgsql;

namespace CallCenter.Tests.Web;

/// <summary>Tickets for the SLA pages' tests, opened through the API under the standard (round-the-clock) policy.</summary>
internal static class SlaTickets
{
    public static async Task<string> OpenAsync(AppFixture fixture, string subject, string priority)
    {
        using var api = fixture.CreateApiClient();
        var created = (await api.PostAsync("/api/tickets", new { customer_name = "SLA Customer", subject, priority })).Expect(HttpStatusCode.OK);
        return created.Str("ticket_id");
    }

    /// <summary>Planted in PostgreSQL as a missed first response leaves it, instead of waiting an hour for one.</summary>
    public static async Task BreachFirstResponseAsync(AppFixture fixture, string ticketId)
    {
        await using var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var plant = new NpgsqlCommand(
            "UPDATE ticket_sla_targets SET status = 'breached', breached_at = due_at, fire_at = NULL WHERE ticket_id = @ticket AND kind = 'first_response'",
            connection);
        plant.Parameters.AddWithValue("ticket", ticketId);
        await plant.ExecuteNonQueryAsync();
    }
}
