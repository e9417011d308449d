using System.Runtime.InteropServices;

namespace Engram.Embeddings;

/// Work that should only take the CPU the requests leave: ingestion's embeddings. On Linux each run
/// gets a thread of its own in the SCHED_IDLE class, and the threads it starts (ONNX Runtime's) inherit
/// it: idle cores still run it at full speed, and a request's thread that wakes always runs first.
/// Measured (BENCHMARKS.md, "Live ingestion and message creates"): with the embedding at normal
/// priority, a memory following a session live cut POST /messages/create to 0.57x; at nice 10 to
/// 0.67x (the creates are bound by how soon each continuation runs, not by CPU share); in SCHED_IDLE
/// 0.92-0.97x, with the memory caught up as fast as before. Elsewhere than Linux it runs at normal priority.
internal static class BackgroundThread
{
    private const int SchedIdle = 5;

    public static Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Lower();
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "engram-background" };
        thread.Start();
        return done.Task;
    }

    private static void Lower()
    {
        if (OperatingSystem.IsLinux())
        {
            // pid 0 is the calling thread. Lowering needs no privilege; best effort all the same:
            // a failure leaves this thread at normal priority, which is how it ran before.
            var priority = 0;
            _ = SetScheduler(0, SchedIdle, ref priority);
        }
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetScheduler(int pid, int policy, ref int priority);
}
