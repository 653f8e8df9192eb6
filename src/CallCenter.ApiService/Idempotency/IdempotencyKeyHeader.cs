using Microsoft.Extensions.Primitives;

namespace CallCenter.ApiService.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> request header. The draft makes it a Structured Field string
/// (<c>Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324"</c>); a bare token without the quotes is accepted too,
/// since many clients send it that way.
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <summary>Set on an answer that is a stored one, replayed.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxLength = 255;

    /// <summary>The key, or why the header is not one (<c>null</c> key and error: no header at all).</summary>
    public static (string? Key, string? Error) Parse(StringValues values)
    {
        if (values.Count == 0)
        {
            return (null, null);
        }

        if (values.Count > 1)
        {
            return (null, "send one key, once.");
        }

        var value = (values[0] ?? "").Trim(' ', '\t');
        var key = value.StartsWith('"') ? Unquote(value) : Token(value);
        return key switch
        {
            null => (null, $"a quoted string (\"…\") or a token of visible ASCII characters, at most {MaxLength} long."),
            { Length: 0 } => (null, "the key is empty."),
            { Length: > MaxLength } => (null, $"the key is longer than {MaxLength} characters."),
            _ => (key, null),
        };
    }

    /// <summary>An sf-string: printable ASCII between quotes, <c>\"</c> and <c>\\</c> escaped; nothing after it.</summary>
    private static string? Unquote(string value)
    {
        var key = new System.Text.StringBuilder(value.Length);
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                return i == value.Length - 1 ? key.ToString() : null;
            }

            if (c == '\\')
            {
                if (++i == value.Length || value[i] is not ('"' or '\\'))
                {
                    return null;
                }

                c = value[i];
            }
            else if (c is < ' ' or > '~')
            {
                return null;
            }

            key.Append(c);
        }

        return null;
    }

    /// <summary>A bare key: visible ASCII without the characters that would make it a list, parameters or a string.</summary>
    private static string? Token(string value) =>
        value.All(c => c is > ' ' and <= '~' and not ('"' or '\\' or ',' or ';')) ? value : null;
}
