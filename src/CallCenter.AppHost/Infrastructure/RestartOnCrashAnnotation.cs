using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>Marks a server process that <see cref="ProcessSupervisor"/> brings back when it dies.</summary>
internal sealed class RestartOnCrashAnnotation : IResourceAnnotation;

internal static class RestartOnCrashExtensions
{
    /// <summary>
    /// In Local mode the AppHost is the servers' only supervisor (no systemd or Kubernetes behind it), so a crashed
    /// server is restarted with <see cref="RestartBackoff"/> instead of leaving the call center down.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> server) where T : ExecutableResource
    {
        server.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProcessSupervisor>());
        return server.WithAnnotation(new RestartOnCrashAnnotation());
    }
}
