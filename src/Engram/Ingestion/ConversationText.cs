using System.Text.RegularExpressions;

namespace Engram.Ingestion;

/// A message as memory holds it: who said it, when, and what, with its relative times resolved,
/// e.g. "Caroline (8 May 2023): I went to the support group yesterday [7 May 2023]". A message
/// is short and leans on its speaker and date; both make it findable and readable in a prompt.
public static partial class ConversationText
{
    /// The speaker is the name the content starts with ("Caroline: …"), else the message's role.
    public static string Render(string role, string content, DateTime said)
    {
        var (speaker, words) = Split(role, content);
        return $"{speaker} ({RelativeDates.Day(said)}): {RelativeDates.Resolve(words, said)}";
    }

    /// Who said the message, and what they said without the name in front.
    public static (string Speaker, string Words) Split(string role, string content) =>
        Speaker().Match(content) is { Success: true } named
            ? (named.Groups[1].Value, content[named.Length..])
            : (role switch { "user" => "User", "assistant" => "Assistant", _ => role }, content);

    // A capitalised name of one to four words before ": ", as "Caroline: …" or "Dr. Ann Lee: …".
    [GeneratedRegex(@"^([\p{Lu}][\p{L}\p{M}.'\-]*(?: [\p{L}\p{M}.'\-]+){0,3}): ", RegexOptions.CultureInvariant)]
    private static partial Regex Speaker();
}
