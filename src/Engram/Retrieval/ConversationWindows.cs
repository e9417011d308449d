namespace Engram.Retrieval;

/// What BM25 reads for a conversation turn: the turn between its neighbours in its session (on
/// LoCoMo, BM25 over 3-turn windows finds the evidence turn far more often than over single turns).
/// The windows are assembled here, as the index loads the turns, not when a turn is ingested: a
/// turn ingested live has no next turn yet, and its window must change when that turn arrives. So
/// every turn gets both neighbours whatever order the turns were ingested in, and the same index
/// comes out of every run. Not thread-safe: used under MemoryIndex.Refresh.
public sealed class ConversationWindows
{
    private readonly Dictionary<string, SortedList<long, Turn>> sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string Session, long MessageSeq)> placeOf = [];

    private readonly record struct Turn(long Chunk, string Text);

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
        turns[messageSeq] = new Turn(chunk, text);
        placeOf[chunk] = (session, messageSeq);
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
        turns.RemoveAt(at);
        changed.Remove(chunk);
        if (turns.Count == 0)
        {
            sessions.Remove(place.Session);
            return;
        }
        if (at > 0)
        {
            changed.Add(turns.GetValueAtIndex(at - 1).Chunk);
        }
        if (at < turns.Count)
        {
            changed.Add(turns.GetValueAtIndex(at).Chunk);
        }
    }

    public bool Contains(long chunk) => placeOf.ContainsKey(chunk);

    /// The previous turn, the turn and the next turn of its session, one a line.
    public string Window(long chunk)
    {
        var (session, messageSeq) = placeOf[chunk];
        var turns = sessions[session];
        var at = turns.IndexOfKey(messageSeq);
        var text = turns.GetValueAtIndex(at).Text;
        var previous = at > 0 ? turns.GetValueAtIndex(at - 1).Text + "\n" : "";
        var next = at + 1 < turns.Count ? "\n" + turns.GetValueAtIndex(at + 1).Text : "";
        return previous + text + next;
    }

    private static void AddAround(SortedList<long, Turn> turns, int at, ISet<long> changed)
    {
        for (var i = Math.Max(0, at - 1); i <= Math.Min(turns.Count - 1, at + 1); i++)
        {
            changed.Add(turns.GetValueAtIndex(i).Chunk);
        }
    }
}
