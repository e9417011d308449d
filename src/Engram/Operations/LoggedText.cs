using System.Globalization;
using System.Text;

namespace Engram.Operations;

/// Request text (a decoded path) made safe to write into a line-based log. A path can carry any
/// character as %XX: a %0A would end the line and let the rest forge one of its own, and a %1B
/// would reach the operator's terminal as an escape sequence. Every control character (C0, DEL,
/// C1), every invisible format character (bidi overrides), the Unicode line separators and any
/// unpaired surrogate is written as \xHH or \uHHHH; a backslash is doubled, so an escape in the
/// log always means the request had that character, never those letters.
internal static class LoggedText
{
    public static void Append(StringBuilder text, string value)
    {
        if (!NeedsEscaping(value))
        {
            text.Append(value); // the usual path: nothing to escape, nothing copied twice
            return;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else if (c == '\\')
            {
                text.Append(@"\\");
            }
            else if (!IsUnsafe(c))
            {
                text.Append(c);
            }
            else if (c <= '\u00FF')
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }
    }

    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        Append(text, value);
        return text.ToString();
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (c == '\\' || IsUnsafe(c))
            {
                return true;
            }
        }
        return false;
    }

    /// Surrogates count as unsafe here so that a pair is looked at (and kept) by Append, and a
    /// lone one escaped: it has no UTF-8 form and would reach the log as a replacement character.
    private static bool IsUnsafe(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate;
}
