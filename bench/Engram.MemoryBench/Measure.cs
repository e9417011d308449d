using System.Diagnostics;

namespace Engram.MemoryBench;

/// One connection's latencies, and many connections' rate, of any call: an HTTP request or an
/// in-process embedding alike, so a figure and its floor are measured by the same code.
internal static class Measure
{
    /// Runs the calls one after another; returns each call's milliseconds, sorted.
    public static async Task<double[]> LatenciesAsync(int count, Func<int, Task> call)
    {
        var milliseconds = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call(i);
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(milliseconds);
        return milliseconds;
    }

    /// Runs each pair of calls back to back, `first(i)` then `second(i)`, and returns how much longer
    /// each second call took than its first, sorted: the two rows' own p50s come from different
    /// minutes, and on a shared machine the floor drifts by more than the difference being measured.
    public static async Task<double[]> PairedDifferencesAsync(int count, Func<int, Task> first, Func<int, Task> second)
    {
        var differences = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await first(i);
            var between = Stopwatch.GetTimestamp();
            await second(i);
            differences[i] = Stopwatch.GetElapsedTime(between).TotalMilliseconds - Stopwatch.GetElapsedTime(started, between).TotalMilliseconds;
        }
        Array.Sort(differences);
        return differences;
    }

    /// Calls a second with <paramref name="connections"/> callers each calling in turn for <paramref name="duration"/>.
    public static async Task<(double PerSecond, int Calls)> RateAsync(int connections, TimeSpan duration, Func<int, Task> call)
    {
        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var callers = Enumerable.Range(0, connections).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; Stopwatch.GetTimestamp() < until; i += connections)
            {
                await call(i);
                Interlocked.Increment(ref calls);
            }
        }));
        await Task.WhenAll(callers);
        return (calls / Stopwatch.GetElapsedTime(started).TotalSeconds, calls);
    }

    /// Runs <paramref name="count"/> calls over <paramref name="connections"/> callers, each taking
    /// the next call when its last one ends; returns each call's milliseconds, sorted, and calls/s.
    public static async Task<(double[] Sorted, double PerSecond)> ConcurrentLatenciesAsync(int connections, int count, Func<int, Task> call)
    {
        var milliseconds = new double[count];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var callers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var callStarted = Stopwatch.GetTimestamp();
                await call(i);
                milliseconds[i] = Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds;
            }
        }));
        await Task.WhenAll(callers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Array.Sort(milliseconds);
        return (milliseconds, count / seconds);
    }

    public static double Percentile(double[] sorted, double share) =>
        sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1))];
}
