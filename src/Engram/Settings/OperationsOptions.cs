namespace Engram;

/// `Engram:Logging`, `Engram:Shutdown` and `Engram:Metrics`: running the server as a service.
public sealed record OperationsOptions
{
    /// How console lines are written: text for a person, JSON for a log shipper.
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public static readonly TimeSpan DefaultDrainDelay = TimeSpan.FromSeconds(5);

    /// After SIGTERM, how long `/readyz` answers 503 while requests are still served, before the listener closes.
    public TimeSpan DrainDelay { get; init; } = DefaultDrainDelay;
}

public enum LogFormat
{
    Text,
    Json,
}
