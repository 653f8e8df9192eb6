using System.Globalization;

namespace CallCenter.ApiService.Data;

/// <summary>
/// Hex digits for a sequence number that look random, like the seed's <c>CALL-A1B2C3D4</c>, yet never repeat: the
/// low 32 bits go through a fixed Feistel network, which is a bijection whatever its round function, and the bits
/// above are kept, so past 2^32 the digits simply grow.
/// </summary>
public static class ShuffledNumber
{
    // Fixed for good: other keys would shuffle new numbers onto ids already handed out.
    private static readonly uint[] RoundKeys = [0x9E37, 0x79B9, 0x7F4A, 0x7C15];

    /// <summary>At least eight uppercase hex digits; distinct numbers always give distinct digits.</summary>
    public static string Hex(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        var shuffled = (number & ~0xFFFF_FFFFL) | Permute((uint)number);
        return shuffled.ToString("X8", CultureInfo.InvariantCulture);
    }

    private static uint Permute(uint value)
    {
        uint left = value >> 16, right = value & 0xFFFF;
        foreach (var key in RoundKeys)
        {
            (left, right) = (right, left ^ Round(right, key));
        }

        return (left << 16) | right;
    }

    /// <summary>Mixes one 16-bit half; any function will do for the bijection, this one spreads neighbours apart.</summary>
    private static uint Round(uint half, uint key)
    {
        var mixed = (half ^ key) * 0x045D_9F3Bu;
        return (mixed ^ (mixed >> 16)) & 0xFFFF;
    }
}
