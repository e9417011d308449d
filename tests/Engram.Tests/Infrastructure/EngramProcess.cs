using System.Diagnostics;
using System.Net.Sockets;

namespace Engram.Tests.Infrastructure;

/// `engram serve` in a process of its own, as an operator runs it: for several nodes on one
/// database and for kill -9. Everything it prints is kept, so a test can read its log lines.
public sealed class EngramProcess : IAsyncDisposable
{
    /// The key every test process makes sure exists for the account `default`.
    public const string Key = "process-test-key-0123456789abcdef";

    private static readonly HttpClient Http = new();
    private readonly Process _process;
    private readonly StringWriter _output = new();

    public Uri Address { get; }

    public Api Api => new(Http, Address, Key, "default");

    /// The server's process id (the shell that started it exec'd into it).
    public int Id => _process.Id;

    private EngramProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// Starts a node on `database` and waits until /readyz answers. `settings` are extra
    /// environment variables in the framework's form (`Engram__Ingestion__Workers`); `program` is the
    /// engram.dll to run (by default the one built beside the tests). With `ignoreFileSizeLimit`, the
    /// process ignores SIGXFSZ, so a write past a lowered file-size limit (prlimit --fsize) fails with
    /// EFBIG, as on a full disk, instead of killing it: an ignored signal stays ignored across exec.
    public static async Task<EngramProcess> StartAsync(string database, string directory, IReadOnlyDictionary<string, string>? settings = null,
        string? program = null, bool ignoreFileSizeLimit = false)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(ignoreFileSizeLimit ? "bash" : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory,
        };
        if (ignoreFileSizeLimit)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("trap '' XFSZ; exec dotnet \"$@\"");
            start.ArgumentList.Add("engram");
        }
        foreach (var arg in new[] { program ?? Path.Combine(AppContext.BaseDirectory, "engram.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--database", database })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("ENGRAM_API_KEY");
        start.Environment.Remove("ENGRAM_DATABASE");
        start.Environment["ENGRAM_SERVER_API_KEY"] = Key;
        // The pages, webhook receivers and model endpoints tests start are on loopback.
        start.Environment["Engram__Ingestion__AllowPrivateNetworks"] = "true";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var node = new EngramProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        node._process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await Http.GetAsync(new Uri(node.Address, "/readyz"))).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException) when (attempt < 600 && !node._process.HasExited)
            {
            }
            await Task.Delay(100);
        }
    }

    /// The operating system's id of the server's process.
    public int ProcessId => _process.Id;

    /// What the process printed so far.
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// SIGKILL: no shutdown, no flush, leases left held.
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
    }

    private void Keep(string? line)
    {
        lock (_output)
        {
            _output.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
