using Cais.CommandLine;

namespace Cais.Runtime.Tests.CommandLine;

public class GoSyntaxTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("0x_1F", 31L)]
    [InlineData("0XfF", 255L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void ParseInt_ValidLiteral_ReturnsValue(string text, long expected) =>
        Assert.Equal(expected, GoSyntax.ParseInt(text, 64));

    [Theory]
    [InlineData("", "invalid syntax")]
    [InlineData("-", "invalid syntax")]
    [InlineData("1_", "invalid syntax")]
    [InlineData("_1", "invalid syntax")]
    [InlineData("1__0", "invalid syntax")]
    [InlineData("08", "invalid syntax")]
    [InlineData("0x", "invalid syntax")]
    [InlineData("1.5", "invalid syntax")]
    [InlineData(" 1", "invalid syntax")]
    [InlineData("9223372036854775808", "value out of range")]
    [InlineData("-9223372036854775809", "value out of range")]
    [InlineData("99999999999999999999999", "value out of range")]
    public void ParseInt_Malformed_ThrowsGoMessage(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => GoSyntax.ParseInt(text, 64));
        Assert.Equal($"strconv.ParseInt: parsing {GoSyntax.Quote(text)}: {reason}", ex.Message);
    }

    [Theory]
    [InlineData("2147483648", 32)]
    [InlineData("-2147483649", 32)]
    public void ParseInt_OutsideBitSize_IsOutOfRange(string text, int bits) =>
        Assert.EndsWith("value out of range", Assert.Throws<FormatException>(() => GoSyntax.ParseInt(text, bits)).Message);

    [Theory]
    [InlineData("18446744073709551615", 64, ulong.MaxValue)]
    [InlineData("0b1111", 8, 15UL)]
    public void ParseUint_ValidLiteral_ReturnsValue(string text, int bits, ulong expected) =>
        Assert.Equal(expected, GoSyntax.ParseUint(text, bits));

    [Theory]
    [InlineData("+1", "invalid syntax")]
    [InlineData("18446744073709551616", "value out of range")]
    public void ParseUint_Malformed_ThrowsGoMessage(string text, string reason) =>
        Assert.Equal($"strconv.ParseUint: parsing {GoSyntax.Quote(text)}: {reason}",
            Assert.Throws<FormatException>(() => GoSyntax.ParseUint(text, 64)).Message);

    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\n", "\"tab\\there\\n\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    [InlineData("héllo", "\"héllo\"")]
    public void Quote_String_MatchesGoStrconvQuote(string text, string expected) =>
        Assert.Equal(expected, GoSyntax.Quote(text));

    [Theory]
    [InlineData('x', "'x'")]
    [InlineData('\'', "'\\''")]
    [InlineData('"', "'\"'")]
    public void Quote_Char_MatchesGoQuoteRune(char c, string expected) =>
        Assert.Equal(expected, GoSyntax.Quote(c));

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes")]
    [InlineData("tRUE")]
    public void ParseBool_Unknown_ThrowsGoMessage(string text) =>
        Assert.Equal($"strconv.ParseBool: parsing \"{text}\": invalid syntax",
            Assert.Throws<FormatException>(() => GoSyntax.ParseBool(text)).Message);
}
