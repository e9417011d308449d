using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Engram.Embeddings;

/// The package's sentence encoder, but with the ONNX session created from a model file
/// (<see cref="ModelFile"/>) instead of a byte array, so no managed copy of the model exists and
/// its weights are read from the file. The rest is what the package's ArcticXs encoder does:
/// its tokenizer, the three BERT inputs, the first output's [CLS] token as the sentence vector,
/// scaled to unit length (PackagedEncoderFileTests holds the two to the same vectors).
internal sealed class FileModelEncoder : ISentenceEncoder, IDisposable
{
    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly TokenizerBase tokenizer;
    private readonly string[] hiddenStates;

    public FileModelEncoder(string modelPath, TokenizerBase tokenizer, SessionOptions options)
    {
        this.options = options;
        session = new InferenceSession(modelPath, options);
        this.tokenizer = tokenizer;
        // Only the first output (last_hidden_state) is asked for: it is the one the package pools.
        hiddenStates = [session.OutputMetadata.Keys.First()];
    }

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
    {
        // The tokenizer pads every sentence to the longest, so each row has the same length.
        var encoded = tokenizer.Encode(sentences);
        var tokens = encoded[0].InputIds.Length;
        var ids = new long[sentences.Length * tokens];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        for (var s = 0; s < encoded.Count; s++)
        {
            encoded[s].InputIds.CopyTo(ids, s * tokens);
            encoded[s].AttentionMask.CopyTo(mask, s * tokens);
            encoded[s].TokenTypeIds.CopyTo(types, s * tokens);
        }
        int[] shape = [sentences.Length, tokens];
        NamedOnnxValue[] inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        ];
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var output = session.Run(inputs, hiddenStates, runOptions);
        cancellationToken.ThrowIfCancellationRequested();

        // [sentences, tokens, width]: each sentence's vector is its first token's ([CLS]) state.
        var hidden = (DenseTensor<float>)output[0].Value;
        var width = hidden.Dimensions[2];
        var states = hidden.Buffer.Span;
        var vectors = new float[sentences.Length][];
        for (var s = 0; s < vectors.Length; s++)
        {
            vectors[s] = UnitVector.Normalize(states.Slice(s * tokens * width, width).ToArray());
        }
        return vectors;
    }

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }
}
