using System.Net;
using CallCenter.Tests.Infrastructure;
using Npgsql;

namespace CallCenter.Tests.Api;

/// <summary>
/// A rolling upgrade: another replica's migration adds a column while this one serves, and a later one drops it. The
/// replicas' connections hold prepared statements (<c>Database:PreparedStatements</c>), and PostgreSQL refuses to run
/// a prepared <c>SELECT *</c> whose rows changed shape (0A000, "cached plan must not change result type"). No request
/// may fail for it.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class SchemaChangeTests(CallCenterFixture fixture)
{
    private const string Probe = "schema_change_probe";

    [Fact]
    public async Task ReadsAndWritesKeepWorkingWhileAColumnIsAddedAndDropped()
    {
        using var api = fixture.CreateApiClient();
        var phone = Uri.EscapeDataString(ApiClient.NewSaudiMobile());
        var customer = (await api.PostAsync($"/api/calls?phone_number={phone}&customer_name=Probe")).Expect(HttpStatusCode.OK).Str("call.customer_id");

        async Task ServesEveryRequestAsync(string stage)
        {
            // Concurrent, so several pooled connections on both replicas run (and, from the second use, prepare) each statement.
            var reads = await api.SendConcurrentlyAsync(HttpMethod.Get, 48, _ => $"/api/customers/{customer}");
            var writes = await api.SendConcurrentlyAsync(HttpMethod.Post, 12, _ => $"/api/calls?phone_number={phone}&customer_name=Probe");
            var failed = reads.Concat(writes).Where(response => response.Status != HttpStatusCode.OK).ToList();
            Assert.True(failed.Count == 0, $"{stage}: {failed.Count} of {reads.Length + writes.Length} failed, first {failed.FirstOrDefault()?.Text}\n{ServiceErrorLog.Recent(60)}");
            Assert.All(reads, read => Assert.Equal(customer, read.Str("customer_id")));
            Assert.All(writes, write => Assert.Equal(customer, write.Str("call.customer_id")));
        }

        await ServesEveryRequestAsync("before the migration");
        await using var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        try
        {
            await using (var add = new NpgsqlCommand($"ALTER TABLE customers ADD COLUMN {Probe} integer", connection))
            {
                await add.ExecuteNonQueryAsync();
            }

            await ServesEveryRequestAsync("after a column was added");
            await ServesEveryRequestAsync("again");
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"ALTER TABLE customers DROP COLUMN IF EXISTS {Probe}", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await ServesEveryRequestAsync("after it was dropped");
    }
}
