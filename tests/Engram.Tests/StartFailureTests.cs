using System.Diagnostics;
using System.Net.Sockets;

namespace Engram.Tests;

/// The real executable refusing to start: a bad setting or a taken port is one clear line and an
/// exit status, never a stack; and the build it runs is the one BENCHMARKS.md measured.
public sealed class StartFailureTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("engram-start-").FullName;

    private string Database => Path.Combine(_directory, "engram.db");

    [Theory]
    [InlineData(2, "engram: unknown option --bogus", "--bogus", "x")]
    [InlineData(1, "engram: --urls / ENGRAM_URLS: 'notaurl' is not an http:// or https:// address", "--urls", "notaurl")]
    [InlineData(1, "engram: --rate-limit / ENGRAM_RATE_LIMIT must be a whole number of requests per second, not 'fast'", "--rate-limit", "fast")]
    public async Task A_bad_setting_stops_the_start_with_one_clear_line(int exitCode, string line, string option, string value)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _directory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "engram.dll"), "serve", option, value, "--database", Database })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Equal(line, error.Trim());
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_port_in_use_stops_the_start_with_one_clear_line()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _directory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "engram.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--database", Database })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ENGRAM_API_KEY"] = "port-test-key-0123456789";
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.StartsWith("engram: ", error.Trim());
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public void The_executable_runs_on_workstation_GC()
    {
        // The SDK's web default is server GC, and a misspelt MSBuild property once kept it on
        // without any error; BENCHMARKS.md has what server GC costs on two cores.
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "engram.runtimeconfig.json"));
        var properties = System.Text.Json.JsonDocument.Parse(config).RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }

    public void Dispose()
    {
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
