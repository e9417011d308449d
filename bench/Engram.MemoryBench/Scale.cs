namespace Engram.MemoryBench;

/// What the scale phases share: the bench (its database, floor embedder, queries and rate
/// settings), how to start another `engram serve` on the same database and talk to it, and the
/// sizes of this run (--scale quick or full).
internal sealed record Scale(Bench Bench, bool Quick, bool Postgres, string Work, Func<ServerProcess, EngramApi> Api)
{
    public int[] GrowthSizes => Quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    public int ManyMemories => Quick ? 10 : 100;
    public const int ManyChunks = 1_000;

    /// Documents of 25,000 characters (about 180 chunks each) ingested while queries run, enough
    /// to outlast the busy measurement at the ingestion rates seen here (60–110 chunks/s).
    public int BusyDocuments => Quick ? 8 : 30;

    /// Documents ingested per node count in the PostgreSQL two-node phase, over four memories.
    public int NodeDocuments => Quick ? 4 : 16;

    /// Another `engram serve` on the same database; its log is server-NAME.log in the work directory.
    public Task<ServerProcess> StartAsync(string name) => ServerProcess.StartAsync(ServerDll, Database, LogFile(name));

    public string LogFile(string name) => Path.Combine(Work, $"server-{name}.log");

    public required string ServerDll { get; init; }
    public required string Database { get; init; }

    /// The bench pointed at another server process.
    public Bench On(ServerProcess server) => Bench with { Server = server, Api = Api(server) };

    /// The phases in order: (a) growth, (b) many memories, (c) the restart with both on disk, (d) retrieval
    /// while another memory ingests, on the restarted server, and (e) on PostgreSQL, one node against two.
    public async Task RunAsync(IngestionPhase.Result ingested)
    {
        var growth = await GrowthPhase.RunAsync(this, ingested);
        var many = await ManyPhase.RunAsync(this, ingested);
        var server = await StartupPhase.RunAsync(this, growth[^1], many);
        await using (server)
        {
            await BusyPhase.RunAsync(this, On(server), growth.Single(row => row.Chunks == 10_000));
        }
        if (Postgres)
        {
            await NodesPhase.RunAsync(this);
        }
        Console.WriteLine();
        Console.WriteLine($"load average at the end {LoadAverage()}");
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}
