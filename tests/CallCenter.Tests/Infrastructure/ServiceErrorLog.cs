using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Tests.Infrastructure;

/// <summary>
/// What the services logged as failures while the tests ran, so a test that got a 5xx can say why: the
/// services' own logs go to the AppHost, which a test run does not print.
/// </summary>
public static partial class ServiceErrorLog
{
    private const int Keep = 600;
    private const int LinesAfterFailure = 30;
    private static readonly ConcurrentQueue<string> Lines = new();

    public static string Recent(int count = 120) =>
        Lines.IsEmpty ? "(the services logged no failure)" : string.Join('\n', Lines.TakeLast(count));

    /// <summary>Follows every project resource (each API replica, the Web app) until <paramref name="cancellationToken"/> ends.</summary>
    public static async Task FollowAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        var followed = new HashSet<string>();
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                if (update.Resource is ProjectResource && followed.Add(update.ResourceId))
                {
                    _ = FollowResourceAsync(loggers, update.ResourceId, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task FollowResourceAsync(ResourceLoggerService loggers, string resourceId, CancellationToken cancellationToken)
    {
        var remaining = 0;
        try
        {
            await foreach (var batch in loggers.WatchAsync(resourceId).WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    // The services log in colour: escape codes stand between "fail" and its colon.
                    var content = Colour().Replace(line.Content, "");
                    if (content.Contains("fail:", StringComparison.Ordinal) || content.Contains("crit:", StringComparison.Ordinal))
                    {
                        remaining = LinesAfterFailure;
                    }

                    if (remaining-- > 0)
                    {
                        Lines.Enqueue($"[{resourceId}] {content}");
                        while (Lines.Count > Keep && Lines.TryDequeue(out _))
                        {
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colour();
}
