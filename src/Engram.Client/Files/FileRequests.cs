using System.Text.Json.Serialization;

namespace Engram.Client;

/// <summary>
/// The body of <see cref="FilesClient.CreateAsync"/>: a file record for a URL (<see cref="ExternalUri"/>)
/// or for bytes already uploaded (<see cref="Key"/>; <see cref="FilesClient.UploadAsync(UploadFileRequest, CancellationToken)"/>
/// does both steps).
/// </summary>
public sealed record CreateFileRequest
{
    /// <summary>The file's name: 1-512 characters.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>An absolute http or https URL, fetched at ingestion.</summary>
    [JsonPropertyName("externalURI")] public string? ExternalUri { get; init; }

    /// <summary>An <see cref="UploadTicket.Key"/> whose bytes were PUT.</summary>
    [JsonPropertyName("key")] public string? Key { get; init; }

    /// <summary>One of <see cref="FileTypes"/>; from the extension for an upload, <c>website</c> for a URL, when null.</summary>
    [JsonPropertyName("fileType")] public string? FileType { get; init; }

    /// <summary>The id to give the file; the server generates one when null.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
}

/// <summary>What <see cref="FilesClient.UploadAsync(UploadFileRequest, CancellationToken)"/> uploads.</summary>
public sealed record UploadFileRequest
{
    /// <summary>
    /// The bytes, read from the current position to the end; not disposed. A stream that can seek is
    /// sent again when the upload is retried; one that cannot is sent once.
    /// </summary>
    public required Stream Content { get; init; }

    /// <summary>The file's name with its extension (<c>notes.txt</c>): the extension sets the type; no <c>/</c> or <c>\</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>The name of the file record; <see cref="FileName"/> when null.</summary>
    public string? Name { get; init; }

    /// <summary>One of <see cref="FileTypes"/>; from the extension when null.</summary>
    public string? FileType { get; init; }

    /// <summary>The id to give the file; the server generates one when null.</summary>
    public string? Id { get; init; }
}

/// <summary>Which page of files <see cref="FilesClient.ListAsync"/> asks for.</summary>
public sealed record ListFilesRequest : IListRequest<ListFilesRequest>
{
    /// <summary>Only the files of this category: one of <see cref="FileCategories"/>.</summary>
    public string? Category { get; init; }

    /// <summary>Files per page, 1-100; the server's default (10) when null.</summary>
    public int? Limit { get; init; }

    /// <summary>A <see cref="FileList.NextToken"/>: the page after that one.</summary>
    public string? NextToken { get; init; }

    /// <summary>A <see cref="FileList.PreviousToken"/>: the page before that one.</summary>
    public string? PreviousToken { get; init; }

    ListFilesRequest IListRequest<ListFilesRequest>.At(string? nextToken, string? previousToken) =>
        this with { NextToken = nextToken, PreviousToken = previousToken };
}

/// The body of POST /files/upload.
internal sealed record UploadUrlRequest([property: JsonPropertyName("fileName")] string FileName);
