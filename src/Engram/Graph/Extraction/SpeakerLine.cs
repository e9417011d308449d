using System.Text.RegularExpressions;

namespace Engram.Graph.Extraction;

/// Who says a message. The input's speaker when it is a name; else the name the text starts with
/// ("Caroline: …", "Caroline (8 May 2023): …", as memory renders a turn), else "User" or
/// "Assistant" for those roles. A document has no speaker.
internal static partial class SpeakerLine
{
    public static (string? Speaker, string Text) Of(ExtractionInput input)
    {
        var text = input.Text ?? "";
        if (input.SampleType == "document")
        {
            return (null, text);
        }
        var named = Prefix().Match(text.Length > 200 ? text[..200] : text);
        var given = input.Speaker?.Trim() is { Length: > 0 } speaker && !IsRole(speaker) ? speaker : null;
        if (named.Success && (given is null || string.Equals(given, named.Groups["name"].Value, StringComparison.OrdinalIgnoreCase)))
        {
            return (named.Groups["name"].Value, text[named.Length..]);
        }
        return (given ?? Role(input.Speaker) ?? Role(input.SampleType), text);
    }

    private static bool IsRole(string speaker) => Role(speaker) is not null;

    private static string? Role(string? speaker) => speaker?.ToLowerInvariant() switch
    {
        "user" or "human" => "User",
        "assistant" or "ai" => "Assistant",
        _ => null,
    };

    // A capitalised name of one to four words, maybe a date in brackets, then ": ".
    [GeneratedRegex(@"^\s*(?<name>\p{Lu}[\p{L}\p{M}.'\-]*(?: \p{Lu}[\p{L}\p{M}.'\-]*){0,3})(?: \([^)\n]{1,40}\))?: ", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Prefix();
}
