using System.Text.Json.Serialization;
using Engram.Json;

namespace Engram.Sessions;

/// A session as duohub sends it. `UserID` is the account that owns it.
public sealed record Session(
    string Id,
    string UserID,
    string? CustomerUserID,
    [property: JsonConverter(typeof(MetadataConverter))] IReadOnlyList<MetadataItem> Metadata,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? DeletedAt,
    DateTime? EndedAt);

public sealed record MetadataItem(string Key, string Value);

public sealed record SessionList(IReadOnlyList<Session> Sessions, string? NextToken, string? PreviousToken, int Count);
