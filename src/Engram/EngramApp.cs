using Engram.Auth;
using Engram.Errors;
using Engram.Files;
using Engram.Graph;
using Engram.Ingestion;
using Engram.Memories;
using Engram.Retrieval;
using Engram.Webhooks;
using Engram.WebConsole;
using Engram.Embeddings;
using Engram.Json;
using Engram.Messages;
using Engram.OpenApi;
using Engram.Operations;
using Engram.Paging;
using Engram.Sessions;
using Engram.Storage;
using Engram.Users;
using Engram.Validation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Engram;

/// The server, from top to bottom: storage, services, the request pipeline, each feature's routes.
public static class EngramApp
{
    public static async Task<WebApplication> CreateAsync(EngramSettings settings, TextWriter output, CancellationToken cancellationToken = default)
    {
        settings.Check();
        var store = await OpenAsync(settings.Database, output, cancellationToken);
        await StartupKey.EnsureAsync(store, settings.ApiKey, output, cancellationToken);
        var pageTokenKey = await store.GetOrCreateSecretAsync("page_token_key", cancellationToken);
        var uploadUrls = new UploadUrls(await store.GetOrCreateSecretAsync("upload_url_key", cancellationToken));

        // Engram reads its settings itself (SettingsLoader). The host's own appsettings.json source
        // would otherwise watch the working directory and all under it, and with the database there
        // (the default ./data/engram.db) every WAL write wakes that watcher: 10-15% of the server's
        // CPU on creates (perf, 3 December).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The default for a request that reaches no endpoint; UseJsonBody sets each endpoint's
            // own limit per request (1 MiB for JSON, its own for an AcceptsRawBody endpoint).
            kestrel.Limits.MaxRequestBodySize = Limits.MaxBodyBytes;
            kestrel.Limits.MaxRequestLineSize = Limits.KestrelMaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = Limits.KestrelMaxRequestHeadersBytes;
            kestrel.Limits.MaxRequestHeaderCount = Limits.KestrelMaxRequestHeaderCount;
            kestrel.Limits.RequestHeadersTimeout = Limits.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = Limits.KeepAliveTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new(Limits.MinBodyBytesPerSecond, Limits.MinBodyRateGrace);
        });
        // One provider, EngramLoggerProvider (AddRequestLog): every line in one format, through one writer.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A failed start (say, a port in use) is reported once, as one line, by Program.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // Engram prints where it listens and what it runs on itself; the host's own lines only repeat it.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // The HTTP client's own lines name every URL it fetches, query string and all: a caller's URL.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

        builder.Services.AddRequestLog(output, settings.Operations.LogFormat);
        builder.Services.AddDraining(settings.Operations.DrainDelay);
        builder.Services.AddTelemetry(settings.Operations);
        // Each section as the framework's options, so a feature takes only what it reads.
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(Options.Create(settings.Files));
        builder.Services.AddSingleton(Options.Create(settings.Ingestion));
        builder.Services.AddKeyedSingleton(ModelEndpointOptions.EmbeddingsKey, Options.Create(settings.Embeddings));
        builder.Services.AddKeyedSingleton(ModelEndpointOptions.LlmKey, Options.Create(settings.Llm));
        builder.Services.AddSingleton<IStore>(_ => store); // a factory, so the container disposes it
        builder.Services.AddSingleton(provider => new PageTokens(pageTokenKey, provider.GetRequiredService<EngramMetrics>()));
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddKeyRateLimit(settings.RateLimitPerSecond);
        builder.Services.AddContractOpenApi();
        builder.Services.AddMemory(settings, uploadUrls);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, EngramJson.Default);
            json.SerializerOptions.Converters.Add(new UtcMillisecondsConverter());
            // Numbers are written as numbers; without this the OpenAPI schemas would allow "10" too.
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => WriteAddresses(app, output));
        app.LogKestrelRejections();
        app.UseRequestLog();
        app.UseDraining();
        app.UseContractErrors();
        app.UseRequestHeadLimits();
        app.UseTrailingSlashAsSameRoute();
        app.UseConsole();
        if (settings.Operations.PublicMetrics)
        {
            app.UseMetricsEndpoint();
        }
        app.UseApiKeys();
        if (!settings.Operations.PublicMetrics)
        {
            app.UseMetricsEndpoint();
        }
        app.UseKeyRateLimit(settings.RateLimitPerSecond);
        app.UseRouting();
        app.UseJsonBody();

        app.MapContractOpenApi();
        app.MapDocsPage();
        app.MapHealth();
        app.MapSessions();
        app.MapMessages();
        app.MapUsers();
        app.MapFiles();
        app.MapMemories();
        app.MapGraph();
        app.MapConversationMemory();
        app.MapMemoryQuery();
        return app;
    }

    /// The database, said in full before it is opened: a start from another directory would
    /// otherwise make a new one, and a new key, without a word.
    private static async Task<IStore> OpenAsync(string database, TextWriter output, CancellationToken cancellationToken)
    {
        var isNew = DatabaseLocation.SqliteFile(database) is { } file && !File.Exists(file);
        IStore? store = null;
        try
        {
            await output.WriteLineAsync($"Database: {DatabaseLocation.Describe(database)}{(isNew ? " (new, created now)" : "")}");
            store = StoreFactory.Open(database);
            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
            throw DatabaseLocation.CannotOpen(database, e);
        }
    }

    private static void WriteAddresses(WebApplication app, TextWriter output)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        output.WriteLine($"Listening on {string.Join(", ", addresses)}");
        output.Flush();
    }
}
