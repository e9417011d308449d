namespace Engram.LoCoMo;

/// The figures the issue asks for, overall and per category, in the shape of its baseline table.
public static class Report
{
    private static readonly string[] Categories = ["", "multi-hop", "temporal", "open-domain", "single-hop"];

    public static void Print(IReadOnlyList<Scored> results, TimeSpan ingestion, long turns)
    {
        Console.WriteLine();
        Console.WriteLine($"{"",-12} {"questions",9} {"recall@5",9} {"recall@10",9} {"hit@10",7}");
        Line("overall", results);
        for (var category = 1; category <= 4; category++)
        {
            Line($"{category} {Categories[category]}", results.Where(r => r.Category == category).ToList());
        }
        var latencies = results.Select(r => r.Milliseconds).Order().ToArray();
        var floors = results.Select(r => r.FloorMilliseconds).Order().ToArray();
        var tokens = results.Select(r => r.Tokens).Order().ToArray();
        Console.WriteLine();
        Console.WriteLine($"latency p50 {Percentile(latencies, 0.50):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms; " +
            $"median token_count {Percentile(tokens.Select(t => (double)t).ToArray(), 0.5):F0}");
        Console.WriteLine($"floor, GET /healthz before each question: p50 {Percentile(floors, 0.50):F1} ms, p95 {Percentile(floors, 0.95):F1} ms " +
            $"(GET /memory p50 {Percentile(latencies, 0.50) / Math.Max(Percentile(floors, 0.50), 0.001):F1}x the floor)");
        Console.WriteLine($"ingestion {ingestion.TotalSeconds:F1} s for {turns} turns (import through the API, add-sessions, wait), " +
            $"{turns / ingestion.TotalSeconds:F1} turns/s");
    }

    private static void Line(string name, IReadOnlyList<Scored> rows) =>
        Console.WriteLine($"{name,-12} {rows.Count,9} {rows.Average(r => r.RecallAt5),9:F3} {rows.Average(r => r.RecallAt10),9:F3} " +
            $"{rows.Average(r => r.HitAt10 ? 1.0 : 0.0),7:F3}");

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
