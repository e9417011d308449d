namespace Engram.Seed;

/// What to write, and the deterministic ids bench/run.sh and its Lua scripts rebuild on their own.
/// Session i has id BenchIds.Session(i), customer i % customers, and is one second newer than i - 1,
/// so the newest-first list walks i downwards with no ties.
internal sealed record SeedPlan(string Database, string Account, string Key, int Sessions, int Customers, int Messages)
{
    public const string Metadata = """[{"key":"channel","value":"phone"}]""";

    /// 2025-01-01T00:00:00Z: far enough back that sessions created during the run sort first.
    public const long FirstCreatedAt = 1_735_689_600_000;

    public static string SessionId(long i) => $"0190a000-0000-7000-8000-{i:x12}";

    public static string CustomerId(long i) => $"cust-{i:d4}";

    public string CustomerOf(long session) => CustomerId(session % Customers);

    public static long CreatedAt(long session) => FirstCreatedAt + session * 1000;

    /// The session that carries the messages: the middle one, so it is neither first nor last.
    public long MessageSession => Sessions / 2;

    public static string MessageId(long i) => $"msg-{i:d6}";
}
