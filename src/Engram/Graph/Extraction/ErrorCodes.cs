using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// The errors a support ticket is about: codes ("ERR_CONNECTION_REFUSED", "0x80070005", "E1234",
/// "error 404", "HTTP 500") and quoted messages that read as a failure ("'Disk full'",
/// "\"cannot open file\"").
internal static class ErrorCodes
{
    private static readonly FrozenSet<string> FailureWords = new[]
    {
        "error", "failed", "failure", "fails", "fail", "exception", "cannot", "can't", "unable", "invalid", "denied",
        "timeout", "timed", "refused", "missing", "crash", "crashed", "not", "full", "forbidden", "unauthorized", "unavailable", "exceeded", "quota",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> CodeWords = new[] { "error", "code", "http", "status", "errno", "exit" }.ToFrozenSet(StringComparer.Ordinal);

    public static void Find(List<Token> sentence, List<Mention> mentions, bool[] taken)
    {
        for (var i = 0; i < sentence.Count; i++)
        {
            if (taken[i])
            {
                continue;
            }
            var token = sentence[i];
            if (token.IsWord && CodeWords.Contains(token.Key) && i + 1 < sentence.Count && !taken[i + 1]
                && (sentence[i + 1].Kind == TokenKind.Number || IsCode(sentence[i + 1].Text)))
            {
                Take(mentions, taken, i, i + 2, $"{token.Text} {sentence[i + 1].Text}");
                i++;
            }
            else if (IsCode(token.Text))
            {
                Take(mentions, taken, i, i + 1, token.Text);
            }
        }
    }

    /// The words in [start, end) read as a failure, or hold a code.
    public static bool IsErrorText(List<Token> sentence, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (FailureWords.Contains(sentence[i].Key) || IsCode(sentence[i].Text))
            {
                return true;
            }
        }
        return false;
    }

    // ERR_X_Y (capitals with an underscore), 0x80070005, E1234 / SQL1013N (letters then three or more digits).
    private static bool IsCode(string text)
    {
        if (text.Length < 4)
        {
            return false;
        }
        if (text.Contains('_', StringComparison.Ordinal) && text.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_'))
        {
            return true;
        }
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Skip(2).All(char.IsAsciiHexDigit))
        {
            return true;
        }
        var letters = text.TakeWhile(char.IsAsciiLetterUpper).Count();
        var digits = text.Skip(letters).TakeWhile(char.IsAsciiDigit).Count();
        return letters is >= 1 and <= 4 && digits >= 3 && text.Skip(letters + digits).All(char.IsAsciiLetterUpper);
    }

    private static void Take(List<Mention> mentions, bool[] taken, int start, int end, string name)
    {
        Array.Fill(taken, true, start, end - start);
        mentions.Add(new Mention(start, end, name, EntityKinds.Error));
    }
}
