namespace CallCenter.ApiService.Data;

/// <summary>
/// Inserts a row under an id made from a sequence's next number, taken only when a row is really written. A number
/// whose id a row already holds (one written before ids came from sequences) is passed over for the next.
/// </summary>
internal static class NextNumber
{
    /// <summary>
    /// <paramref name="tryInsert"/> inserts under the id it is given and answers the row, or null when the id was taken.
    /// </summary>
    public static async Task<T> InsertAsync<T>(UnitOfWork work, string sequence, Func<long, string> format, Func<string, Task<T?>> tryInsert)
        where T : class
    {
        var number = await NextAsync(work, sequence);
        while (true)
        {
            if (await tryInsert(format(number)) is { } inserted)
            {
                return inserted;
            }

            number = await NextAsync(work, sequence);
        }
    }

    private static Task<long> NextAsync(UnitOfWork work, string sequence) =>
        work.ExecuteScalarAsync<long>("SELECT nextval(@sequence::regclass)", new { sequence });
}
