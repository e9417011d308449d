namespace Engram.Storage;

/// Timestamps are stored as UTC milliseconds since the epoch: what is stored is what is returned.
public static class UnixMs
{
    public static long From(DateTime value) => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime ToDateTime(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime;

    /// Now, truncated to the millisecond, so the value a create returns equals what a get returns.
    public static DateTime Now() => ToDateTime(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
}
