using System.Globalization;
using System.Numerics;
using System.Text;

namespace Regurgitate.Metrics;

/// <summary>
/// Python's <c>f"{x:.Nf}"</c>: the exact binary value rounded half-to-even. .NET rounds exact
/// ties away from zero (22.25 → "22.3" where Python prints "22.2"), so scores are formatted here.
/// </summary>
public static class PythonFormat
{
    /// <summary>Formats <paramref name="value"/> with <paramref name="digits"/> decimals as Python does.</summary>
    public static string Fixed(double value, int digits)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        bool negative = value < 0 || (value == 0 && double.IsNegative(value));
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa * 2^exponent

        BigInteger scaled;
        BigInteger pow10 = BigInteger.Pow(10, digits);
        if (exponent >= 0) scaled = mantissa * BigInteger.Pow(2, exponent) * pow10;
        else
        {
            BigInteger numerator = mantissa * pow10;
            BigInteger denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            int compare = (remainder * 2).CompareTo(denominator);
            if (compare > 0 || (compare == 0 && !scaled.IsEven)) scaled += 1;
        }

        string text = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        var builder = new StringBuilder();
        if (negative) builder.Append('-');
        builder.Append(text, 0, text.Length - digits);
        if (digits > 0) builder.Append('.').Append(text, text.Length - digits, digits);
        return builder.ToString();
    }
}
