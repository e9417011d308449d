namespace Engram.Operations;

/// Whether this process has done, since it started, what its first queries would otherwise wait
/// for: the IndexWarmer's pass, which loads the recent memories' indexes and waits for the packaged
/// embedding model when the database holds a memory. `GET /readyz?warm=true` is 503 until then.
public sealed class Warmup
{
    private volatile bool done;

    public bool IsDone => done;

    public void Done() => done = true;
}
