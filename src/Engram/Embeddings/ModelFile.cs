using System.Reflection;

namespace Engram.Embeddings;

/// The packaged ONNX model as a file, so ONNX Runtime can load it from a path. Loaded from the
/// package, the model is read out of its DLL into an 88-MB managed array that ONNX Runtime then
/// copies: both sit in memory during the load, which set the server's peak RSS (BENCHMARKS.md,
/// "Memory: the model read from a file"). The resource is streamed to the file once per DLL and
/// reused by every later start.
internal static class ModelFile
{
    /// $TMPDIR/engram-models-USER: per user, so one user never loads a file another wrote.
    public static string DefaultDirectory { get; } = Path.Combine(Path.GetTempPath(), $"engram-models-{Environment.UserName}");

    /// The model file's path, written if it is missing or of the wrong size; null when the
    /// directory cannot be written (a read-only container) or others may write to it, and the
    /// caller loads from the package.
    public static string? TryWrite(Assembly package, string modelName, string directory)
    {
        var resource = Array.Find(package.GetManifestResourceNames(), name => name.EndsWith(".model.onnx", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{package.GetName().Name} holds no model.onnx resource");
        using var model = package.GetManifestResourceStream(resource)!;
        // The DLL's module id changes with every build of the package, so an upgrade writes a new file.
        var path = Path.Combine(directory, $"{modelName}-{package.ManifestModule.ModuleVersionId:N}.onnx");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory); // Windows' temp directory is the user's own
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                if ((File.GetUnixFileMode(directory) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                {
                    return null; // a directory others can write to: they could swap the model
                }
            }
            if (new FileInfo(path) is { Exists: true } existing && existing.Length == model.Length)
            {
                return path;
            }
            // Written under a name of its own, then renamed: two processes starting together
            // each write a whole file, and neither ever loads a half-written one.
            var partial = Path.Combine(directory, $".{Guid.NewGuid():N}.partial");
            try
            {
                using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
                {
                    model.CopyTo(file);
                }
                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            return path;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
