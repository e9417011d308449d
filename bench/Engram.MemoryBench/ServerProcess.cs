using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Engram.MemoryBench;

/// `engram serve` as its own process on 127.0.0.1, the way it runs in production, so the figures
/// include Kestrel, the request pipeline and the process's own memory. Its log goes to a file.
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri baseAddress, long launchedAt)
    {
        this.process = process;
        BaseAddress = baseAddress;
        LaunchedAt = launchedAt;
    }

    public Uri BaseAddress { get; }

    /// When the process was started (a Stopwatch timestamp), for start-up times.
    public long LaunchedAt { get; }
    public int Id => process.Id;

    public static async Task<ServerProcess> StartAsync(string serverDll, string database, string logFile)
    {
        var port = FreePort();
        var urls = $"http://127.0.0.1:{port}";
        // exec: the shell becomes the server, so the pid (and /proc/pid) are the server's own.
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"$0\" serve --urls {urls} >\"$1\" 2>&1", serverDll, logFile]);
        start.Environment["ENGRAM_DATABASE"] = database;
        var launchedAt = Stopwatch.GetTimestamp();
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the server"), new Uri(urls + "/"), launchedAt);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        for (var attempt = 0; attempt < 1_500; attempt++)
        {
            if (server.process.HasExited)
            {
                throw new InvalidOperationException($"the server stopped at start: {await File.ReadAllTextAsync(logFile)}");
            }
            try
            {
                if ((await client.GetAsync(new Uri("healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(20); // fine-grained: the start-up phase times this
        }
        throw new InvalidOperationException("the server did not answer /healthz within 30 s");
    }

    /// The server's CPU time so far, user and system.
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// Peak resident memory (VmHWM) since the start or the last <see cref="ResetPeakMemory"/>, in MB.
    public long PeakMegabytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// Resident memory now (VmRSS), in MB.
    public long ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// VmHWM back to the current RSS, so the next peak is the next phase's own.
    public void ResetPeakMemory() => File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
