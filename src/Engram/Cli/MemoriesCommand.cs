using System.Globalization;
using Engram.Client;

namespace Engram.Cli;

/// `engram memories create|add-files|delete-file|ingest|list|samples|facts|entities|get|delete`.
internal static class MemoriesCommand
{
    private const string Resource = "memories";

    public static (string[] Options, string[] Flags)? OptionsFor(string verb) => verb switch
    {
        "create" => (["--type", "--ontology", "--description", "--chunk-size", "--chunk-overlap", "--webhook", "--id"],
            ["--fact-extraction", "--acceleration"]),
        "ingest" => ([], ["--wait"]),
        "list" or "samples" or "entities" => (["--limit", "--next", "--previous"], ["--all"]),
        "facts" => (["--entity", "--limit", "--next", "--previous"], ["--all"]),
        "add-files" or "delete-file" or "get" or "delete" => ([], []),
        _ => null,
    };

    public static async Task<int> RunAsync(string verb, EngramClient client, CommandLine line, TextWriter output,
        CancellationToken cancellationToken)
    {
        var json = line.Flag("--json");
        switch (verb)
        {
            case "create":
                var created = await client.Memories.CreateAsync(new CreateMemoryRequest
                {
                    Name = MemoryCommand.Positional(line, Resource, 1, "one memory name")[0],
                    MemoryType = line.Option("--type") ?? throw new UsageException("memories create needs --type vector|graph"),
                    Ontology = line.Option("--ontology"),
                    Description = line.Option("--description"),
                    ChunkSize = MemoryCommand.Integer(line, "--chunk-size"),
                    ChunkOverlap = MemoryCommand.Integer(line, "--chunk-overlap"),
                    WebhookUrl = line.Option("--webhook"),
                    FactExtraction = line.Flag("--fact-extraction") ? true : null,
                    Acceleration = line.Flag("--acceleration") ? true : null,
                    Id = line.Option("--id"),
                }, cancellationToken);
                await WriteAsync(output, json, created);
                return 0;
            case "add-files":
                if (line.Positional is not [var memory, _, ..])
                {
                    throw new UsageException($"memories add-files: expected a memory and at least one file. {MemoryCommand.Usage(Resource)}");
                }
                var files = line.Positional[1..];
                var sample = await client.Memories.AddFilesAsync(new AddFilesRequest { MemoryId = memory, Files = files }, cancellationToken);
                await (json ? ClientCommand.WriteJsonAsync(output, sample, CliJson.Default.Sample)
                    : output.WriteLineAsync($"Added {files.Count} file(s) to memory {memory}; `engram memories ingest {memory}` ingests them."));
                return 0;
            case "delete-file":
                var pair = MemoryCommand.Positional(line, Resource, 2, "a memory and a file");
                await client.Memories.DeleteFileAsync(pair[0], pair[1], cancellationToken);
                await output.WriteLineAsync($"Took file {pair[1]} out of memory {pair[0]}.");
                return 0;
            case "ingest":
                return await IngestCommand.RunAsync(client, Id(line, "memory id"), line.Flag("--wait"), json, output, cancellationToken);
            case "list":
                var request = new ListMemoriesRequest
                {
                    Limit = ClientCommand.Limit(line),
                    NextToken = line.Option("--next"),
                    PreviousToken = line.Option("--previous"),
                };
                await ClientCommand.ListAsync(line, output,
                    () => client.Memories.ListAllAsync(request, cancellationToken), () => client.Memories.ListAsync(request, cancellationToken),
                    CliJson.Default.Memory, CliJson.Default.MemoryList, Table(output), m => WriteRowAsync(output, m));
                return 0;
            case "samples":
                var samples = new ListSamplesRequest
                {
                    MemoryId = Id(line, "memory id"),
                    Limit = ClientCommand.Limit(line),
                    NextToken = line.Option("--next"),
                    PreviousToken = line.Option("--previous"),
                };
                await ClientCommand.ListAsync(line, output,
                    () => client.Memories.ListAllSamplesAsync(samples, cancellationToken),
                    () => client.Memories.ListSamplesAsync(samples, cancellationToken),
                    CliJson.Default.Sample, CliJson.Default.SampleList, SampleTable(output), s => WriteSampleRowAsync(output, s));
                return 0;
            case "facts" or "entities":
                return await LearntCommand.RunAsync(verb, client, line, output, cancellationToken);
            case "get":
                await WriteAsync(output, json, await client.Memories.GetAsync(Id(line, "memory id"), cancellationToken));
                return 0;
            default:
                var id = Id(line, "memory id");
                await client.Memories.DeleteAsync(id, cancellationToken);
                await (json ? ClientCommand.WriteJsonAsync(output, new DeletedRecord(id, true), CliJson.Default.DeletedRecord)
                    : output.WriteLineAsync($"Deleted memory {id}; its files stay."));
                return 0;
        }
    }

    private static string Id(CommandLine line, string what) => MemoryCommand.Positional(line, Resource, 1, "one " + what)[0];

    private static TableWriter Table(TextWriter output) =>
        new(output, ("ID", 40), ("TYPE", 8), ("STATUS", 12), ("SAMPLES", 9), ("CHUNKS", 9), ("CREATED", 22), ("NAME", 0));

    private static Task WriteRowAsync(TextWriter output, Memory memory) =>
        Table(output).WriteRowAsync(memory.Id, memory.MemoryType, memory.Status, Count(memory.SampleCount), Count(memory.ChunkCount),
            TableWriter.Time(memory.CreatedAt), memory.Name);

    private static TableWriter SampleTable(TextWriter output) =>
        new(output, ("ID", 40), ("SOURCE", 40), ("STATUS", 12), ("TOKENS", 9), ("ERROR", 0));

    private static Task WriteSampleRowAsync(TextWriter output, Sample sample) =>
        SampleTable(output).WriteRowAsync(sample.Id, sample.FileId ?? sample.MessageId ?? "-", sample.Status,
            sample.Tokens is { } tokens ? Count(tokens) : "-", sample.Error ?? "");

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal static Task WriteAsync(TextWriter output, bool json, Memory memory) => json
        ? ClientCommand.WriteJsonAsync(output, memory, CliJson.Default.Memory)
        : TableWriter.WriteFieldsAsync(output,
            ("id", memory.Id),
            ("name", memory.Name),
            ("memoryType", memory.MemoryType),
            ("ontology", memory.Ontology),
            ("status", memory.Status),
            ("samples", Count(memory.SampleCount)),
            ("chunks", Count(memory.ChunkCount)),
            ("facts", Count(memory.FactCount)),
            ("entities", Count(memory.EntityCount)),
            ("chunkSize", Count(memory.ChunkSize)),
            ("chunkOverlap", Count(memory.ChunkOverlap)),
            ("webhookUrl", memory.WebhookUrl),
            ("createdAt", TableWriter.Time(memory.CreatedAt)));
}
