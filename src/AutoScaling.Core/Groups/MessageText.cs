using System.Globalization;
using System.Text;

namespace AutoScaling;

/// <summary>
/// Escapes values for messages that must stay on one line: control characters become <c>\n</c>, <c>\r</c>,
/// <c>\t</c> or <c>\uXXXX</c> (also U+2028 and U+2029, which some viewers treat as line breaks).
/// </summary>
internal static class MessageText
{
    /// <summary>Quotes a value with single quotes: control characters, <c>\</c> and <c>'</c> are escaped; <see langword="null"/> is <c>null</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted value, as <c>'web\nshutdown'</c>.</returns>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        if (!NeedsEscape(value, quote: true))
        {
            return string.Concat("'", value, "'");
        }

        var sb = new StringBuilder(value.Length + 8).Append('\'');
        Append(sb, value, quote: true);
        return sb.Append('\'').ToString();
    }

    /// <summary>Escapes the control characters of a text (and nothing else), so it stays on one line.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text; the same instance when it had no control character.</returns>
    public static string OneLine(string text)
    {
        if (!NeedsEscape(text, quote: false))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        Append(sb, text, quote: false);
        return sb.ToString();
    }

    private static bool NeedsEscape(string value, bool quote)
    {
        foreach (var c in value)
        {
            if (IsLineBreaking(c) || (quote && c is '\\' or '\''))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLineBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static void Append(StringBuilder sb, string value, bool quote)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\\' when quote: sb.Append("\\\\"); break;
                case '\'' when quote: sb.Append("\\'"); break;
                default:
                    if (IsLineBreaking(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }
}
