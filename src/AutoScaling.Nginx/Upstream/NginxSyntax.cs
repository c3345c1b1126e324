using System.Text.RegularExpressions;

namespace AutoScaling.Nginx;

/// <summary>
/// What may be written into the owned file. Allow-lists, so nothing that could end a directive or a block (<c>;</c>,
/// <c>{</c>, <c>}</c>), start a comment (<c>#</c>), quote, or split a token (whitespace, newline) gets through.
/// </summary>
internal static partial class NginxSyntax
{
    public const string NameRule = "it must match ^[A-Za-z0-9_.-]{1,64}$ (no ';', '{', '}', '#', quote or whitespace)";
    public const string HashKeyRule = "it must match ^[A-Za-z0-9_$]{1,128}$ (NGINX variables and letters, no ';', '{', '}', '#', quote or whitespace)";
    public const string AddressRule = "it must be host:port or [IPv6]:port with a host of letters, digits, '.', '-' (no ';', '{', '}', '#', quote or whitespace)";

    public static bool IsName(string? value) => value is not null && NamePattern().IsMatch(value);

    public static bool IsHashKey(string? value) => value is not null && HashKeyPattern().IsMatch(value);

    public static bool IsAddress(string? value)
    {
        if (value is null || !AddressPattern().IsMatch(value))
        {
            return false;
        }

        var port = int.Parse(value.AsSpan(value.LastIndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture);
        return port is > 0 and <= 65535;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_.\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\A[A-Za-z0-9_$]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HashKeyPattern();

    [GeneratedRegex(@"\A(?:[A-Za-z0-9.\-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):[0-9]{1,5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();
}
