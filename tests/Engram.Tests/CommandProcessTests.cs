using System.Diagnostics;

namespace Engram.Tests;

/// The executable's answers that end without a server: help, version, usage mistakes, a refused setting.
public sealed class CommandProcessTests
{
    /// The executable run to its end: exit code, standard output and standard error.
    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "engram.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("ENGRAM_API_KEY");
        start.Environment.Remove("ENGRAM_DATABASE");
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output, await error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("sessions", "--help")]
    [InlineData("keys", "list", "--help")]
    [InlineData("--version")]
    public async Task Help_and_version_print_to_standard_output_and_exit_0(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.Equal(0, exit);
        Assert.StartsWith("engram ", output);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("engram: unknown command 'frob' (expected serve, keys, webhooks, sessions, messages, users, files, memories, ask or help)", "frob")]
    [InlineData("engram: unknown argument 'extra' (engram serve --help lists the options)", "serve", "extra")]
    [InlineData("engram: unknown command 'frob' (expected serve, keys, webhooks, sessions, messages, users, files, memories, ask)", "help", "frob")]
    public async Task An_unknown_argument_is_one_line_and_exit_2(string line, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Equal(line, error.Trim());
        Assert.Empty(output);
    }

    [Fact]
    public async Task A_key_shorter_than_24_characters_stops_the_start_without_showing_it()
    {
        var database = Path.Combine(Path.GetTempPath(), "engram-short-key-" + Guid.NewGuid().ToString("N"), "engram.db");
        var (exit, output, error) = await RunAsync(["serve", "--database", database], new() { ["ENGRAM_SERVER_API_KEY"] = "short-secret" });
        Assert.Equal(1, exit);
        Assert.Equal("engram: ENGRAM_SERVER_API_KEY must be at least 24 characters, not 12 (engram keys create makes one)", error.Trim());
        Assert.DoesNotContain("short-secret", output + error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database)));
    }
}
