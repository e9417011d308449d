using System.Diagnostics;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;
using SentenceTransformers;

namespace Engram.Embeddings;

/// The packaged model, run in-process on the CPU. Loading takes seconds, so it happens once, on
/// the thread pool, started by <see cref="EmbeddingModelLoader"/> after the server is up; a caller
/// that comes first waits for the same load. One document batch runs at a time: ONNX Runtime already
/// spreads one run over every core, and two batches at once would only fight for them. A query never
/// waits for a batch: it runs beside it (a session's runs may overlap), on a thread at normal priority
/// while the batch's threads run in SCHED_IDLE, so an agent's query mid-ingestion costs about what it
/// costs idle instead of the rest of a batch (BENCHMARKS.md, "Queries beside ingestion").
internal sealed class OnnxEmbedder : IEmbedder, IDisposable
{
    // Batches sorted by length waste little on padding; these bounds keep one batch's tensors
    // (attention is texts x 12 heads x tokens^2 floats: 4 x 512 tokens is 50 MB) small and let a
    // query slip in between the batches of a large document.
    public const int MaxBatchTexts = 32;
    public const int MaxBatchTokens = 2048;

    private readonly PackagedModel model;
    private readonly Lazy<Task<ISentenceEncoder>> encoder;
    private readonly InputTruncator truncator;
    private readonly SemaphoreSlim oneBatchAtATime = new(1, 1);

    public OnnxEmbedder(PackagedModel model, string modelDirectory)
    {
        this.model = model;
        truncator = new InputTruncator(model.CreateTokenizer(), model.MaxTokens);
        // Loaded on a background thread, so that ONNX Runtime's own threads, which it starts here, run at
        // background priority too: on a busy machine an embedding then yields the cores to requests.
        // The cost: a query that waits for a document batch (one run at a time) waits longer when the
        // cores are saturated; a batch is at most MaxBatchTexts texts.
        encoder = new(() => BackgroundThread.RunAsync(() => Load(modelDirectory)));
    }

    public OnnxEmbedder(PackagedModel model) : this(model, ModelFile.DefaultDirectory)
    {
    }

    /// Where the model was loaded from: its file, or null when it came from the package's DLL.
    public string? ModelPath { get; private set; }

    // From a file when the package allows it and the directory is writable: no managed copy of
    // the model is ever made (BENCHMARKS.md, "Memory: the model read from a file").
    private ISentenceEncoder Load(string modelDirectory)
    {
        var path = model.FilePackage is null ? null : ModelFile.TryWrite(model.FilePackage, model.Name, modelDirectory);
        if (path is not null)
        {
            var fromFile = new FileModelEncoder(path, model.CreateTokenizer(), Options());
            ModelPath = path;
            // What ONNX Runtime freed after parsing the file stays in glibc's heap otherwise:
            // about 15 MB of the 100k server's peak (BENCHMARKS.md).
            NativeHeap.Trim();
            return fromFile;
        }
        var loaded = model.CreateEncoder(Options());
        ReturnLoadBuffer();
        return loaded;
    }

    // The package reads the model (about 88 MB) out of its DLL into a managed array and hands it
    // to ONNX Runtime, which keeps its own copy: the array is garbage on the large object heap at
    // once, and a quiet server's GC neither compacts that heap nor gives the pages back. One
    // compacting, decommitting collection right after the load does (BENCHMARKS.md: 100k memory).
    private static void ReturnLoadBuffer()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    // ONNX Runtime's threads spin for a while after each run, waiting for the next one: on a
    // small machine that is CPU taken from the requests the server is answering meanwhile.
    private static SessionOptions Options()
    {
        var options = new SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    public string Model => model.Name;
    public int Dimensions => model.Dimensions;

    /// Starts the load if nobody has yet; completes when the model is ready.
    public async Task<TimeSpan> LoadAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await encoder.Value;
        return Stopwatch.GetElapsedTime(started);
    }

    public async Task<float[][]> EmbedDocumentsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        var byLength = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var start = 0;
        while (start < byLength.Length)
        {
            // Sorted ascending, so the last text of a batch is its longest and sets its padding.
            var end = start + 1;
            while (end < byLength.Length && end - start < MaxBatchTexts
                && (end - start + 1) * EstimatedTokens(texts[byLength[end]]) <= MaxBatchTokens)
            {
                end++;
            }
            var batch = new string[end - start];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = texts[byLength[start + i]];
            }
            var embedded = await EmbedBatchAsync(batch, background: true, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[byLength[start + i]] = embedded[i];
            }
            start = end;
        }
        return vectors;
    }

    public async Task<float[]> EmbedQueryAsync(string query, CancellationToken cancellationToken) =>
        (await EmbedBatchAsync([model.QueryPrefix + query], background: false, cancellationToken))[0];

    /// About four characters a token in English; exact counts would tokenize every text twice.
    private int EstimatedTokens(string text) => Math.Min((text.Length / 4) + 2, model.MaxTokens);

    /// Documents (only ingestion embeds them) run in the background (BackgroundThread), one batch at a
    /// time; a query, which a request waits for, on a pool thread at normal priority, at once. Either way
    /// never on the caller's thread.
    private async Task<float[][]> EmbedBatchAsync(string[] texts, bool background, CancellationToken cancellationToken)
    {
        var ready = await encoder.Value.WaitAsync(cancellationToken);
        float[][] Encode()
        {
            var inputs = Array.ConvertAll(texts, truncator.Fit);
            var vectors = ready.Encode(inputs, cancellationToken);
            foreach (var vector in vectors)
            {
                UnitVector.Normalize(vector);
            }
            return vectors;
        }
        if (!background)
        {
            return await Task.Run(Encode, cancellationToken);
        }
        await oneBatchAtATime.WaitAsync(cancellationToken);
        try
        {
            return await BackgroundThread.RunAsync(Encode);
        }
        finally
        {
            oneBatchAtATime.Release();
        }
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated && encoder.Value.IsCompletedSuccessfully && encoder.Value.Result is IDisposable disposable)
        {
            disposable.Dispose();
        }
        oneBatchAtATime.Dispose();
    }
}
