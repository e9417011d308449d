using Engram.Errors;
using Engram.Validation;

namespace Engram.Files;

/// POST /files/upload: `fileName`, required, without / or \ (it becomes the key's last segment).
public sealed record UploadRequest(string FileName)
{
    public const int MaxFileNameLength = 255;

    public static readonly BodyRules Body = new();
    private static readonly TextField FileNameText = Field.Text("fileName", 1, MaxFileNameLength,
        "The file's name; its extension is kept in the upload key") with
    {
        Check = name => !name.Contains('/', StringComparison.Ordinal) && !name.Contains('\\', StringComparison.Ordinal),
        Error = $"fileName must be 1-{MaxFileNameLength} characters without / or \\",
    };
    private static readonly RequiredField<string> FileNameField = Body.Add(FileNameText.Required());

    public static ApiError? TryParse(HttpContext context, out UploadRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(FileNameField, out var fileName)) is not null)
        {
            return error;
        }
        request = new UploadRequest(fileName);
        return null;
    }
}

/// POST /files/create: `name` required; `key` (an uploaded key) or `externalURI` (alias `external_uri`);
/// `fileType` and `id` optional.
public sealed record FileCreateRequest(string? Id, string Name, string? Key, string? ExternalUri, string? FileType)
{
    public const int MaxNameLength = 512;
    public const int MaxKeyLength = 1024;
    public static readonly ApiError KeyOrUriRequired = ApiError.BadRequest("key or externalURI is required");

    public static readonly BodyRules Body = new();
    private static readonly RequiredField<string> NameField = Body.Add(Field.Text("name", 1, MaxNameLength, "The file's name").Required());
    private static readonly TextField KeyField = Body.Add(Field.Text("key", 1, MaxKeyLength, "The key from POST /files/upload, once its bytes are PUT"));
    private static readonly TextField UriField = Body.Add(Field.Url("externalURI", "A web page, sitemap or site to ingest"));
    private static readonly TextField UriAliasField = Body.Add(Field.Url("external_uri", "Alias of externalURI") with
    {
        Error = "externalURI must be an absolute http or https URL",
    });
    private static readonly TextField FileTypeField = Body.Add(Field.OneOf("fileType", FileTypes.All,
        "Default: from the upload's extension, or website for an externalURI"));
    private static readonly TextField IdField = Body.Add(Field.Id("id", "Generated when absent"));

    public static ApiError? TryParse(HttpContext context, out FileCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(NameField, out var name)) is not null
            || (error = fields.Read(KeyField, out var key)) is not null
            || (error = fields.Read(UriField, out var uri)) is not null
            || (error = fields.Read(UriAliasField, out var uriAlias)) is not null
            || (error = fields.Read(FileTypeField, out var fileType)) is not null
            || (error = fields.Read(IdField, out var id)) is not null)
        {
            return error;
        }
        uri ??= uriAlias;
        if (key is null && uri is null)
        {
            return KeyOrUriRequired;
        }
        request = new FileCreateRequest(id, name, key, uri, fileType);
        return null;
    }
}
