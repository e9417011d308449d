using System.Buffers;

namespace Engram.Retrieval;

/// BM25 over one memory's chunks, in process so SQLite and PostgreSQL rank identically and k1 and
/// b can be tuned (on short conversation turns b = 0 measured better than 0.75). Postings per
/// term, document lengths per row; a removed row is skipped at once and its postings dropped
/// when removed rows outnumber live ones. One lock guards everything: a search over 100k chunks
/// takes about a millisecond, so readers queueing behind each other cost less than a
/// reader-writer lock's bookkeeping.
public sealed class LexicalIndex
{
    private readonly float k1;
    private readonly float b;
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> termOf = new(StringComparer.Ordinal);
    private readonly List<Postings> postings = [];
    private readonly Dictionary<long, int> rowOf = [];
    private readonly List<Document> documents = [];
    private int live;
    private long liveLength;
    private long bytes;

    // Object and array headers, and what a dictionary or list entry costs beside its key and value:
    // enough for an estimate within tens of percent, which is what a memory budget needs.
    private const int ObjectBytes = 24, EntryBytes = 28, DocumentBytes = 24;

    // Distinct term ids let Remove give back each term's document frequency without the text.
    private readonly record struct Document(long Id, int Length, int[] Terms, bool Removed);

    public LexicalIndex(float k1 = 1.2f, float b = 0.75f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k1);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(b, 1f);
        this.k1 = k1;
        this.b = b;
    }

    public int Count
    {
        get { lock (gate) { return live; } }
    }

    /// About the bytes the index holds (for IndexBudget), kept as rows and terms come and
    /// go, so reading it walks nothing.
    public long EstimatedBytes => Volatile.Read(ref bytes);

    /// Indexes text under id, replacing what id held before.
    public void Add(long id, string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var length = 0;
        foreach (var token in TextTokens.Of(text))
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
            length++;
        }
        lock (gate)
        {
            RemoveLocked(id);
            var row = documents.Count;
            var terms = new int[counts.Count];
            // The document's entry and its row in the id map, its term array, then each new term and posting.
            long added = DocumentBytes + EntryBytes + ObjectBytes + terms.Length * sizeof(int);
            var t = 0;
            foreach (var (token, frequency) in counts)
            {
                if (!termOf.TryGetValue(token, out var term))
                {
                    term = postings.Count;
                    termOf.Add(token, term);
                    postings.Add(new Postings());
                    // The token's string, its map entry, its list slot, its Postings and their first two arrays.
                    added += ObjectBytes + 2 * token.Length + EntryBytes + IntPtr.Size + ObjectBytes + 2 * (ObjectBytes + 2 * sizeof(int));
                }
                var list = postings[term];
                var room = list.Capacity;
                list.Append(row, frequency);
                added += (long)(list.Capacity - room) * 2 * sizeof(int);
                terms[t++] = term;
            }
            documents.Add(new Document(id, length, terms, false));
            Volatile.Write(ref bytes, bytes + added);
            rowOf[id] = row;
            live++;
            liveLength += length;
        }
    }

    public void Remove(long id)
    {
        lock (gate)
        {
            RemoveLocked(id);
        }
    }

    private void RemoveLocked(long id)
    {
        if (!rowOf.Remove(id, out var row))
        {
            return;
        }
        var document = documents[row];
        foreach (var term in document.Terms)
        {
            postings[term].DocumentFrequency--;
        }
        documents[row] = document with { Removed = true };
        live--;
        liveLength -= document.Length;
        if (documents.Count - live > Math.Max(live, 64))
        {
            Compact();
        }
    }

    /// Renumbers the live rows from 0 and drops the removed ones' postings: amortised O(1) per
    /// Remove, since it runs only once removed rows outnumber live ones.
    private void Compact()
    {
        var newRowOf = new int[documents.Count];
        var kept = 0;
        var freed = 0L;
        for (var row = 0; row < documents.Count; row++)
        {
            var document = documents[row];
            newRowOf[row] = document.Removed ? -1 : kept;
            // The lists and arrays keep their room; a removed document's term array goes.
            freed += document.Removed ? ObjectBytes + document.Terms.Length * sizeof(int) : 0;
            if (!document.Removed)
            {
                documents[kept] = document;
                rowOf[document.Id] = kept;
                kept++;
            }
        }
        documents.RemoveRange(kept, documents.Count - kept);
        Volatile.Write(ref bytes, bytes - freed);
        foreach (var list in postings)
        {
            list.Renumber(newRowOf);
        }
    }

    /// The k rows that score highest for query under BM25 (Lucene's idf, which never goes
    /// negative), best first. A term repeated in the query counts once.
    public IReadOnlyList<Scored> Search(string query, int k)
    {
        var queryTerms = TextTokens.Of(query).Distinct(StringComparer.Ordinal).ToArray();
        if (k <= 0 || queryTerms.Length == 0)
        {
            return [];
        }
        lock (gate)
        {
            if (live == 0)
            {
                return [];
            }
            var scores = ArrayPool<float>.Shared.Rent(documents.Count);
            // The shared pool hands back arrays as their last user left them, not zeroed.
            scores.AsSpan(0, documents.Count).Clear();
            var touched = ArrayPool<int>.Shared.Rent(documents.Count);
            try
            {
                var touchedCount = Accumulate(queryTerms, scores, touched);
                var best = new TopK(Math.Min(k, Math.Max(touchedCount, 1)));
                foreach (var row in touched.AsSpan(0, touchedCount))
                {
                    best.Offer(scores[row], row);
                    scores[row] = 0f;
                }
                var drained = best.DrainBestFirst();
                var hits = new Scored[drained.Length];
                for (var i = 0; i < drained.Length; i++)
                {
                    hits[i] = new Scored(documents[drained[i].Row].Id, drained[i].Score);
                }
                return hits;
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scores);
                ArrayPool<int>.Shared.Return(touched);
            }
        }
    }

    // Adds each query term's BM25 part to scores[row] (all zero on entry); returns how many rows
    // it touched, listed in touched so the caller need not clear the whole array.
    private int Accumulate(string[] queryTerms, float[] scores, int[] touched)
    {
        var count = 0;
        var averageLength = (float)liveLength / live;
        foreach (var token in queryTerms)
        {
            if (!termOf.TryGetValue(token, out var term) || postings[term].DocumentFrequency == 0)
            {
                continue;
            }
            var list = postings[term];
            var df = list.DocumentFrequency;
            var idf = MathF.Log(1f + (live - df + 0.5f) / (df + 0.5f));
            var rows = list.Rows;
            var frequencies = list.Frequencies;
            for (var i = 0; i < rows.Length; i++)
            {
                var document = documents[rows[i]];
                if (document.Removed)
                {
                    continue;
                }
                var tf = (float)frequencies[i];
                var norm = averageLength > 0f ? k1 * (1f - b + b * document.Length / averageLength) : k1;
                if (scores[rows[i]] == 0f)
                {
                    touched[count++] = rows[i];
                }
                scores[rows[i]] += idf * tf * (k1 + 1f) / (tf + norm);
            }
        }
        return count;
    }
}
