using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Engram.Operations;

/// Engram's own instruments, on the meter `Engram`, for what the framework's meters (requests
/// per route, outgoing HTTP calls, Npgsql's pool) do not see. Durations are histograms in
/// seconds, as OpenTelemetry's conventions have them; outcomes are a tag, not a metric each.
public sealed class EngramMetrics
{
    public const string MeterName = "Engram";

    private readonly Meter meter;

    public EngramMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        JobsQueued = meter.CreateCounter<long>("engram.ingestion.jobs.queued", "{job}", "Ingestion jobs started");
        JobsEnded = meter.CreateCounter<long>("engram.ingestion.jobs.ended", "{job}", "Ingestion jobs ended, by status");
        JobDuration = meter.CreateHistogram<double>("engram.ingestion.job.duration", "s", "From claiming a job to its end");
        Samples = meter.CreateCounter<long>("engram.ingestion.samples", "{sample}", "Samples ingested, by outcome (done, failed)");
        SampleDuration = meter.CreateHistogram<double>("engram.ingestion.sample.duration", "s", "Reading, chunking, embedding and storing one sample");
        EmbeddingDuration = meter.CreateHistogram<double>("engram.embedding.duration", "s", "One call to the embedding model");
        RetrievalDuration = meter.CreateHistogram<double>("engram.retrieval.duration", "s", "Answering one memory query");
        WebhookDeliveries = meter.CreateCounter<long>("engram.webhook.deliveries", "{delivery}", "Webhook attempts, by outcome (delivered, failed)");
        PageTokenRejects = meter.CreateCounter<long>("engram.page_token.rejects", "{request}", "Lists refused for a bad page token");
        RateLimitHits = meter.CreateCounter<long>("engram.rate_limit.hits", "{request}", "Requests answered 429 by the per-key limit");
    }

    public Counter<long> JobsQueued { get; }
    public Counter<long> JobsEnded { get; }
    public Histogram<double> JobDuration { get; }
    public Counter<long> Samples { get; }
    public Histogram<double> SampleDuration { get; }
    public Histogram<double> EmbeddingDuration { get; }
    public Histogram<double> RetrievalDuration { get; }
    public Counter<long> WebhookDeliveries { get; }
    public Counter<long> PageTokenRejects { get; }
    public Counter<long> RateLimitHits { get; }

    /// The memory indexes loaded in this process, chunks' and facts' alike, and their estimated bytes
    /// (Retrieval/IndexBudget), read when a scrape or an export asks.
    public void ObserveIndexes(Func<int> loaded, Func<long> bytes)
    {
        meter.CreateObservableGauge("engram.retrieval.indexes", loaded, "{index}", "Memory indexes loaded in this process");
        meter.CreateObservableGauge("engram.retrieval.indexes.size", bytes, "By", "Estimated bytes the loaded memory indexes hold");
    }

    public static KeyValuePair<string, object?> Outcome(bool succeeded, string success = "done") =>
        new("outcome", succeeded ? success : "failed");

    /// Seconds since a Stopwatch timestamp.
    public static double Since(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
