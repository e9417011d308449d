using Engram.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace Engram.Tests;

/// The packaged model written to a file and loaded from its path gives the package's own vectors,
/// and the file is written once, rewritten when damaged, and skipped when it cannot be written.
public sealed class ModelFileTests : IDisposable
{
    private static readonly PackagedModel Model = PackagedModel.ArcticXs;
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"engram-model-tests-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_file_loaded_encoder_gives_the_packages_vectors()
    {
        var random = new Random(14);
        var words = new[] { "memory", "lake", "sunrise", "naïve", "東京", "42", "support", "group", "marathon", "," };
        string[] texts =
        [
            "",
            " ",
            "a",
            "Caroline painted a sunrise over the lake yesterday.",
            "東京でカフェに行きました — naïve café, Привет мир, emoji 🙂 and ümlauts",
            // Past the model's 512 tokens, where the package's tokenizer cuts the list.
            string.Join(' ', Enumerable.Range(0, 900).Select(_ => words[random.Next(words.Length)])),
        ];
        var path = ModelFile.TryWrite(Model.FilePackage!, Model.Name, directory);
        Assert.NotNull(path);
        using var package = (IDisposable)Model.CreateEncoder(new SessionOptions());
        using var fromFile = new FileModelEncoder(path, Model.CreateTokenizer(), new SessionOptions());
        var packageEncoder = (SentenceTransformers.ISentenceEncoder)package;

        // One batch (every text padded to the longest) and each text alone.
        var expected = packageEncoder.Encode(texts);
        var actual = fromFile.Encode(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(384, actual[i].Length);
            Assert.True(MaxDifference(expected[i], actual[i]) <= 1e-5, $"text {i}: {MaxDifference(expected[i], actual[i])}");
            var alone = fromFile.Encode([texts[i]])[0];
            var packageAlone = packageEncoder.Encode([texts[i]])[0];
            Assert.True(MaxDifference(packageAlone, alone) <= 1e-5, $"text {i} alone: {MaxDifference(packageAlone, alone)}");
        }
    }

    [Fact]
    public void Writes_the_file_once_and_rewrites_one_of_the_wrong_size()
    {
        var path = ModelFile.TryWrite(Model.FilePackage!, Model.Name, directory);
        Assert.NotNull(path);
        var length = new FileInfo(path).Length;
        var written = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, written.AddHours(-1));

        Assert.Equal(path, ModelFile.TryWrite(Model.FilePackage!, Model.Name, directory));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(path)); // reused, not rewritten

        using (var damaged = new FileStream(path, FileMode.Open))
        {
            damaged.SetLength(length / 2); // as a copy cut short by a full disk would be
        }
        Assert.Equal(path, ModelFile.TryWrite(Model.FilePackage!, Model.Name, directory));
        Assert.Equal(length, new FileInfo(path).Length);
        Assert.Single(Directory.GetFiles(directory)); // no partial file left behind
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        }
    }

    [Fact]
    public async Task Falls_back_to_the_package_when_the_directory_cannot_be_written()
    {
        // A directory under a regular file cannot be made, even by root (chmod would not stop root).
        Directory.CreateDirectory(directory);
        var blocker = Path.Combine(directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");
        var unwritable = Path.Combine(blocker, "models");
        Assert.Null(ModelFile.TryWrite(Model.FilePackage!, Model.Name, unwritable));

        using var embedder = new OnnxEmbedder(Model, unwritable);
        var vector = await embedder.EmbedQueryAsync("where is the lake", CancellationToken.None);
        Assert.Null(embedder.ModelPath);
        Assert.Equal(384, vector.Length);
    }

    [Fact]
    public void Refuses_a_directory_others_can_write_to()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix modes only");
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | UnixFileMode.OtherWrite);
            Assert.Null(ModelFile.TryWrite(Model.FilePackage!, Model.Name, directory));
        }
    }

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b).Max(pair => Math.Abs(pair.First - pair.Second));
}
