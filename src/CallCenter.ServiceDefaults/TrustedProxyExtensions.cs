using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy the request arrives as plain http from the proxy's address; the proxy's
/// X-Forwarded-Proto and X-Forwarded-For restore the client's scheme and address, so HSTS, HTTPS redirection,
/// Secure cookies and the per-address limits see the real request.
/// </summary>
public static class TrustedProxyExtensions
{
    public static TBuilder AddTrustedProxies<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .Validate(options => options.AreValid(),
                "ForwardedHeaders:KnownProxies must be IP addresses and ForwardedHeaders:KnownNetworks CIDR networks (10.0.0.0/24).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts loopback by default; here only what is configured is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>
    /// Outside Development: HSTS, which ASP.NET Core sends only on HTTPS requests (directly, or through a trusted proxy),
    /// and HTTPS redirection only where an https port is known (<c>https_port</c>, i.e. <c>ASPNETCORE_HTTPS_PORT</c>, or an
    /// https address the server listens on). Without one the middleware cannot build a redirect, so plain http on
    /// localhost (the AppHost's Production run) is served as it is rather than sent nowhere.
    /// </summary>
    public static WebApplication UseHttpsOutsideDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        app.UseHsts();
        if (HasHttpsPort(app.Configuration))
        {
            app.UseHttpsRedirection();
        }

        return app;
    }

    private static bool HasHttpsPort(IConfiguration configuration) =>
        configuration.GetValue<int?>("HTTPS_PORT") is > 0
        || !string.IsNullOrEmpty(configuration["HTTPS_PORTS"])
        || (configuration["URLS"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase);
}
