using System.Text.Json;
using System.Text.Json.Serialization;
using Engram.Errors;
using Engram.Messages;
using Engram.Operations;
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
public sealed partial class EngramJson : JsonSerializerContext;
