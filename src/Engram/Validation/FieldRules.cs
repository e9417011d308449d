namespace Engram.Validation;

/// The contract's rules for ids and strings, shared by every resource.
public static class FieldRules
{
    public static string IdMessage(string field) =>
        $"{field} must be 1-{Limits.MaxIdLength} printable characters without / ? # % \\ or spaces";

    /// IsValidId as a regular expression, for the OpenAPI document: printable ASCII (! to ~)
    /// except # % / ? \, 1-128 of them, and not "." or "..".
    public const string IdPattern = @"^(?!\.\.?$)[!""$&-.0->@-\[\]-~]{1,128}$";

    /// 1-128 printable ASCII characters, none of them a space or / ? # % \. Nor "." or "..":
    /// URLs resolve those as path segments before routing, so /sessions/get/.. could never reach
    /// a session with that id.
    public static bool IsValidId(string id)
    {
        if (id.Length is 0 or > Limits.MaxIdLength || id is "." or "..")
        {
            return false;
        }
        foreach (var c in id)
        {
            if (c is <= ' ' or > '~' or '/' or '?' or '#' or '%' or '\\')
            {
                return false;
            }
        }
        return true;
    }

    public static string TextMessage(string field) => $"{field} must be valid text without NUL characters";

    /// Text every backend stores faithfully: no NUL (PostgreSQL refuses it) and no unpaired
    /// UTF-16 surrogate (which has no UTF-8 form). JSON can carry both as \u escapes.
    public static bool IsStorableText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 == value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /// `value` without what IsStorableText refuses: NULs and unpaired surrogates are dropped.
    public static string Storable(string value)
    {
        if (IsStorableText(value))
        {
            return value;
        }
        var kept = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                kept.Append(c).Append(value[++i]);
            }
            else if (c != '\0' && !char.IsSurrogate(c))
            {
                kept.Append(c);
            }
        }
        return kept.ToString();
    }

    /// Characters as a person counts them (Unicode code points), not UTF-16 units.
    public static int CharacterCount(string value)
    {
        var count = value.Length;
        foreach (var c in value)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }
        return count;
    }

    public static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }
}
