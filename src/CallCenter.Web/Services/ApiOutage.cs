namespace CallCenter.Web.Services;

/// <summary>
/// Remembers, for the rest of one page's request, that the API hung. A hung API costs a whole timeout; a page that
/// checks its sign-in and then reads its data would wait it out twice, so its requests after one that timed out fail at
/// once. Only that page's: one read that ran slow on a busy machine once made every person's next second fail too, a
/// click that would have been saved included. A refused connection or a 503 fails fast by itself and is not remembered.
/// </summary>
public sealed class ApiOutage(IHttpContextAccessor requests)
{
    private static readonly object Key = new();

    public bool RecentlyHung => requests.HttpContext?.Items.ContainsKey(Key) == true;

    public void Hung()
    {
        if (requests.HttpContext is { } request)
        {
            request.Items[Key] = true;
        }
    }
}
