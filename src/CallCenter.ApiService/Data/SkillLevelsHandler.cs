using System.Data;
using System.Text.Json;
using Dapper;
using NpgsqlTypes;

namespace CallCenter.ApiService.Data;

/// <summary>Reads and writes an agent's skills (name → level 1–5), stored as a jsonb object.</summary>
public sealed class SkillLevelsHandler : SqlMapper.TypeHandler<Dictionary<string, int>>
{
    public override Dictionary<string, int> Parse(object value) =>
        value is string json ? JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [] : [];

    public override void SetValue(IDbDataParameter parameter, Dictionary<string, int>? value)
    {
        parameter.Value = JsonSerializer.Serialize(value ?? []);
        if (parameter is Npgsql.NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlDbType.Jsonb;
        }
    }
}
