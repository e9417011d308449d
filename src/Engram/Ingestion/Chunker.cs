namespace Engram.Ingestion;

/// Splits text into overlapping chunks for indexing. Each chunk is a piece of the text, in order,
/// trimmed, and at most chunkSize characters: it ends at the last sentence end in its second half
/// when there is one (a whole sentence reads better in a search result than half of one), else
/// at the last whitespace, else (one word longer than chunkSize) it is cut at chunkSize. The next
/// chunk starts about overlapPercent % of chunkSize before the end of this one, at the start of a
/// sentence in that stretch if there is one, else of a word, so context carries across the cut.
public static class Chunker
{
    public static IReadOnlyList<string> Split(string text, int chunkSize, int overlapPercent)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(overlapPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overlapPercent, 50);
        var overlap = (int)((long)chunkSize * overlapPercent / 100);
        var chunks = new List<string>();
        var start = SkipSpace(text, 0);
        var previousEnd = 0;
        while (start < text.Length)
        {
            var end = ChunkEnd(text, start, chunkSize);
            if (end <= previousEnd)
            {
                // The overlap left no room to get past a long word: this chunk starts where the
                // last one ended instead, so no chunk repeats a piece of another.
                start = SkipSpace(text, previousEnd);
                end = ChunkEnd(text, start, chunkSize);
            }
            previousEnd = end;
            chunks.Add(text[start..end]);
            var next = SkipSpace(text, end);
            if (next >= text.Length)
            {
                break;
            }
            start = Math.Max(NextStart(text, start, end, overlap), start + 1);
        }
        return chunks;
    }

    /// Where the chunk starting at `start` ends (exclusive), without trailing whitespace.
    private static int ChunkEnd(string text, int start, int chunkSize)
    {
        var limit = start + chunkSize;
        if (limit >= text.Length)
        {
            return TrimEnd(text, start, text.Length);
        }
        // A break at `limit` itself is fine when the text goes on with whitespace there.
        int lastSpace = -1, lastSentence = -1;
        for (var i = limit; i > start; i--)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                continue;
            }
            lastSpace = lastSpace < 0 ? i : lastSpace;
            if (IsSentenceEnd(text, i))
            {
                lastSentence = i;
                break;
            }
            if (i < start + chunkSize / 2 && lastSpace >= 0)
            {
                break; // a sentence end this early would make a short chunk; the whitespace wins
            }
        }
        var end = lastSentence > start + chunkSize / 2 ? lastSentence : lastSpace;
        if (end > start)
        {
            return TrimEnd(text, start, end);
        }
        // One word longer than a chunk: cut it, but not between the halves of a surrogate pair.
        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    /// Where the chunk after [start, end) begins: at the earliest sentence start, else word
    /// start, within the last `overlap` characters of it; with none there, exactly `overlap` back.
    private static int NextStart(string text, int start, int end, int overlap)
    {
        if (overlap == 0)
        {
            return SkipSpace(text, end);
        }
        var from = Math.Max(start + 1, end - overlap);
        int firstWord = -1;
        for (var i = from; i < end; i++)
        {
            if (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i]))
            {
                if (IsSentenceEnd(text, i - 1))
                {
                    return i;
                }
                firstWord = firstWord < 0 ? i : firstWord;
            }
        }
        if (firstWord >= 0)
        {
            return firstWord;
        }
        return char.IsLowSurrogate(text[from]) ? from - 1 : from;
    }

    /// Whether the whitespace at `i` follows the end of a sentence: a line break, or a full stop,
    /// question or exclamation mark (perhaps behind closing quotes or brackets).
    private static bool IsSentenceEnd(string text, int i)
    {
        if (text[i] is '\n' or '\r')
        {
            return true;
        }
        var j = i - 1;
        while (j >= 0 && text[j] is '"' or '\'' or ')' or ']' or '”' or '’' or '»')
        {
            j--;
        }
        return j >= 0 && text[j] is '.' or '!' or '?' or '…' or '。' or '！' or '？';
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return end;
    }
}
