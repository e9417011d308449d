namespace Engram.Graph;

// The wire shapes of inspectable memory (extension): what a memory learnt, as lists.

/// `type` is one of person place organization product date title other.
public sealed record Entity(string Id, string MemoryID, string Name, string Type, IReadOnlyList<string> Aliases, long FactCount,
    DateTime CreatedAt, DateTime UpdatedAt);

public sealed record EntityList(IReadOnlyList<Entity> Entities, string? NextToken, string? PreviousToken, int Count);

/// `entities` are the names the fact connects; `sourceID` the file or message it was learnt from.
public sealed record Fact(string Id, string MemoryID, string Content, IReadOnlyList<string> Entities, string? Relation, DateTime? ValidAt,
    string SampleID, string? SourceID, DateTime CreatedAt);

public sealed record FactList(IReadOnlyList<Fact> Facts, string? NextToken, string? PreviousToken, int Count);
