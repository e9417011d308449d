namespace Engram.Retrieval;

/// What BM25 reads for a conversation turn: the turn between its neighbours in its session (on
/// LoCoMo, BM25 over turn windows finds the evidence turn far more often than over single turns).
/// The windows are assembled here, as the index loads the turns, not when a turn is ingested: a
/// turn ingested live has no next turn yet, and its window must change when that turn arrives. So
/// every turn gets both neighbours whatever order the turns were ingested in, and the same index
/// comes out of every run. Not thread-safe: used under MemoryIndex.Refresh.
public sealed class ConversationWindows(int reach = ConversationWindows.Reach)
{
    /// Turns read either side of a turn. On LoCoMo (bench/Engram.LoCoMo --sweep, BENCHMARKS.md):
    /// 2 either side (5 turns) beat 1 (3 turns) and 3 (7 turns) on recall@10 at every fusion k tried.
    public const int Reach = 2;

    private readonly Dictionary<string, SortedList<long, Turn>> sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string Session, long MessageSeq)> placeOf = [];

    private readonly record struct Turn(long Chunk, string Text);

    // A turn's text, its sorted-list slot and its place entry; the session's string is the one the reader gave.
    private static long BytesOf(string text) => 24 + 2L * text.Length + 24 + 40;

    private long bytes;

    /// About the bytes the turns hold, for IndexBudget.
    public long EstimatedBytes => Volatile.Read(ref bytes);

    /// Places a turn (chunk `chunk`, message `messageSeq` of `session`) and adds to `changed` the
    /// chunks whose windows it changed: its own and its neighbours'.
    public void Add(long chunk, string session, long messageSeq, string text, ISet<long> changed)
    {
        Remove(chunk, changed);
        if (!sessions.TryGetValue(session, out var turns))
        {
            turns = [];
            sessions.Add(session, turns);
        }
        if (turns.TryGetValue(messageSeq, out var replaced))
        {
            Volatile.Write(ref bytes, bytes - BytesOf(replaced.Text));
        }
        turns[messageSeq] = new Turn(chunk, text);
        placeOf[chunk] = (session, messageSeq);
        Volatile.Write(ref bytes, bytes + BytesOf(text));
        AddAround(turns, turns.IndexOfKey(messageSeq), changed);
    }

    /// Forgets a turn; its neighbours, now next to each other, go in `changed`. Not a turn: nothing.
    public void Remove(long chunk, ISet<long> changed)
    {
        if (!placeOf.Remove(chunk, out var place))
        {
            return;
        }
        var turns = sessions[place.Session];
        var at = turns.IndexOfKey(place.MessageSeq);
        Volatile.Write(ref bytes, bytes - BytesOf(turns.GetValueAtIndex(at).Text));
        turns.RemoveAt(at);
        changed.Remove(chunk);
        if (turns.Count == 0)
        {
            sessions.Remove(place.Session);
            return;
        }
        // The turns that had it in their windows: `reach` either side of where it was.
        for (var i = Math.Max(0, at - reach); i < Math.Min(turns.Count, at + reach); i++)
        {
            changed.Add(turns.GetValueAtIndex(i).Chunk);
        }
    }

    public bool Contains(long chunk) => placeOf.ContainsKey(chunk);

    /// The turns placed.
    public int Count => placeOf.Count;

    /// The turn between the `reach` turns before it and after it in its session, one a line.
    public string Window(long chunk)
    {
        var (session, messageSeq) = placeOf[chunk];
        var turns = sessions[session];
        var at = turns.IndexOfKey(messageSeq);
        var window = new System.Text.StringBuilder();
        for (var i = Math.Max(0, at - reach); i <= Math.Min(turns.Count - 1, at + reach); i++)
        {
            window.Append(window.Length == 0 ? "" : "\n").Append(turns.GetValueAtIndex(i).Text);
        }
        return window.ToString();
    }

    private void AddAround(SortedList<long, Turn> turns, int at, ISet<long> changed)
    {
        for (var i = Math.Max(0, at - reach); i <= Math.Min(turns.Count - 1, at + reach); i++)
        {
            changed.Add(turns.GetValueAtIndex(i).Chunk);
        }
    }
}
