using System.Globalization;
using Engram.Auth;
using Engram.Embeddings;
using Engram.MemoryBench;
using Engram.Storage;
using Microsoft.Extensions.DependencyInjection;

// dotnet Engram.MemoryBench.dll --database CONN --server PATH/engram.dll --work DIR [--documents N] [--document-chars N]
//     [--queries N] [--seconds S] [--connections N] [--large N (0 skips)] [--facts N (0, the default, skips)]
//     [--ingestion-rounds N (3)] [--spin-rounds N (6; 0 skips)] [--scale quick|full]
// --scale runs the scale phases (Scale.cs) instead of the memory benchmark; bench/scale.sh runs it.
// Run by bench/memory.sh, which builds Release and owns the temp directory and any PostgreSQL cluster.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var a = 0; a + 1 < args.Length; a += 2)
{
    options[args[a]] = args[a + 1];
}
if (!options.TryGetValue("--database", out var database) || !options.TryGetValue("--server", out var serverDll) || !options.TryGetValue("--work", out var work))
{
    await Console.Error.WriteLineAsync("usage: Engram.MemoryBench --database CONN --server ENGRAM_DLL --work DIR [--documents N] [--document-chars N] [--queries N] [--seconds S] [--connections N] [--large N] [--facts N] [--ingestion-rounds N] [--spin-rounds N]");
    return 2;
}
int Number(string name, int fallback) => options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

var key = "ek_membench" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
await using (var store = StoreFactory.Open(database))
{
    await store.MigrateAsync();
    await StartupKey.AddAsync(store, StartupKey.DefaultAccount, key, CancellationToken.None);
}

// The server's own model, loaded in this process too: the floor every figure is set beside.
var rssBefore = ModelMemory.ResidentMegabytes();
await using var services = new ServiceCollection().AddEmbeddings(null, null, null).BuildServiceProvider();
var embedder = services.GetRequiredService<IEmbedder>();
await embedder.EmbedQueryAsync("warm-up", CancellationToken.None);
ModelMemory.Print(rssBefore);

var server = await ServerProcess.StartAsync(serverDll, database, Path.Combine(work, "server.log"));
var corpus = new Corpus(seed: 14);
var queries = Enumerable.Range(0, Number("--queries", 200)).Select(_ => corpus.Question()).ToArray();
var bench = new Bench(server, Api(server), new ChunkDatabase(database, StartupKey.DefaultAccount), embedder, corpus, queries,
    TimeSpan.FromSeconds(Number("--seconds", 10)), Number("--connections", 8));

Console.WriteLine($"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}; server pid {server.Id}, model {embedder.Model}");
Console.WriteLine($"database {(StoreFactory.IsPostgres(database) ? "postgres" : "sqlite")}; the server, this bench (HTTP client and floor embedder) share the cores");
Console.WriteLine();
if (options.TryGetValue("--scale", out var scaleMode))
{
    // The scale phases need real vectors to seed from: a smaller ingestion gives them.
    var real = await IngestionPhase.RunAsync(bench, Number("--documents", 6), Number("--document-chars", 25_000), Number("--ingestion-rounds", 1));
    await server.DisposeAsync();
    await new Scale(bench, scaleMode == "quick", StoreFactory.IsPostgres(database), work, Api) { ServerDll = serverDll, Database = database }.RunAsync(real);
    return 0;
}
var ingested = await IngestionPhase.RunAsync(bench, Number("--documents", 20), Number("--document-chars", 25_000), Number("--ingestion-rounds", 3));
await RetrievalPhase.RunAsync(bench, 10_000, ingested, withRates: true);
Console.WriteLine($"server peak RSS over ingestion and the 10k memory: {server.PeakMegabytes()} MB (VmHWM)");
await server.DisposeAsync();

// A fresh server for each memory below, so its peak RSS is what serving that memory takes (the
// model, the index and the requests), not what the ingestion and the 10k memory left behind.
if (Number("--large", 100_000) > 0)
{
    await LargeAsync();
}
if (Number("--facts", 0) > 0)
{
    server = await ServerProcess.StartAsync(serverDll, database, Path.Combine(work, "server-graph.log"));
    await using (server)
    {
        Console.WriteLine();
        Console.WriteLine($"a fresh server (pid {server.Id}) for the graph memory: RSS at start {server.PeakMegabytes()} MB");
        await GraphPhase.RunAsync(bench with { Server = server, Api = Api(server) }, Number("--facts", 0), ingested);
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}
if (Number("--spin-rounds", 6) > 0)
{
    SpinningCheck.Run(queries.Take(100).ToArray(), "Represent this sentence for searching relevant passages: ", Number("--spin-rounds", 6));
}
return 0;

async Task LargeAsync()
{
    server = await ServerProcess.StartAsync(serverDll, database, Path.Combine(work, "server-large.log"));
    await using (server)
    {
        Console.WriteLine();
        Console.WriteLine($"a fresh server (pid {server.Id}) for the large memory: RSS at start {server.PeakMegabytes()} MB");
        await RetrievalPhase.RunAsync(bench with { Server = server, Api = Api(server) }, Number("--large", 100_000), ingested, withRates: false);
        Console.WriteLine($"server peak RSS with the large memory: {server.PeakMegabytes()} MB (VmHWM); load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }
}

EngramApi Api(ServerProcess target)
{
    // One client per server, alive for the run, as an application keeps it.
    var http = new HttpClient { BaseAddress = target.BaseAddress };
    http.DefaultRequestHeaders.Add("X-API-Key", key);
    return new EngramApi(http);
}
