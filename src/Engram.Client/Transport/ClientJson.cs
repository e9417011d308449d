using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engram.Client;

/// `{"status":"success","data":...}`: only `data` matters to the caller.
internal sealed record DataEnvelope<T>([property: JsonPropertyName("data")] T? Data);

/// The contract's error body, `{"error":"...","status":"..."}`.
internal sealed record ErrorBody(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("status")] string? Status);

/// Source-generated serializers for every type the client sends or reads: no reflection, trimmable.
/// Unset request fields are left out rather than sent as null, so duohub sees only what was given.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(CreateSessionRequest))]
[JsonSerializable(typeof(CreateMessageRequest))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(DataEnvelope<Session>))]
[JsonSerializable(typeof(DataEnvelope<SessionList>))]
[JsonSerializable(typeof(DataEnvelope<Message>))]
[JsonSerializable(typeof(DataEnvelope<MessageList>))]
[JsonSerializable(typeof(DataEnvelope<User>))]
[JsonSerializable(typeof(DataEnvelope<UserList>))]
[JsonSerializable(typeof(UploadUrlRequest))]
[JsonSerializable(typeof(CreateFileRequest))]
[JsonSerializable(typeof(CreateMemoryRequest))]
[JsonSerializable(typeof(AddFilesRequest))]
[JsonSerializable(typeof(MemoryIdBody))]
[JsonSerializable(typeof(DataEnvelope<UploadTicket>))]
[JsonSerializable(typeof(DataEnvelope<FileRecord>))]
[JsonSerializable(typeof(DataEnvelope<FileList>))]
[JsonSerializable(typeof(DataEnvelope<Memory>))]
[JsonSerializable(typeof(DataEnvelope<MemoryList>))]
[JsonSerializable(typeof(DataEnvelope<Sample>))]
[JsonSerializable(typeof(DataEnvelope<SampleList>))]
[JsonSerializable(typeof(DataEnvelope<EntityList>))]
[JsonSerializable(typeof(DataEnvelope<FactList>))]
[JsonSerializable(typeof(DataEnvelope<IngestionStarted>))]
[JsonSerializable(typeof(MemoryAnswer))]
internal sealed partial class ClientJson : JsonSerializerContext;
