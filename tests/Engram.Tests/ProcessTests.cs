using System.Diagnostics;
using System.Net.Sockets;

namespace Engram.Tests;

/// The real executable in its own process: what a newcomer runs, and what happens when it is killed.
public sealed class ProcessTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engram-process-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new();
    private readonly List<Process> _processes = [];

    private string Database => Path.Combine(_directory, "engram.db");

    private sealed record Running(Process Process, Uri Address, StringWriter Output);

    private async Task<Running> StartAsync(Dictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "engram.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--database", Database })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("ENGRAM_API_KEY");
        start.Environment.Remove("ENGRAM_DATABASE");
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        _processes.Add(process);
        var output = new StringWriter();
        process.OutputDataReceived += (_, e) => { lock (output) { output.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await _http.GetAsync(new Uri(address, "/readyz"))).IsSuccessStatusCode)
                {
                    return new Running(process, address, output);
                }
            }
            catch (HttpRequestException) when (attempt < 300 && !process.HasExited)
            {
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Text(StringWriter output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [Fact]
    public async Task A_first_start_prints_a_usable_key_once_and_logs_one_line_per_request_without_it()
    {
        var server = await StartAsync();
        var key = Text(server.Output).Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("ek_", StringComparison.Ordinal));
        var api = new Api(_http, server.Address, key, "default");
        var created = await api.PostAsync("/sessions/create", """{"id":"logged"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("default", created.Data.GetProperty("userID").GetString());
        var requestId = created.Message.Headers.GetValues("X-Request-Id").Single();
        await api.GetAsync("/sessions/list?limit=3");
        await Task.Delay(300); // request lines are written in batches, every 50 ms

        var log = Text(server.Output);
        var line = log.Split('\n').Single(l => l.Contains(requestId));
        Assert.Matches(@"POST /sessions/create 201 \d+\.\dms " + System.Text.RegularExpressions.Regex.Escape(requestId), line);
        Assert.Single(log.Split('\n'), l => l.Contains("GET /sessions/list 200"));
        Assert.Equal(1, log.Split(key).Length - 1); // printed once at start, never logged

        server.Process.Kill();
        await server.Process.WaitForExitAsync();
        var again = await StartAsync();
        Assert.DoesNotContain("ek_", Text(again.Output));
    }

    [Fact]
    public async Task SIGTERM_under_load_drains_with_readyz_503_then_stops_with_no_reset_and_no_lost_write()
    {
        const string key = "drain-test-key-0123456789";
        var server = await StartAsync(new() { ["ENGRAM_API_KEY"] = key, ["Engram__Shutdown__DrainSeconds"] = "5" });
        var api = new Api(_http, server.Address, key, "default");
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var closedDuringDrain = 0;
        var balancerSawNotReady = new TaskCompletionSource();
        // Eight keep-alive clients behind a load balancer: they write until the balancer sees the
        // node not ready, then a few writes more (a balancer takes a probe or two to react).
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var afterNotReady = 0;
            for (var i = 0; afterNotReady < 10; i++)
            {
                var id = $"drain-w{w}-{i}";
                try
                {
                    var response = await api.PostAsync("/sessions/create", Api.Json(new { id }));
                    if (response.Status != HttpStatusCode.Created)
                    {
                        failures.Add($"{id}: {(int)response.Status} {response.Raw}");
                        return;
                    }
                    acknowledged.Add(id);
                    if (balancerSawNotReady.Task.IsCompleted)
                    {
                        afterNotReady++;
                        if (response.Message.Headers.ConnectionClose == true)
                        {
                            Interlocked.Increment(ref closedDuringDrain);
                        }
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Add($"{id}: {e.HttpRequestError} {e.Message}");
                    return;
                }
            }
        })).ToArray();
        while (acknowledged.Count < 200 && failures.IsEmpty)
        {
            await Task.Delay(20);
        }

        using (var kill = Process.Start("kill", ["-TERM", server.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        while ((await _http.GetAsync(new Uri(server.Address, "/readyz"))).StatusCode == HttpStatusCode.OK)
        {
            await Task.Delay(20);
        }
        var notReady = await _http.GetAsync(new Uri(server.Address, "/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("""{"error":"Shutting down","status":"unavailable"}""", await notReady.Content.ReadAsStringAsync());
        balancerSawNotReady.SetResult();
        await Task.WhenAll(writers);
        await server.Process.WaitForExitAsync();

        Assert.Empty(failures);
        Assert.Equal(0, server.Process.ExitCode);
        Assert.Equal(8 * 10, closedDuringDrain); // every answer during the drain closed its connection
        var again = await StartAsync(new() { ["ENGRAM_API_KEY"] = key });
        var reader = new Api(_http, again.Address, key, "default");
        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/sessions/get/{id}")).Status);
        }
    }

    [Fact]
    public async Task ENGRAM_API_KEY_makes_sure_that_key_exists_for_the_default_account()
    {
        var server = await StartAsync(new() { ["ENGRAM_API_KEY"] = "my-own-secret-key-0123456789" });
        Assert.DoesNotContain("ek_", Text(server.Output));
        var response = await new Api(_http, server.Address, "my-own-secret-key-0123456789", "default").PostAsync("/sessions/create");
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("default", response.Data.GetProperty("userID").GetString());
    }

    [Fact]
    public async Task Every_acknowledged_session_and_message_survives_kill_9_at_any_moment()
    {
        const string key = "kill-test-key-0123456789";
        var acknowledged = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            var server = await StartAsync(new() { ["ENGRAM_API_KEY"] = key });
            var api = new Api(_http, server.Address, key, "default");
            if (round == 0)
            {
                await api.CreateSessionAsync(new { id = "s" });
            }
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = $"r{round}-w{w}-{i}";
                    try
                    {
                        // Half the writers create sessions, half add messages to one session.
                        var response = w % 2 == 0
                            ? await api.PostAsync("/sessions/create", Api.Json(new { id }))
                            : await api.PostAsync("/messages/create", Api.Json(new { sessionID = "s", role = "user", content = id, id }));
                        if (response.Status == HttpStatusCode.Created)
                        {
                            lock (acknowledged)
                            {
                                acknowledged.Add(id);
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToArray();
            await Task.Delay(700 + 300 * round);
            server.Process.Kill(); // SIGKILL: no shutdown, no flush
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await server.Process.WaitForExitAsync();
        }

        var final = await StartAsync(new() { ["ENGRAM_API_KEY"] = key });
        var api2 = new Api(_http, final.Address, key, "default");
        var stored = (await Walker.AllAsync(api2, "/messages/list", "messages", "sessionID=s"))
            .Concat(await Walker.AllAsync(api2, "/sessions/list", "sessions")).ToHashSet();
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, id => Assert.Contains(id, stored));

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database}");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    [Fact]
    public async Task A_start_says_which_database_and_address_and_the_old_key_name_still_works_with_a_warning()
    {
        const string key = "old-name-server-key-0123456789";
        var server = await StartAsync(new() { ["ENGRAM_API_KEY"] = key });
        await Task.Delay(200); // the address line is written as the server starts listening
        var lines = Text(server.Output).Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains($"Database: SQLite {Database} (new, created now)", lines);
        Assert.Contains($"Listening on {server.Address.ToString().TrimEnd('/')}", lines);
        Assert.Contains($"The configured API key (prefix {key[..10]}) was added for the account 'default'.", lines);
        Assert.Contains(lines, l => l.StartsWith("engram: warning: ENGRAM_API_KEY as the server's key is deprecated; set ENGRAM_SERVER_API_KEY"));
        Assert.DoesNotContain(key, Text(server.Output));
        var response = await new Api(_http, server.Address, key, "default").PostAsync("/sessions/create");
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
