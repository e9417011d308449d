using System.Text.Json;
using System.Text.Json.Serialization;
using Engram.Client;
using Engram.Json;

namespace Engram.Cli;

/// `--json` output: the client's records under their wire names, nulls kept and timestamps in the
/// wire's millisecond format, so a script reads what the API itself would have sent.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(Session))]
[JsonSerializable(typeof(SessionList))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(MessageList))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(FileRecord))]
[JsonSerializable(typeof(FileList))]
[JsonSerializable(typeof(Memory))]
[JsonSerializable(typeof(MemoryList))]
[JsonSerializable(typeof(Sample))]
[JsonSerializable(typeof(SampleList))]
[JsonSerializable(typeof(Entity))]
[JsonSerializable(typeof(EntityList))]
[JsonSerializable(typeof(Fact))]
[JsonSerializable(typeof(FactList))]
[JsonSerializable(typeof(IngestionStarted))]
[JsonSerializable(typeof(MemoryAnswer))]
[JsonSerializable(typeof(DeletedRecord))]
internal sealed partial class CliJson : JsonSerializerContext;

/// What `delete --json` prints: the API answers only a sentence, so the CLI says which record went.
internal sealed record DeletedRecord(string Id, bool Deleted);
