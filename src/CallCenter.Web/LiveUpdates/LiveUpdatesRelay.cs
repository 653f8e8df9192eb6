using System.Net;
using System.Net.WebSockets;
using CallCenter.Web.Services;
using CallCenter.Web.SignIn;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace CallCenter.Web.LiveUpdates;

/// <summary>
/// Carries the API's <c>/ws/updates</c> to the browser through this app's own origin, so the socket rides on the
/// sign-in cookie and the Origin check rather than on an API address and credentials the browser would need.
/// Frames pass through untouched in both directions; the query (<c>last_event_id</c>, <c>topics</c>,
/// <c>call_id</c>) goes to the API as it came.
/// </summary>
public sealed class LiveUpdatesRelay(
    ServiceEndpointResolver resolver,
    IOptions<CallCenterApiOptions> api,
    ApiCredentials credentials,
    PersonChanges changes,
    IOptions<FloorSignInOptions> signIn,
    IHostApplicationLifetime lifetime,
    ILogger<LiveUpdatesRelay> logger)
{
    public const string Path = "/ws/updates";

    private const int BufferSize = 16 * 1024;

    public async Task<Results<EmptyHttpResult, BadRequest, StatusCodeHttpResult>> RelayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.BadRequest();
        }

        if (!IsSameOrigin(context.Request))
        {
            // A page on another site must not ride on this user's cookie (cross-site WebSocket hijacking).
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        // A role change signs the person out everywhere, this socket included (taken before the check, so a change
        // in between is not missed).
        var people = context.RequestServices.GetRequiredService<FloorPeople>();
        var personChanged = changes.TokenFor(context.User.Identity?.Name ?? "");
        if (!await people.IsCurrentAsync(context.User, context.RequestAborted))
        {
            return TypedResults.StatusCode(StatusCodes.Status401Unauthorized);
        }

        using var upstream = new ClientWebSocket();
        upstream.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        foreach (var (name, value) in credentials.HeadersFor(context.User))
        {
            upstream.Options.SetRequestHeader(name, value);
        }

        try
        {
            await upstream.ConnectAsync(await UpstreamUriAsync(context.Request.QueryString, context.RequestAborted), context.RequestAborted);
        }
        catch (Exception exception) when (exception is WebSocketException or HttpRequestException or InvalidOperationException)
        {
            // The browser sees a failed upgrade and retries with backoff, showing that it is reconnecting.
            logger.LogWarning(exception, "The API's live updates could not be reached");
            return TypedResults.StatusCode(StatusCodes.Status502BadGateway);
        }

        using var browser = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, personChanged, lifetime.ApplicationStopping);
        var down = PumpAsync(upstream, browser, stop.Token);
        var up = PumpAsync(browser, upstream, stop.Token);
        var watch = WatchPersonAsync(people, context.User, stop.Token);
        await Task.WhenAny(down, up, watch);
        await stop.CancelAsync();
        await Task.WhenAll(Quietly(down), Quietly(up), Quietly(watch));
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await GoingAwayAsync(browser);
        }

        return TypedResults.Empty;
    }

    private async Task<Uri> UpstreamUriAsync(QueryString query, CancellationToken cancellationToken)
    {
        var baseAddress = api.Value.BaseAddress;
        var source = await resolver.GetEndpointsAsync(baseAddress.GetLeftPart(UriPartial.Authority), cancellationToken);
        var endpoint = source.Endpoints.FirstOrDefault()?.EndPoint
            ?? throw new InvalidOperationException($"Service discovery found no endpoint for {baseAddress}.");
        var resolved = endpoint switch
        {
            UriEndPoint uri => uri.Uri,
            DnsEndPoint dns => new UriBuilder(Uri.UriSchemeHttp, dns.Host, dns.Port).Uri,
            IPEndPoint ip => new UriBuilder(Uri.UriSchemeHttp, ip.Address.ToString(), ip.Port).Uri,
            _ => throw new InvalidOperationException($"Service discovery gave {endpoint} for {baseAddress}, which is not an address."),
        };
        var socket = new UriBuilder(resolved)
        {
            Scheme = resolved.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = Path,
            Query = query.Value,
        };
        return socket.Uri;
    }

    /// <summary>
    /// Ends when the person stops being who the socket was opened for by a change made elsewhere (another Web
    /// replica, the API directly); changes made through this replica end it at once through <see cref="PersonChanges"/>.
    /// </summary>
    private async Task WatchPersonAsync(FloorPeople people, System.Security.Claims.ClaimsPrincipal person, CancellationToken cancellationToken)
    {
        var interval = signIn.Value.RecheckInterval > TimeSpan.Zero ? signIn.Value.RecheckInterval : TimeSpan.FromSeconds(1);
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken) && await people.IsCurrentAsync(person, cancellationToken))
        {
        }
    }

    /// <summary>
    /// A stopping Web app lets its sockets go at once, with 1001 so the page reconnects (to another replica, or to
    /// this one restarted) and resumes with its last event id, rather than holding the shutdown open.
    /// </summary>
    private static async Task GoingAwayAsync(WebSocket browser)
    {
        if (browser.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await browser.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "Web app stopping: reconnect", timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }

    private static bool IsSameOrigin(HttpRequest request) =>
        request.Headers.Origin is [{ } origin]
        && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Copies frames from one socket to the other until either closes, then passes the close on.</summary>
    private static async Task PumpAsync(WebSocket from, WebSocket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        while (true)
        {
            var received = await from.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await to.CloseOutputAsync(from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription, cancellationToken);
                }

                return;
            }

            await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
        }
    }

    /// <summary>The other direction ending is how a pump stops: its cancellation or a reset peer is expected.</summary>
    private static async Task Quietly(Task pump)
    {
        try
        {
            await pump;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
    }
}
