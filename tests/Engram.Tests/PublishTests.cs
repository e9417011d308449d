using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Engram.Tests;

/// The container's build, without a container engine (none runs here): the Dockerfile's own
/// `dotnet publish` command, run as written but into a temporary folder, and the binary it writes
/// started as the image starts it, answering /healthz and a keyed request.
public sealed partial class PublishTests
{
    [Fact]
    public async Task The_Dockerfiles_publish_command_makes_a_server_that_starts()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository!.FullName, "Engram.slnx")))
        {
            repository = repository.Parent;
        }
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(repository.FullName, "Dockerfile"), TestContext.Current.CancellationToken);
        var command = PublishLine().Match(dockerfile);
        Assert.True(command.Success, "the Dockerfile has no `RUN dotnet publish … -o /app` line");

        var output = Directory.CreateTempSubdirectory("engram-publish-");
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in command.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                start.ArgumentList.Add(argument == "/app" ? output.FullName : argument);
            }
            using (var publish = Process.Start(start)!)
            {
                var printed = publish.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
                var errors = publish.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
                await publish.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await printed}\n{await errors}");
            }

            await using var node = await EngramProcess.StartAsync(Path.Combine(output.FullName, "engram.db"), output.FullName,
                program: Path.Combine(output.FullName, "engram.dll"));
            Assert.Equal(HttpStatusCode.OK, (await node.Api.GetAsync("/healthz")).Status);
            Assert.Equal(HttpStatusCode.OK, (await node.Api.GetAsync("/sessions/list")).Status);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^RUN dotnet (?<arguments>publish .* -o /app.*)$", RegexOptions.Multiline)]
    private static partial Regex PublishLine();
}
