using System.Diagnostics;

namespace Engram.IndexBench;

/// Runs one call per query, timing each, and prints "p50 / p99 / cpu" in milliseconds, where
/// cpu is the process's CPU time over the whole run divided by the calls (read once around the
/// run: /proc's clock ticks are too coarse for one call).
internal sealed class Latency
{
    private readonly List<double> milliseconds = [];
    private TimeSpan cpu;

    public TResult[] Run<TQuery, TResult>(IEnumerable<TQuery> queries, Func<TQuery, TResult> call)
    {
        var results = new List<TResult>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            results.Add(call(query));
            milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return [.. results];
    }

    public override string ToString() =>
        $"{Percentile(0.50):F2} / {Percentile(0.99):F2} / {cpu.TotalMilliseconds / milliseconds.Count:F2}";

    private double Percentile(double p)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
