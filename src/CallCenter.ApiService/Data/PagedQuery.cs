using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Data;

internal static class PagedQuery
{
    /// <summary>
    /// One page of <c>SELECT * FROM {table} {where}</c> and the total it is a page of (<see cref="Page{T}"/>). The SQL fragments are
    /// ours (constants); every client value travels in <paramref name="filter"/> as a parameter.
    /// </summary>
    public static async Task<Page<T>> QueryPageAsync<T>(
        this NpgsqlConnection connection, string table, string where, string orderBy, object filter, Paging paging)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("PageLimit", paging.Limit);
        parameters.Add("PageOffset", paging.Offset);
        parameters.Add("CountPast", Paging.CountLimit + 1);
        // The total and the page in one round trip; the count stops one past the limit, so it reads at most that many.
        using var read = await connection.QueryMultipleAsync(
            $"""
            SELECT count(*) FROM (SELECT 1 FROM {table} {where} LIMIT @CountPast) AS matching;
            SELECT * FROM {table} {where} ORDER BY {orderBy} LIMIT @PageLimit OFFSET @PageOffset
            """,
            parameters);
        var counted = await read.ReadSingleAsync<int>();
        var items = await read.ReadAsync<T>();
        return new Page<T>([.. items], Math.Min(counted, Paging.CountLimit), paging, TotalIsExact: counted <= Paging.CountLimit);
    }

    public static Paging ToPaging(int? limit, int? offset) => new(limit ?? Paging.DefaultLimit, offset ?? 0);
}
