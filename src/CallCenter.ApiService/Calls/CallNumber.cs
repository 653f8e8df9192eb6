using CallCenter.ApiService.Data;

namespace CallCenter.ApiService.Calls;

/// <summary>
/// <c>CALL-</c> and eight hex digits, as the seed shows them, from <see cref="Sequence"/>: shuffled so they look
/// random, never the same twice; past 2^32 calls they grow a digit.
/// </summary>
public static class CallNumber
{
    public const string Sequence = "call_number_seq";

    public static string Format(long number) => $"CALL-{ShuffledNumber.Hex(number)}";
}
