namespace Engram.Retrieval;

/// One term's postings in LexicalIndex: the rows that hold it, ascending, and how often each
/// does, in two parallel arrays that double as they fill (no object per posting). Removed rows
/// stay until LexicalIndex compacts; DocumentFrequency counts only live ones, for BM25's idf.
internal sealed class Postings
{
    private int[] rows = new int[2];
    private int[] frequencies = new int[2];

    public int Count { get; private set; }
    /// Rows the arrays have room for: what they hold, whatever Count says.
    public int Capacity => rows.Length;
    public int DocumentFrequency { get; set; }
    public ReadOnlySpan<int> Rows => rows.AsSpan(0, Count);
    public ReadOnlySpan<int> Frequencies => frequencies.AsSpan(0, Count);

    public void Append(int row, int frequency)
    {
        if (Count == rows.Length)
        {
            Array.Resize(ref rows, Count * 2);
            Array.Resize(ref frequencies, Count * 2);
        }
        rows[Count] = row;
        frequencies[Count] = frequency;
        Count++;
        DocumentFrequency++;
    }

    /// Drops the postings of rows that moved to -1 and renumbers the rest (after compaction).
    public void Renumber(ReadOnlySpan<int> newRowOf)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            var row = newRowOf[rows[i]];
            if (row >= 0)
            {
                rows[kept] = row;
                frequencies[kept] = frequencies[i];
                kept++;
            }
        }
        Count = kept;
        DocumentFrequency = kept;
    }
}
