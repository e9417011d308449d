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

    public static double Percentile(double[] sorted, double share) =>
        sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1))];
}
