using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CallCenter.AppHost.Infrastructure;

/// <summary>Marks a process (a server, or every replica of a project) that <see cref="ProcessSupervisor"/> brings back when it dies.</summary>
internal sealed class RestartOnCrashAnnotation : IResourceAnnotation;

internal static class RestartOnCrashExtensions
{
    /// <summary>
    /// The AppHost is the only supervisor of the processes it starts (no systemd or Kubernetes behind it), so a
    /// crashed one is restarted with <see cref="RestartBackoff"/> instead of leaving the call center down.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> server) where T : IResource
    {
        server.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ProcessSupervisor>());
        return server.WithAnnotation(new RestartOnCrashAnnotation());
    }
}
