using System.Runtime.InteropServices;

namespace Engram.Embeddings;

/// Hands freed native memory back to the system. ONNX Runtime parses the model file into buffers
/// it frees once the session holds the weights; glibc keeps those pages in its heap for reuse.
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to trim this way.
        }
    }

    // DllImport, not LibraryImport: the generated stub would need unsafe code for one int call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
