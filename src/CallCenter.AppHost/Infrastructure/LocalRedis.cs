using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>A Redis-protocol server (redis-server, or Garnet where Redis is not installed) run as a local process.</summary>
public sealed class LocalRedisResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}

/// <summary>Ready means the server authenticates us and answers PING with PONG.</summary>
internal sealed class RedisPingHealthCheck(LocalRedisResource resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var host = await resource.PrimaryEndpoint.Property(EndpointProperty.IPV4Host).GetValueAsync(cancellationToken);
            var port = int.Parse(await resource.PrimaryEndpoint.Property(EndpointProperty.Port).GetValueAsync(cancellationToken) ?? "0");
            var password = await resource.PasswordParameter.GetValueAsync(cancellationToken);

            using var client = new TcpClient();
            await client.ConnectAsync(host!, port, cancellationToken);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);

            await WriteCommandAsync(stream, cancellationToken, "AUTH", password ?? "");
            var auth = await reader.ReadLineAsync(cancellationToken);
            await WriteCommandAsync(stream, cancellationToken, "PING");
            var pong = await reader.ReadLineAsync(cancellationToken);

            return auth == "+OK" && pong == "+PONG"
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"AUTH answered '{auth}', PING answered '{pong}'.");
        }
        catch (Exception exception) when (exception is SocketException or IOException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }

    private static async Task WriteCommandAsync(Stream stream, CancellationToken cancellationToken, params string[] parts)
    {
        // RESP array of bulk strings: safe for any password content.
        var builder = new StringBuilder().Append('*').Append(parts.Length).Append("\r\n");
        foreach (var part in parts)
        {
            builder.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(builder.ToString()), cancellationToken);
    }
}
