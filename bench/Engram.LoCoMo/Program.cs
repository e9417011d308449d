using System.Diagnostics;
using Engram;
using Engram.Auth;
using Engram.LoCoMo;
using Engram.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// dotnet run -c Release --project bench/Engram.LoCoMo -- [--backend sqlite|postgres] [--type vector|graph] [--data ../shared/locomo] [--throughput] [--sweep [--cache dir] [--vectors turn,prev+turn,window]] [--dump sources.tsv]
// --throughput-only [--clients 8] [--messages 1000] [--rounds 2] [--workers 1] [--query-latency]: only POST /messages/create alone and followed live, no LoCoMo.
// --type graph: graph memories (ontology culture), whose answers come from the facts learnt from each turn.
// PostgreSQL: ENGRAM_BENCH_POSTGRES names a server; the run makes a database of its own and drops it.
var backend = Arg("--backend") ?? "sqlite";
var data = Arg("--data") ?? Path.Combine("..", "shared", "locomo");
var throughputOnly = args.Contains("--throughput-only");
var files = throughputOnly ? [] : Directory.GetFiles(data, "conv-*.json").Order().ToArray();
if (files.Length == 0 && !throughputOnly)
{
    Console.Error.WriteLine($"no conv-*.json in {Path.GetFullPath(data)}");
    return 1;
}

var directory = Path.Combine(Path.GetTempPath(), "engram-locomo-" + Guid.NewGuid().ToString("N")[..8]);
string database;
string? postgresName = null;
if (backend == "postgres")
{
    var server = Environment.GetEnvironmentVariable("ENGRAM_BENCH_POSTGRES")
        ?? throw new InvalidOperationException("set ENGRAM_BENCH_POSTGRES to a PostgreSQL connection string");
    postgresName = "engram_locomo_" + Guid.NewGuid().ToString("N")[..8];
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {postgresName}", admin);
        await create.ExecuteNonQueryAsync();
    }
    database = new NpgsqlConnectionStringBuilder(server) { Database = postgresName }.ToString();
}
else
{
    database = Path.Combine(directory, "engram.db");
}

// --workers 0 leaves the live feed on and ingestion off: what following costs without embedding.
var settings = new EngramSettings(database, "http://127.0.0.1:0", ApiKey: null, LogLevel: LogLevel.Warning);
if (Arg("--workers") is { } workers)
{
    settings = settings with { Ingestion = settings.Ingestion with { Workers = int.Parse(workers, System.Globalization.CultureInfo.InvariantCulture) } };
}
var app = await EngramApp.CreateAsync(settings, TextWriter.Null);
if (args.Contains("--sweep"))
{
    // Ranking ideas offline with the server's own embedder; vectors are cached between runs.
    var cache = Arg("--cache") ?? Path.Combine(Path.GetTempPath(), "engram-locomo-sweep");
    Directory.CreateDirectory(cache);
    var only = (Arg("--vectors") ?? "turn,prev+turn,window").Split(',').ToHashSet();
    await Sweep.RunAsync(app.Services.GetRequiredService<Engram.Embeddings.IEmbedder>(), files, cache, only);
    await app.DisposeAsync();
    Directory.Delete(directory, recursive: true);
    return 0;
}
await app.StartAsync();
try
{
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    var key = ApiKeyHasher.NewKey();
    await StartupKey.AddAsync(app.Services.GetRequiredService<IStore>(), "locomo", key, CancellationToken.None);
    using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    http.DefaultRequestHeaders.Add("X-API-Key", key);
    if (throughputOnly)
    {
        await RunThroughputAsync(http); // on an empty database; --throughput runs it after LoCoMo's import instead
        return 0;
    }
    var memoryType = Arg("--type") ?? "vector";
    var api = new LoCoMoApi(http, memoryType);

    Console.WriteLine($"LoCoMo on Engram ({backend}, {memoryType} memory): {files.Length} conversations from {Path.GetFullPath(data)}");
    var results = new List<Scored>();
    var ingestion = TimeSpan.Zero;
    long turns = 0;
    foreach (var file in files)
    {
        var conversation = Conversation.Load(file);
        var clock = Stopwatch.StartNew();
        var memory = await api.ImportAsync(conversation);
        ingestion += clock.Elapsed;
        turns += conversation.Sessions.Sum(s => s.Turns.Count);
        Console.WriteLine($"  {conversation.Name}: {conversation.Sessions.Sum(s => s.Turns.Count)} turns imported and ingested in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var question in conversation.Questions.Where(q => q.Category is >= 1 and <= 4 && q.Evidence.Count > 0))
        {
            results.Add(await api.AskAsync(memory, conversation.Name, question));
        }
    }
    Report.Print(results, ingestion, turns);
    if (Arg("--dump") is { } dump)
    {
        await File.WriteAllLinesAsync(dump, results.Select(r => $"{r.Category}\t{string.Join(' ', r.Sources)}"));
    }
    if (args.Contains("--throughput"))
    {
        await RunThroughputAsync(http);
    }
    return 0;
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    if (postgresName is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("ENGRAM_BENCH_POSTGRES"));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
    else if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

Task RunThroughputAsync(HttpClient http) =>
    Throughput.RunAsync(http, int.Parse(Arg("--clients") ?? "8", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--messages") ?? "1000", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Arg("--rounds") ?? "2", System.Globalization.CultureInfo.InvariantCulture), settings.Ingestion.Workers > 0,
        args.Contains("--query-latency"));

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
