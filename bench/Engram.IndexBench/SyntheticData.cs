namespace Engram.IndexBench;

/// Deterministic stand-ins for a memory's chunks: unit vectors that are either uniformly random
/// (the hard case for recall: neighbours barely closer than strangers) or clustered around 100
/// topics (what embeddings of real text look like), and English-like text whose word
/// frequencies follow Zipf's law over a 20,000-word vocabulary.
internal sealed class SyntheticData(int seed, int dimensions)
{
    private readonly Random random = new(seed);
    private float[][]? centres;

    /// rows vectors back to back in one array (so 100k × 384 is one allocation to drop).
    public float[] Vectors(int rows, bool clustered)
    {
        var all = new float[rows * dimensions];
        for (var row = 0; row < rows; row++)
        {
            var v = all.AsSpan(row * dimensions, dimensions);
            if (clustered)
            {
                Near(Centres()[random.Next(100)], 0.5f, v);
            }
            else
            {
                Unit(v);
            }
        }
        return all;
    }

    /// A query: random for random data; near a stored row for clustered data, as a question
    /// near what was said.
    public float[] Query(float[] vectors, bool clustered)
    {
        var query = new float[dimensions];
        if (clustered)
        {
            var row = random.Next(vectors.Length / dimensions);
            Near(vectors.AsSpan(row * dimensions, dimensions), 0.3f, query);
        }
        else
        {
            Unit(query);
        }
        return query;
    }

    private float[][] Centres() => centres ??= Enumerable.Range(0, 100).Select(_ =>
    {
        var c = new float[dimensions];
        Unit(c);
        return c;
    }).ToArray();

    private void Unit(Span<float> v)
    {
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = Gaussian();
        }
        Normalise(v);
    }

    private void Near(ReadOnlySpan<float> centre, float spread, Span<float> v)
    {
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = centre[i] + spread * Gaussian() / MathF.Sqrt(v.Length);
        }
        Normalise(v);
    }

    private static void Normalise(Span<float> v)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(v));
        System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
    }

    private float Gaussian() =>
        MathF.Sqrt(-2f * MathF.Log(1f - random.NextSingle())) * MathF.Cos(2f * MathF.PI * random.NextSingle());

    private const int Vocabulary = 20_000;
    private static readonly string[] Syllables =
        ["ka", "lo", "mi", "ren", "to", "sa", "vel", "an", "dor", "is", "pu", "eth", "or", "ban", "qui", "ly"];
    private double[]? cumulative;

    /// A conversation turn or prose chunk of 8–60 words.
    public string Text() => Words(random.Next(8, 61));

    /// A question of 2–5 words.
    public string Question() => Words(random.Next(2, 6));

    private string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Word(ZipfRank())));

    private int ZipfRank()
    {
        if (cumulative is null)
        {
            cumulative = new double[Vocabulary];
            var sum = 0.0;
            for (var r = 0; r < Vocabulary; r++)
            {
                cumulative[r] = sum += 1.0 / (r + 1);
            }
        }
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return index < 0 ? Math.Min(~index, Vocabulary - 1) : index;
    }

    // Rank r spelled in base 16 syllables: distinct, pronounceable, 1–4 syllables long.
    private static string Word(int rank)
    {
        var word = "";
        do
        {
            word += Syllables[rank % Syllables.Length];
            rank /= Syllables.Length;
        }
        while (rank > 0);
        return word;
    }
}
