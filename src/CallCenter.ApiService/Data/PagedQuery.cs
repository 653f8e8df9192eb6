using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Data;

internal static class PagedQuery
{
    /// <summary>
    /// One page of <c>SELECT * FROM {table} {where}</c> and the total it is a page of (<see cref="Page{T}"/>). The SQL fragments are
    /// ours (constants); every client value travels in <paramref name="filter"/> as a parameter.
    /// </summary>
    public static Task<Page<T>> QueryPageAsync<T>(
        this NpgsqlConnection connection, string table, string where, string orderBy, object filter, Paging paging) =>
        connection.QueryPageAsync<T>(table, where, filter, paging, $"SELECT * FROM {table} {where} ORDER BY {orderBy} LIMIT @PageLimit OFFSET @PageOffset");

    /// <summary>As above, the page read by <paramref name="pageSql"/> (which takes @PageLimit and @PageOffset), for an order no index keeps.</summary>
    public static async Task<Page<T>> QueryPageAsync<T>(
        this NpgsqlConnection connection, string table, string where, object filter, Paging paging, string pageSql)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("PageLimit", paging.Limit);
        parameters.Add("PageOffset", paging.Offset);
        parameters.Add("CountPast", Paging.CountLimit + 1);
        // The total and the page in one round trip; the count stops one past the limit, so it reads at most that many.
        using var read = await connection.QueryMultipleAsync(
            $"""
            SELECT count(*) FROM (SELECT 1 FROM {table} {where} LIMIT @CountPast) AS matching;
            {pageSql}
            """,
            parameters);
        var counted = await read.ReadSingleAsync<int>();
        var items = await read.ReadAsync<T>();
        return new Page<T>([.. items], Math.Min(counted, Paging.CountLimit), paging, TotalIsExact: counted <= Paging.CountLimit);
    }

    public static Paging ToPaging(int? limit, int? offset) => new(limit ?? Paging.DefaultLimit, offset ?? 0);
}
