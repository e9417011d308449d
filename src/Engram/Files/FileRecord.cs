namespace Engram.Files;

/// A file as the wire shows it (duohub's shape). `BronzeKey` is the upload key; `UserID` and
/// `OrganisationID` are both the account; `Length` and `Tokens` stay null until the file has been
/// ingested once.
public sealed record FileRecord(
    string Id, string Name, string Extension, string FileType, string Category, string? BronzeKey, string? ExternalURI,
    string UserID, string OrganisationID, long? Size, long? Length, long? Tokens, int? NumSpeakers, string OriginRegion,
    DateTime CreatedAt, DateTime UpdatedAt);

public sealed record FileList(IReadOnlyList<FileRecord> Files, string? NextToken, string? PreviousToken, int Count);

/// The answer to POST /files/upload.
public sealed record UploadTicket(string UploadUrl, string Key);

/// `{"status":"success"}`, the answer to an upload PUT.
public sealed record UploadDone(string Status);
