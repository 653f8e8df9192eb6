using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CallCenter.Web.Hosting;

/// <summary>
/// The Data Protection key ring in PostgreSQL (table <c>data_protection_keys</c>, made by the API's migrations):
/// sign-in cookies and antiforgery tokens stay valid across a Web restart and on every Web replica. Keys are
/// stored as Data Protection writes them; access to the database is what guards them.
/// </summary>
internal sealed class FloorKeyRing(NpgsqlDataSource dataSource) : IXmlRepository
{
    public const string DatabaseConnectionName = "callcenterdb";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}

internal static class FloorKeyRingExtensions
{
    public static void AddFloorKeyRing(this IHostApplicationBuilder builder)
    {
        // Its own check instead of Aspire's: bounded in time, and Degraded rather than Unhealthy (KeyRingHealthCheck).
        builder.AddNpgsqlDataSource(FloorKeyRing.DatabaseConnectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddCheck<KeyRingHealthCheck>(KeyRingHealthCheck.Name);
        // One application name for every replica, whatever folder it runs from, so they share the keys.
        builder.Services.AddDataProtection().SetApplicationName("CallCenter.Web");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new FloorKeyRing(services.GetRequiredService<NpgsqlDataSource>())));
    }
}
