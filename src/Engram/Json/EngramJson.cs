using System.Text.Json;
using System.Text.Json.Serialization;
using Engram.Errors;
using Engram.Files;
using Engram.Memories;
using Engram.Messages;
using Engram.Operations;
using Engram.Retrieval;
using Engram.Sessions;
using Engram.Users;

namespace Engram.Json;

/// Source-generated serializers for every wire type: no reflection on the request path.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(UtcMillisecondsConverter)])]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(Deleted))]
[JsonSerializable(typeof(MetadataItem[]))]
[JsonSerializable(typeof(Success<Session>))]
[JsonSerializable(typeof(Success<SessionList>))]
[JsonSerializable(typeof(Success<Message>))]
[JsonSerializable(typeof(Success<MessageList>))]
[JsonSerializable(typeof(Success<User>))]
[JsonSerializable(typeof(Success<UserList>))]
[JsonSerializable(typeof(Success<UploadTicket>))]
[JsonSerializable(typeof(UploadDone))]
[JsonSerializable(typeof(Success<FileRecord>))]
[JsonSerializable(typeof(Success<FileList>))]
[JsonSerializable(typeof(Success<Memory>))]
[JsonSerializable(typeof(Success<MemoryList>))]
[JsonSerializable(typeof(Success<Sample>))]
[JsonSerializable(typeof(Success<SampleList>))]
[JsonSerializable(typeof(Success<SessionSamples>))]
[JsonSerializable(typeof(IngestionStarted))]
[JsonSerializable(typeof(Done))]
[JsonSerializable(typeof(MemoryAnswer))]
[JsonSerializable(typeof(Success<Graph.EntityList>))]
[JsonSerializable(typeof(Success<Graph.FactList>))]
public sealed partial class EngramJson : JsonSerializerContext;
