namespace Engram.MemoryBench;

/// Chunks for a memory too large to embed in a run: new passages of the corpus, each with the
/// real vector of an ingested chunk plus a little Gaussian noise, renormalised. The vectors keep
/// the model's geometry (clusters, norms, the spread of cosines) without 100k embeddings.
internal static class SeededChunks
{
    /// Noise of this standard deviation per dimension moves a 384-dimension unit vector by about
    /// 0.3: a cosine of about 0.95 to its source, nearer than most real neighbours.
    private const double NoisePerDimension = 0.015;

    public static IEnumerable<StoredChunk> Make(int count, IReadOnlyList<StoredChunk> real, Corpus corpus, int passageCharacters, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var source = real[random.Next(real.Count)].Vector;
            var vector = new float[source.Length];
            var norm = 0.0;
            for (var d = 0; d < vector.Length; d++)
            {
                var value = source[d] + (Gaussian(random) * NoisePerDimension);
                vector[d] = (float)value;
                norm += value * value;
            }
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] *= scale;
            }
            yield return new StoredChunk(corpus.Passage(passageCharacters), vector);
        }
    }

    // Box-Muller: two uniforms, one standard normal.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
