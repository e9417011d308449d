namespace Engram;

/// `Engram:Logging`, `Engram:Shutdown` and `Engram:Metrics`: running the server as a service.
public sealed record OperationsOptions
{
    /// How console lines are written: text for a person, JSON for a log shipper.
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public static readonly TimeSpan DefaultDrainDelay = TimeSpan.FromSeconds(5);

    /// After SIGTERM, how long `/readyz` answers 503 while requests are still served, before the listener closes.
    public TimeSpan DrainDelay { get; init; } = DefaultDrainDelay;

    /// `/metrics` without a key: for a scraper inside a private network. Off, it needs a key like the API.
    public bool PublicMetrics { get; init; }

    /// An OTLP (gRPC) collector that metrics and traces are pushed to; null pushes nothing.
    public string? OtlpEndpoint { get; init; }
}

public enum LogFormat
{
    Text,
    Json,
}
