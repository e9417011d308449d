using Engram.Client;

namespace Engram.Cli;

/// `engram files upload|add-url|list|get|delete`.
internal static class FilesCommand
{
    public static (string[] Options, string[] Flags)? OptionsFor(string verb) => verb switch
    {
        "upload" or "add-url" => (["--name", "--type", "--id"], []),
        "list" => (["--category", "--limit", "--next", "--previous"], ["--all"]),
        "get" or "delete" => ([], []),
        _ => null,
    };

    public static async Task<int> RunAsync(string verb, EngramClient client, CommandLine line, TextWriter output,
        CancellationToken cancellationToken)
    {
        var json = line.Flag("--json");
        switch (verb)
        {
            case "upload":
                var path = MemoryCommand.Positional(line, "files", 1, "one file path")[0];
                await using (var stream = File.OpenRead(path))
                {
                    await WriteAsync(output, json, await client.Files.UploadAsync(new UploadFileRequest
                    {
                        Content = stream,
                        FileName = Path.GetFileName(path),
                        Name = line.Option("--name"),
                        FileType = line.Option("--type"),
                        Id = line.Option("--id"),
                    }, cancellationToken));
                }
                return 0;
            case "add-url":
                var url = MemoryCommand.Positional(line, "files", 1, "one URL")[0];
                await WriteAsync(output, json, await client.Files.CreateAsync(new CreateFileRequest
                {
                    Name = line.Option("--name") ?? url,
                    ExternalUri = url,
                    FileType = line.Option("--type"),
                    Id = line.Option("--id"),
                }, cancellationToken));
                return 0;
            case "list":
                var request = new ListFilesRequest
                {
                    Category = line.Option("--category"),
                    Limit = ClientCommand.Limit(line),
                    NextToken = line.Option("--next"),
                    PreviousToken = line.Option("--previous"),
                };
                await ClientCommand.ListAsync(line, output,
                    () => client.Files.ListAllAsync(request, cancellationToken), () => client.Files.ListAsync(request, cancellationToken),
                    CliJson.Default.FileRecord, CliJson.Default.FileList, Table(output), file => WriteRowAsync(output, file));
                return 0;
            case "get":
                await WriteAsync(output, json, await client.Files.GetAsync(Id(line), cancellationToken));
                return 0;
            default:
                var id = Id(line);
                await client.Files.DeleteAsync(id, cancellationToken);
                await (json ? ClientCommand.WriteJsonAsync(output, new DeletedRecord(id, true), CliJson.Default.DeletedRecord)
                    : output.WriteLineAsync($"Deleted file {id} and what every memory drew from it."));
                return 0;
        }
    }

    private static string Id(CommandLine line) => MemoryCommand.Positional(line, "files", 1, "one file id")[0];

    private static TableWriter Table(TextWriter output) =>
        new(output, ("ID", 40), ("TYPE", 14), ("SIZE", 12), ("CREATED", 22), ("NAME", 0));

    private static Task WriteRowAsync(TextWriter output, FileRecord file) =>
        Table(output).WriteRowAsync(file.Id, file.FileType, Size(file.Size), TableWriter.Time(file.CreatedAt), file.Name);

    private static string Size(long? bytes) => bytes switch
    {
        null => "-",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MiB",
    };

    private static Task WriteAsync(TextWriter output, bool json, FileRecord file) => json
        ? ClientCommand.WriteJsonAsync(output, file, CliJson.Default.FileRecord)
        : TableWriter.WriteFieldsAsync(output,
            ("id", file.Id),
            ("name", file.Name),
            ("fileType", file.FileType),
            ("category", file.Category),
            ("externalURI", file.ExternalUri),
            ("size", Size(file.Size)),
            ("tokens", file.Tokens?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("createdAt", TableWriter.Time(file.CreatedAt)));
}
