using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A Data Protection key ring in a PostgreSQL table (<c>friendly_name</c>, <c>xml</c>, <c>created_at</c>, made by the
/// API's migrations), so every replica of a service reads the keys any replica made. Keys are stored as Data
/// Protection writes them; access to the database is what guards them.
/// </summary>
public sealed class SharedKeyRing(DbDataSource dataSource, string table) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand($"SELECT xml FROM {table} ORDER BY created_at");
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
        using var command = dataSource.CreateCommand($"INSERT INTO {table} (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        foreach (var value in new[] { friendlyName, element.ToString(SaveOptions.DisableFormatting) })
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }
}

public static class SharedKeyRingExtensions
{
    /// <summary>
    /// Data Protection on <paramref name="table"/>, under one application name for every replica (whatever folder it
    /// runs from), so they share the keys. The service registers the <see cref="DbDataSource"/>.
    /// </summary>
    public static IDataProtectionBuilder AddSharedKeyRing(this IServiceCollection services, string applicationName, string table)
    {
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new SharedKeyRing(provider.GetRequiredService<DbDataSource>(), table)));
        return services.AddDataProtection().SetApplicationName(applicationName);
    }
}
