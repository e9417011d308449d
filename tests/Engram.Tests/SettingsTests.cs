using System.Globalization;
using Engram.Cli;
using Microsoft.Extensions.Logging;

namespace Engram.Tests;

/// Settings from every source the framework reads, and the one line a bad value stops the start with.
public sealed class SettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engram-settings-" + Guid.NewGuid().ToString("N"));

    private static readonly string[] Flags = [.. Setting.All.Select(s => s.Flag).OfType<string>()];

    public SettingsTests() => Directory.CreateDirectory(_directory);

    private EngramSettings Load(Dictionary<string, string>? environment = null, string[]? args = null, string? json = null,
        List<string>? warnings = null)
    {
        var file = Path.Combine(_directory, "appsettings.json");
        if (json is null)
        {
            File.Delete(file);
        }
        else
        {
            File.WriteAllText(file, json);
        }
        var line = CommandLine.Parse(args ?? [], Flags, knownFlags: [], configurationKeys: true);
        return SettingsLoader.Load(line, environment ?? [], _directory, warnings);
    }

    [Fact]
    public void With_nothing_set_every_setting_has_its_default()
    {
        var settings = Load();
        Assert.Equal("./data/engram.db", settings.Database);
        Assert.Equal("http://localhost:5080", settings.Urls);
        Assert.Null(settings.ApiKey);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Equal(0, settings.RateLimitPerSecond);
        Assert.Null(settings.PublicUrl);
        Assert.Equal(104857600, settings.Files.MaxUploadBytes);
        Assert.False(settings.Ingestion.AllowPrivateNetworks);
        Assert.Equal(1, settings.Ingestion.Workers);
        Assert.Null(settings.Ingestion.TokenLimit);
        Assert.Equal(new ModelEndpointOptions(), settings.Embeddings);
        Assert.Equal(new ModelEndpointOptions(), settings.Llm);
    }

    [Fact]
    public void Of_the_sources_that_set_a_value_the_later_one_wins()
    {
        // In order: appsettings.json, Engram__Database, ENGRAM_DATABASE, --Engram:Database, --database.
        var random = new Random(13);
        for (var round = 0; round < 100; round++)
        {
            var given = Enumerable.Range(0, 5).Select(source => random.Next(2) == 0 ? null : $"db-{round}-{source}.db").ToArray();
            var environment = new Dictionary<string, string>();
            var args = new List<string>();
            if (given[1] is { } framework) { environment["Engram__Database"] = framework; }
            if (given[2] is { } shortName) { environment["ENGRAM_DATABASE"] = shortName; }
            if (given[3] is { } key) { args.AddRange(["--Engram:Database", key]); }
            if (given[4] is { } flag) { args.Add($"--database={flag}"); }
            var json = given[0] is { } file ? $$$"""{"Engram":{"Database":"{{{file}}}"}}""" : null;

            var expected = given.LastOrDefault(g => g is not null) ?? "./data/engram.db";
            Assert.Equal(expected, Load(environment, [.. args], json).Database);
        }
    }

    [Fact]
    public void Every_section_binds_from_variables_in_the_framework_form_in_any_letter_case()
    {
        var settings = Load(new()
        {
            ["Engram__PublicUrl"] = "https://memory.example.com/",
            ["Engram__Files__MaxUploadBytes"] = "2048",
            ["ENGRAM__INGESTION__ALLOWPRIVATENETWORKS"] = "TRUE",
            ["engram__ingestion__workers"] = "0",
            ["Engram__Ingestion__TokenLimit"] = "5000000",
            ["Engram__Embeddings__Endpoint"] = "http://127.0.0.1:8080/v1",
            ["Engram__Embeddings__Model"] = "bge-small",
            ["Engram__Llm__Endpoint"] = "https://llm.example.com/v1",
            ["Engram__Llm__ApiKey"] = "sk-secret",
            ["Logging__LogLevel__Default"] = "warning",
        });
        Assert.Equal("https://memory.example.com/", settings.PublicUrl);
        Assert.Equal(2048, settings.Files.MaxUploadBytes);
        Assert.True(settings.Ingestion.AllowPrivateNetworks);
        Assert.Equal(0, settings.Ingestion.Workers);
        Assert.Equal(5000000, settings.Ingestion.TokenLimit);
        Assert.Equal(new ModelEndpointOptions { Endpoint = "http://127.0.0.1:8080/v1", Model = "bge-small" }, settings.Embeddings);
        Assert.Equal(new ModelEndpointOptions { Endpoint = "https://llm.example.com/v1", ApiKey = "sk-secret" }, settings.Llm);
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
    }

    [Fact]
    public void Appsettings_json_and_configuration_key_flags_set_the_sections_too()
    {
        var settings = Load(json: """{"Engram":{"Files":{"MaxUploadBytes":4096},"Ingestion":{"Workers":3}}}""",
            args: ["--Engram:Ingestion:AllowPrivateNetworks=true", "--public-url", "http://localhost:9000"]);
        Assert.Equal(4096, settings.Files.MaxUploadBytes);
        Assert.Equal(3, settings.Ingestion.Workers);
        Assert.True(settings.Ingestion.AllowPrivateNetworks);
        Assert.Equal(RetrievalOptions.DefaultIndexMegabytes, settings.Retrieval.IndexMegabytes);
        Assert.Equal(64, Load(json: """{"Engram":{"Retrieval":{"IndexMegabytes":64}}}""").Retrieval.IndexMegabytes);
        Assert.Equal("http://localhost:9000", settings.PublicUrl);
    }

    [Fact]
    public void Whole_numbers_round_trip_and_anything_else_is_refused_naming_the_setting_and_value()
    {
        var random = new Random(5);
        for (var i = 0; i < 300; i++)
        {
            var bytes = random.NextInt64(1, long.MaxValue);
            Assert.Equal(bytes, Load(new() { ["Engram__Files__MaxUploadBytes"] = bytes.ToString(CultureInfo.InvariantCulture) }).Files.MaxUploadBytes);

            var junk = new string([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)random.Next('!', '~' + 1))]);
            if (long.TryParse(junk.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
            {
                continue;
            }
            var error = Assert.Throws<ArgumentException>(() => Load(new() { ["Engram__Files__MaxUploadBytes"] = junk }));
            Assert.StartsWith("Engram:Files:MaxUploadBytes must be ", error.Message);
            Assert.EndsWith($", not '{junk}'", error.Message);
        }
    }

    [Theory]
    [InlineData("Engram__Files__MaxUploadBytes", "0", "Engram:Files:MaxUploadBytes must be 1 byte or more, not '0'")]
    [InlineData("Engram__Ingestion__AllowPrivateNetworks", "yes", "Engram:Ingestion:AllowPrivateNetworks must be true or false, not 'yes'")]
    [InlineData("Engram__Ingestion__Workers", "-1", "Engram:Ingestion:Workers must be a whole number, not '-1'")]
    [InlineData("Engram__Retrieval__IndexMegabytes", "-1", "Engram:Retrieval:IndexMegabytes must be a whole number of megabytes, not '-1'")]
    [InlineData("Engram__Retrieval__IndexMegabytes", "1.5", "Engram:Retrieval:IndexMegabytes must be a whole number of megabytes, not '1.5'")]
    [InlineData("Engram__Ingestion__TokenLimit", "0", "Engram:Ingestion:TokenLimit must be 1 or more, or unset for no limit, not '0'")]
    [InlineData("ENGRAM_PUBLIC_URL", "memory.example.com", "--public-url / ENGRAM_PUBLIC_URL must be an absolute http:// or https:// URL, not 'memory.example.com'")]
    [InlineData("Engram__Embeddings__Endpoint", "ftp://x/v1", "Engram:Embeddings:Endpoint must be an absolute http:// or https:// URL, not 'ftp://x/v1'")]
    [InlineData("ENGRAM_URLS", "notaurl", "--urls / ENGRAM_URLS: 'notaurl' is not an http:// or https:// address")]
    [InlineData("ENGRAM_RATE_LIMIT", "fast", "--rate-limit / ENGRAM_RATE_LIMIT must be a whole number of requests per second, not 'fast'")]
    [InlineData("Logging__LogLevel__Default", "5", "Logging:LogLevel:Default must be a log level (Trace, Debug, Information, Warning, Error, None), not '5'")]
    [InlineData("Engram__Ingestion__AllowPrivateNetwork", "true", "Engram:Ingestion:AllowPrivateNetwork is not a setting (engram serve --help lists them)")]
    [InlineData("Engram__Webhooks", "on", "Engram:Webhooks is not a setting (engram serve --help lists them)")]
    [InlineData("ENGRAM_SERVER_API_KEY", "short-key", "ENGRAM_SERVER_API_KEY must be at least 24 characters, not 9 (engram keys create makes one)")]
    [InlineData("ENGRAM_SERVER_API_KEY", "a key with spaces in it, long enough", "ENGRAM_SERVER_API_KEY must be printable ASCII without spaces")]
    public void A_bad_value_is_one_line_naming_the_setting_and_the_value(string variable, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Load(new() { [variable] = value }));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ENGRAM_API_KEY_still_sets_the_servers_key_with_a_deprecation_line_and_the_new_name_wins()
    {
        const string old = "old-name-key-0123456789ab";
        var warnings = new List<string>();
        Assert.Equal(old, Load(new() { ["ENGRAM_API_KEY"] = old }, warnings: warnings).ApiKey);
        Assert.Contains("ENGRAM_SERVER_API_KEY", Assert.Single(warnings));
        Assert.DoesNotContain(old, warnings[0]);

        warnings.Clear();
        const string server = "new-name-key-0123456789ab";
        Assert.Equal(server, Load(new() { ["ENGRAM_API_KEY"] = old, ["ENGRAM_SERVER_API_KEY"] = server }, warnings: warnings).ApiKey);
        Assert.Empty(warnings);

        // The old name keeps working as it did (contract §6): a short key is a warning there, not a refusal.
        warnings.Clear();
        var tiny = Load(new() { ["ENGRAM_API_KEY"] = "tiny-secret" }, warnings: warnings);
        Assert.Equal("tiny-secret", tiny.ApiKey);
        tiny.Check();
        Assert.Contains(warnings, w => w.Contains("ENGRAM_API_KEY must be at least 24 characters, not 11", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.DoesNotContain("tiny-secret", w));
        Assert.Throws<ArgumentException>(() => Load(new() { ["ENGRAM_API_KEY"] = "has space" }));
    }

    [Fact]
    public void Settings_built_in_code_are_checked_at_start_too()
    {
        var settings = new EngramSettings("x.db", "http://127.0.0.1:0", ApiKey: null);
        settings.Check();
        var error = Assert.Throws<ArgumentException>(() => (settings with { Ingestion = new() { Workers = -2 } }).Check());
        Assert.Equal("Engram:Ingestion:Workers must be 0 or more, not '-2'", error.Message);
    }

    [Fact]
    public void A_broken_appsettings_json_is_one_line_naming_the_file()
    {
        var error = Assert.Throws<ArgumentException>(() => Load(json: """{"Engram": {"Database": """));
        Assert.StartsWith(Path.Combine(_directory, "appsettings.json") + ": ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_PostgreSQL_database_is_described_by_host_port_and_name_never_the_password()
    {
        var random = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            var password = "pw" + random.NextInt64().ToString(CultureInfo.InvariantCulture);
            var port = random.Next(1, 65536);
            var described = DatabaseLocation.Describe($"Host=db{i}.internal;Port={port};Username=engram;Password={password};Database=mem{i}");
            Assert.Equal($"PostgreSQL db{i}.internal:{port}/mem{i}", described);
        }
        Assert.Equal($"SQLite {Path.GetFullPath("data/x.db")}", DatabaseLocation.Describe("Data Source=data/x.db"));
    }

    [Fact]
    public void The_README_table_has_every_setting_with_its_forms_and_default()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Engram.slnx")))
        {
            directory = directory.Parent;
        }
        var rows = File.ReadAllLines(Path.Combine(directory.FullName, "README.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.All(Setting.All, setting =>
        {
            var row = Assert.Single(rows, r => r.StartsWith($"| `{setting.Key}` |", StringComparison.Ordinal));
            Assert.Contains($"`{setting.FrameworkVariable}`", row);
            Assert.Contains(setting.Default, row);
            if (setting.Variable is { } variable) { Assert.Contains($"`{variable}`", row); }
            if (setting.Flag is { } flag) { Assert.Contains($"`{flag}`", row); }
        });
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
