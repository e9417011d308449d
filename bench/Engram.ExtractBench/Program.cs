using System.Diagnostics;
using System.Globalization;
using Engram.ExtractBench;
using Engram.Graph;
using Engram.Graph.Extraction;
using Engram.Retrieval;

// The built-in extractor's speed and yield on LoCoMo's turns, beside a floor measured in the same
// run: the BM25 analyser over the same texts, the least any ingestion does with a message.
// `--show N` prints the first N turns' facts and entities instead.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var inputs = Turns.Load(Turns.FindDirectory());
if (args is ["--show", var count])
{
    foreach (var input in inputs.Take(int.Parse(count, CultureInfo.InvariantCulture)))
    {
        var graph = BuiltInFactExtractor.Extract(input);
        Console.WriteLine($"{input.Speaker}: {input.Text}");
        graph.Facts.ToList().ForEach(f => Console.WriteLine($"  fact: {f.Content}  [{string.Join(", ", f.Entities)}] {f.Relation} {f.ValidAt:yyyy-MM-dd}"));
        graph.Entities.ToList().ForEach(e => Console.WriteLine($"  entity: {e.Name} ({e.Kind}){(e.Aliases.Count > 0 ? " aka " + string.Join(", ", e.Aliases) : "")}"));
    }
    return;
}
Console.WriteLine($"LoCoMo: {inputs.Count} turns; {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
const int Rounds = 5;
Measure("warm-up", 1, input => BuiltInFactExtractor.Extract(input).Facts.Count);
var floor = Measure("floor: BM25 analyser (TextTokens.Of)", Rounds, input => TextTokens.Of(input.Text).Count());
var extractor = Measure("built-in extractor", Rounds, input => BuiltInFactExtractor.Extract(input).Facts.Count);
Console.WriteLine($"extractor / floor: {extractor / floor:0.000} of the floor's messages/s");
var graphs = inputs.Select(input => BuiltInFactExtractor.Extract(input)).ToList();
Console.WriteLine($"facts/message {graphs.Average(g => g.Facts.Count):0.00}, entities/message {graphs.Average(g => g.Entities.Count):0.00}, "
    + $"messages with no fact {graphs.Count(g => g.Facts.Count == 0) * 100.0 / graphs.Count:0.0}%, "
    + $"facts with a relation {graphs.SelectMany(g => g.Facts).Count(f => f.Relation is not null) * 100.0 / graphs.Sum(g => g.Facts.Count):0.0}%");

double Measure(string name, int rounds, Func<ExtractionInput, int> work)
{
    var clock = Stopwatch.StartNew();
    var total = 0L;
    for (var round = 0; round < rounds; round++)
    {
        foreach (var input in inputs)
        {
            total += work(input);
        }
    }
    var perSecond = rounds * inputs.Count / clock.Elapsed.TotalSeconds;
    if (name != "warm-up")
    {
        Console.WriteLine($"{name}: {perSecond:0} messages/s ({rounds} rounds of {inputs.Count}, checksum {total})");
    }
    return perSecond;
}
