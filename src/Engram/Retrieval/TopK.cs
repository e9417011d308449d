namespace Engram.Retrieval;

/// The k best of a stream of (score, row) pairs, kept in a min-heap of k entries so a scan over
/// n rows costs n·log k and no sort of all n. Higher scores win; among equal scores, the lower
/// row (the one added first) wins, so results do not depend on the order rows were offered.
internal sealed class TopK
{
    private readonly float[] scores;
    private readonly int[] rows;
    private int count;

    public TopK(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        scores = new float[capacity];
        rows = new int[capacity];
    }

    public int Count => count;

    /// The score a new row has to beat once the heap is full; anything at or below it is skipped
    /// without touching the heap, which is most rows of a long scan.
    public float Threshold => count < scores.Length ? float.NegativeInfinity : scores[0];

    public void Offer(float score, int row)
    {
        if (count < scores.Length)
        {
            var i = count++;
            scores[i] = score;
            rows[i] = row;
            SiftUp(i);
        }
        else if (Beats(score, row, 0))
        {
            scores[0] = score;
            rows[0] = row;
            SiftDown(0);
        }
    }

    /// Empties the heap into (score, row) pairs, best first.
    public (float Score, int Row)[] DrainBestFirst()
    {
        var drained = new (float, int)[count];
        for (var i = count - 1; i >= 0; i--)
        {
            drained[i] = (scores[0], rows[0]);
            count--;
            scores[0] = scores[count];
            rows[0] = rows[count];
            SiftDown(0);
        }
        return drained;
    }

    // True when (score, row) ranks above heap entry i.
    private bool Beats(float score, int row, int i) =>
        score > scores[i] || (score == scores[i] && row < rows[i]);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            // A min-heap: each parent ranks below its children, the worst kept at the root.
            if (Beats(scores[i], rows[i], parent))
            {
                return;
            }
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = 2 * i + 1;
            if (left < count && !Beats(scores[left], rows[left], worst))
            {
                worst = left;
            }
            if (left + 1 < count && !Beats(scores[left + 1], rows[left + 1], worst))
            {
                worst = left + 1;
            }
            if (worst == i)
            {
                return;
            }
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (scores[a], scores[b]) = (scores[b], scores[a]);
        (rows[a], rows[b]) = (rows[b], rows[a]);
    }
}
