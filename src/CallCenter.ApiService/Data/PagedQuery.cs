using Dapper;
using Npgsql;

namespace CallCenter.ApiService.Data;

internal static class PagedQuery
{
    /// <summary>
    /// One page of <c>SELECT * FROM {table} {where}</c> and the total it is a page of. The SQL fragments are
    /// ours (constants); every client value travels in <paramref name="filter"/> as a parameter.
    /// </summary>
    public static async Task<Page<T>> QueryPageAsync<T>(
        this NpgsqlConnection connection, string table, string where, string orderBy, object filter, Paging paging)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("PageLimit", paging.Limit);
        parameters.Add("PageOffset", paging.Offset);
        var total = await connection.ExecuteScalarAsync<int>($"SELECT count(*) FROM {table} {where}", parameters);
        var items = await connection.QueryAsync<T>(
            $"SELECT * FROM {table} {where} ORDER BY {orderBy} LIMIT @PageLimit OFFSET @PageOffset", parameters);
        return new Page<T>([.. items], total, paging);
    }

    public static Paging ToPaging(int? limit, int? offset) => new(limit ?? Paging.DefaultLimit, offset ?? 0);
}
