using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Engram.Tests;

/// Engram.Client as users get it (issue #18): the packed .nupkg, referenced by version from a
/// separate project (samples/Engram.Client.Sample) through a nuget.config that names the folder,
/// built and run as its own process against a server this test starts, creating a session and a message.
/// CI packs the client once and names the folder in ENGRAM_TEST_CLIENT_PACKAGES; without it (a
/// local run) the test packs into a temporary folder itself, so the package is always checked.
public sealed partial class ClientPackageTests
{
    private const string Key = "client-package-test-key-0123456789";

    [Fact]
    public async Task The_packed_client_builds_into_a_separate_project_that_creates_a_session_and_a_message()
    {
        var repository = Repository();
        var work = Directory.CreateTempSubdirectory("engram-client-package-");
        try
        {
            var packages = Environment.GetEnvironmentVariable("ENGRAM_TEST_CLIENT_PACKAGES") is { Length: > 0 } fromCi
                ? fromCi
                : await PackAsync(repository, work.FullName);
            var nupkg = Directory.GetFiles(packages, "Engram.Client.*.nupkg").Select(Path.GetFileName).ToArray();
            var version = PackageVersion().Match(Assert.Single(nupkg)!).Groups["version"].Value;

            var sample = Path.Combine(work.FullName, "sample");
            Directory.CreateDirectory(sample);
            foreach (var file in Directory.GetFiles(Path.Combine(repository, "samples", "Engram.Client.Sample")))
            {
                File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
            }
            var restored = Path.Combine(work.FullName, "nuget-packages");
            await File.WriteAllTextAsync(Path.Combine(sample, "nuget.config"), NuGetConfig(packages, restored));

            await DotnetAsync(sample, ["build", "-c", "Release", $"--property:EngramClientVersion={version}"]);
            // The package came from the packed folder, not from a copy some earlier restore cached.
            Assert.True(Directory.Exists(Path.Combine(restored, "engram.client", version)), $"Engram.Client {version} was not restored from {packages}");

            var (app, address) = await EngramServer.StartAsync(Path.Combine(work.FullName, "engram.db"),
                adjust: settings => settings with { ApiKey = Key });
            await using (app)
            {
                var output = await DotnetAsync(sample, [Path.Combine(sample, "bin", "Release", "net10.0", "Engram.Client.Sample.dll")],
                    environment: new() { ["ENGRAM_URL"] = address.ToString(), ["ENGRAM_API_KEY"] = Key });
                var session = Regex.Match(output, @"^session (\S+)$", RegexOptions.Multiline).Groups[1].Value;
                var message = Regex.Match(output, @"^message (\S+)$", RegexOptions.Multiline).Groups[1].Value;

                var api = new Api(new HttpClient(), address, Key, "default");
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/sessions/get/{session}")).Status);
                var stored = await api.GetAsync($"/messages/get/{message}");
                Assert.Equal(HttpStatusCode.OK, stored.Status);
                var data = JsonDocument.Parse(stored.Raw).RootElement.GetProperty("data");
                Assert.Equal(session, data.GetProperty("sessionID").GetString());
                Assert.Equal("user", data.GetProperty("role").GetString());
                Assert.Equal("Hello from the Engram.Client sample", data.GetProperty("content").GetString());
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// Packs into `work` with its own build output, so the tree's bin/ and obj/ are left alone.
    private static async Task<string> PackAsync(string repository, string work)
    {
        var packages = Path.Combine(work, "packages");
        await DotnetAsync(repository, ["pack", Path.Combine("src", "Engram.Client", "Engram.Client.csproj"), "-c", "Release",
            "-o", packages, "--artifacts-path", Path.Combine(work, "artifacts")]);
        return packages;
    }

    /// Only two sources: the packed folder, the one place Engram.Client may come from, and the
    /// machine's package cache (a folder feed in the same layout) for its dependencies, which the
    /// repository's own restore put there. No network, and a private folder to restore into.
    private static string NuGetConfig(string packages, string restored)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{restored}" /></config>
              <packageSources>
                <clear />
                <add key="engram-client" value="{packages}" />
                <add key="machine-cache" value="{cache}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="engram-client"><package pattern="Engram.Client" /></packageSource>
                <packageSource key="machine-cache"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }

    /// Runs `dotnet` with `arguments` and returns what it printed; a failure shows all of it.
    private static async Task<string> DotnetAsync(string directory, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var printed = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await printed}\n{await errors}");
        return await printed;
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Engram.slnx")))
        {
            directory = directory.Parent;
        }
        return directory.FullName;
    }

    [GeneratedRegex(@"^Engram\.Client\.(?<version>\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex PackageVersion();
}
