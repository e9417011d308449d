using Engram.Auth;
using Engram.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engram.Tests.Infrastructure;

/// A real Engram server: Kestrel on a loopback port over a real database. One per backend is
/// shared by the whole run; every test makes its own accounts, so tests never see each other's data.
public abstract class EngramServer : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly HttpClient _http = new();

    /// The database this backend's server runs on, or null when the backend is not configured here.
    protected abstract string? Database { get; }

    public string DatabaseOrSkip => Database ?? throw new InvalidOperationException("backend not configured");

    public Uri BaseAddress { get; private set; } = null!;

    public IStore Store => _app!.Services.GetRequiredService<IStore>();

    public virtual async ValueTask InitializeAsync()
    {
        if (Database is not { } database)
        {
            return;
        }
        (_app, BaseAddress) = await StartAsync(database);
    }

    /// Starts another server on the same database (for restarts and several nodes). `output`
    /// receives its request log at `logLevel` Information; `configure` maps what a test adds.
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(string database, int rateLimitPerSecond = 0,
        TextWriter? output = null, LogLevel logLevel = LogLevel.Warning, Action<WebApplication>? configure = null,
        Func<EngramSettings, EngramSettings>? adjust = null)
    {
        // The pages and webhook receivers tests start are on loopback, which ingestion refuses by default.
        var settings = new EngramSettings(database, "http://127.0.0.1:0", ApiKey: null, LogLevel: logLevel, rateLimitPerSecond)
        {
            Ingestion = new() { AllowPrivateNetworks = true },
            // A stop in a test has no load balancer to wait for.
            Operations = new() { DrainDelay = TimeSpan.Zero },
        };
        settings = adjust?.Invoke(settings) ?? settings;
        var app = await EngramApp.CreateAsync(settings, output ?? TextWriter.Null);
        configure?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// A new account with a new key, and a client that sends it.
    public async Task<Api> NewAccountAsync(string? name = null)
    {
        if (_app is null)
        {
            Assert.Skip($"{GetType().Name}: no database configured for this backend");
        }
        var account = name ?? "acct-" + Guid.NewGuid().ToString("N")[..12];
        var key = ApiKeyHasher.NewKey();
        await StartupKey.AddAsync(Store, account, key, CancellationToken.None);
        return new Api(_http, BaseAddress, key, account);
    }

    /// A new account with `count` sessions written straight through the store with chosen
    /// times, so many share a millisecond and the id tie-breaker is exercised; the list is then
    /// read only through HTTP. Returns the ids in the contract's order (newest first, ties by id).
    public async Task<(Api Api, string[] Expected)> SeedSessionsAsync(int count, int distinctTimes, string? customer = null, int seed = 7)
    {
        var api = await NewAccountAsync();
        var random = new Random(seed);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var sessions = new List<Sessions.Session>();
        for (var i = 0; i < count; i++)
        {
            var at = start.AddMilliseconds(random.Next(distinctTimes));
            var session = new Sessions.Session($"s{random.Next():x8}-{i}", api.Account, customer, [], at, at, null, null);
            Assert.Equal(InsertOutcome.Created, await Store.InsertSessionAsync(session));
            sessions.Add(session);
        }
        var expected = sessions.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal)
            .Select(s => s.Id).ToArray();
        return (api, expected);
    }

    /// One row read straight from the database, for what the API never shows (a deleted
    /// session's own columns). Parameters are @name on both backends.
    public async Task<object?[]> RawRowAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using System.Data.Common.DbConnection connection = StoreFactory.IsPostgres(DatabaseOrSkip)
            ? new Npgsql.NpgsqlConnection(DatabaseOrSkip)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseOrSkip}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no row");
        var values = new object?[reader.FieldCount];
        reader.GetValues(values!);
        return [.. values.Select(v => v is DBNull ? null : v)];
    }

    /// A client with no key, or with the key given.
    public Api Anonymous(string? key = null)
    {
        if (_app is null)
        {
            Assert.Skip($"{GetType().Name}: no database configured for this backend");
        }
        return new Api(_http, BaseAddress, key, account: "");
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _http.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteServer : EngramServer
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engram-tests-" + Guid.NewGuid().ToString("N"));

    protected override string Database => Path.Combine(_directory, "engram.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
