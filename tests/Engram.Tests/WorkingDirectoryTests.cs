namespace Engram.Tests;

/// `engram serve` started where its database lives (the default, ./data/engram.db, is under it). The host's own
/// configuration used to watch that directory, and every WAL write woke the watcher (10-15% of
/// the server's CPU on creates, BENCHMARKS "The sessions API after the memory half (3 December)").
public sealed class WorkingDirectoryTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engram-cwd-" + Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_server_with_its_database_in_its_working_directory_watches_no_files()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // inotify descriptors are read from /proc
        }
        await using var node = await EngramProcess.StartAsync(Path.Combine(_directory, "engram.db"), _directory);
        var created = await node.Api.PostAsync("/sessions/create", """{"customerUserID":"cust-1"}""");
        Assert.Equal(System.Net.HttpStatusCode.Created, created.Status);

        var watchers = Directory.GetFiles($"/proc/{node.ProcessId}/fd")
            .Count(fd => new FileInfo(fd).LinkTarget == "anon_inode:inotify");
        Assert.Equal(0, watchers);
    }
}
