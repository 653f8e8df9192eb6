using System.Net;
using System.Net.Sockets;
using CallCenter.ApiService.Requests;
using Microsoft.Extensions.Options;

namespace CallCenter.ApiService.Webhooks;

/// <summary>
/// Where a webhook may go: an absolute http(s) URL without credentials whose host resolves only to internet
/// addresses, or an allow-listed host. Checked when an endpoint is saved and again at every connect, so a name that
/// resolves elsewhere later (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookTarget(IOptions<WebhookOptions> options)
{
    public const string UrlField = "url";

    /// <summary>The URL as it will be stored; refuses (400 naming <c>url</c>) one that may not be delivered to.</summary>
    public async Task<Uri> CheckAsync(string url, CancellationToken cancellationToken)
    {
        var uri = Parse(url);
        if (options.Value.IsAllowedHost(uri.IdnHost))
        {
            return uri;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            throw ApiProblemException.Invalid(UrlField, $"the host '{uri.IdnHost}' does not resolve.");
        }

        if (addresses.Length == 0 || !addresses.All(TargetAddress.IsInternet))
        {
            throw ApiProblemException.Invalid(UrlField, "the host resolves to a loopback, private, link-local or metadata address; only allow-listed hosts may.");
        }

        return uri;
    }

    /// <summary>The shape alone: absolute, http or https, no user name or password, no fragment.</summary>
    public static Uri Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw ApiProblemException.Invalid(UrlField, "must be an absolute http or https URL.");
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw ApiProblemException.Invalid(UrlField, "must carry no user name, password or fragment.");
        }

        return uri;
    }

    /// <summary>
    /// The connect step of the delivery client: resolves the host now and connects only to an address it may. The
    /// client sends blocking from an endpoint's own thread, so it connects blocking too (bounded by the connect timeout):
    /// a socket not yet used asynchronously is in blocking mode, and an answer then wakes the waiting thread itself
    /// rather than the runtime's socket thread first.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var allowed = options.Value.IsAllowedHost(host);
        // The endpoint's thread waits, blocked, for this connection; the lookup must never need it (today the runtime
        // does not run this callback on the caller's context, and ConfigureAwait keeps it that way if that changes).
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var reachable = addresses.Where(address => allowed || TargetAddress.IsInternet(address)).ToArray();
        if (reachable.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"'{host}' resolves to no address a webhook may reach.");
        }

        // Linux bounds a blocking connect by the send timeout, which is cleared once connected.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendTimeout = (int)options.Value.ConnectTimeout.TotalMilliseconds };
        try
        {
            socket.Connect(reachable, context.DnsEndPoint.Port);
            socket.SendTimeout = 0;
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock or SocketError.TimedOut)
        {
            socket.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connecting to '{host}' timed out.", exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
