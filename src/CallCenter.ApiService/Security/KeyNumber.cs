using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Security;

/// <summary><c>KEY-</c> and eight or more hex digits from <see cref="Sequence"/>: two keys never share an id.</summary>
public static class KeyNumber
{
    public const string Sequence = "api_key_number_seq";

    public static string Format(long number) => $"KEY-{ShuffledNumber.Hex(number)}";
}
