using System.Net;
using CallCenter.ApiService.Data;
using CallCenter.Tests.Infrastructure;
using Npgsql;

namespace CallCenter.Tests.Api;

/// <summary>
/// Reads share connections (<c>Database:MultiplexedReads</c>): they go through the read pool, which opens at most
/// <c>Database:ReadConnections</c> per replica however many reads arrive at once, since every replica shares
/// PostgreSQL's <c>max_connections</c>.
/// </summary>
[Collection(CallCenterCollection.Name)]
public sealed class SharedReadsTests(CallCenterFixture fixture)
{
    [Fact]
    public async Task BurstsOfReadsGoThroughTheReadPoolWithinItsConnections()
    {
        using var api = fixture.CreateApiClient();
        await using var connection = new NpgsqlConnection(await fixture.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection)
        {
            Parameters = { new() { Value = DatabaseOptions.ReadPoolName } },
        };

        var most = 0L;
        for (var burst = 0; burst < 4; burst++)
        {
            var reads = await api.SendConcurrentlyAsync(HttpMethod.Get, 96, _ => "/api/calls/queue");
            Assert.All(reads, read => Assert.Equal(HttpStatusCode.OK, read.Status));
            // Pooled connections outlive the burst (Npgsql closes idle ones after 300 s), so each count covers it.
            most = Math.Max(most, (long)(await count.ExecuteScalarAsync())!);
        }

        Assert.InRange(most, 1, 2 * new DatabaseOptions().ReadConnections);
    }
}
