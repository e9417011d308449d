using System.Globalization;
using Engram.Client;

namespace Engram.Cli;

/// `engram memories facts MEMORY [--entity X]` and `engram memories entities MEMORY`: what a memory learnt.
internal static class LearntCommand
{
    public static async Task<int> RunAsync(string verb, EngramClient client, CommandLine line, TextWriter output,
        CancellationToken cancellationToken)
    {
        var memory = MemoryCommand.Positional(line, "memories", 1, "one memory id")[0];
        if (verb == "entities")
        {
            var entities = new ListEntitiesRequest
            {
                MemoryId = memory, Limit = ClientCommand.Limit(line), NextToken = line.Option("--next"), PreviousToken = line.Option("--previous"),
            };
            await ClientCommand.ListAsync(line, output,
                () => client.Memories.ListAllEntitiesAsync(entities, cancellationToken), () => client.Memories.EntitiesAsync(entities, cancellationToken),
                CliJson.Default.Entity, CliJson.Default.EntityList, EntityTable(output),
                e => EntityTable(output).WriteRowAsync(e.Name, e.Type, e.FactCount.ToString(CultureInfo.InvariantCulture), string.Join(", ", e.Aliases)));
            return 0;
        }
        var facts = new ListFactsRequest
        {
            MemoryId = memory, Entity = line.Option("--entity"), Limit = ClientCommand.Limit(line), NextToken = line.Option("--next"),
            PreviousToken = line.Option("--previous"),
        };
        await ClientCommand.ListAsync(line, output,
            () => client.Memories.ListAllFactsAsync(facts, cancellationToken), () => client.Memories.FactsAsync(facts, cancellationToken),
            CliJson.Default.Fact, CliJson.Default.FactList, FactTable(output),
            f => FactTable(output).WriteRowAsync(f.ValidAt is { } at ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-",
                string.Join(", ", f.Entities), f.Content));
        return 0;
    }

    private static TableWriter EntityTable(TextWriter output) => new(output, ("NAME", 30), ("TYPE", 14), ("FACTS", 7), ("ALIASES", 0));

    private static TableWriter FactTable(TextWriter output) => new(output, ("VALID", 12), ("ENTITIES", 36), ("FACT", 0));
}
