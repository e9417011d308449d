namespace Engram;

/// `Engram:Logging`, `Engram:Shutdown` and `Engram:Metrics`: running the server as a service.
public sealed record OperationsOptions
{
    /// How console lines are written: text for a person, JSON for a log shipper.
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
}

public enum LogFormat
{
    Text,
    Json,
}
