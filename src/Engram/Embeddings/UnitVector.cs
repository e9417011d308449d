namespace Engram.Embeddings;

/// Scales a vector to length 1 in place. The packaged models already normalise, but an endpoint
/// need not, and retrieval scores assume a dot product is a cosine.
internal static class UnitVector
{
    public static float[] Normalize(float[] vector)
    {
        double sumOfSquares = 0;
        foreach (var value in vector)
        {
            sumOfSquares += (double)value * value;
        }
        if (sumOfSquares == 0 || !double.IsFinite(sumOfSquares))
        {
            throw new EmbeddingException("The embedding model returned a vector of zero or non-finite length.");
        }
        var scale = (float)(1 / Math.Sqrt(sumOfSquares));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
        return vector;
    }
}
