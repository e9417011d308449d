using System.Text.Json;
using System.Text.Json.Nodes;
using Engram.Errors;
using Engram.Validation;
using Microsoft.OpenApi;

namespace Engram.Memories;

/// POST /memories/create, validated field by field; each bad field is a 400 that names it.
public sealed record MemoryCreateRequest(
    string? Id, string Name, string Description, string MemoryType, string? Ontology, int ChunkSize, int ChunkOverlap,
    string? WebhookUrl, bool Acceleration, bool FactExtraction)
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 4096;
    public static readonly string[] MemoryTypes = ["graph", "vector"];
    public static readonly string[] Ontologies = ["culture", "essays", "support_requests"];
    public static readonly ApiError OntologyRequired = ApiError.BadRequest("ontology is required for graph memory");

    public static readonly BodyRules Body = new();
    private static readonly RequiredField<string> NameField = Body.Add(Field.Text("name", 1, MaxNameLength, "The memory's name").Required());
    private static readonly RequiredField<string> TypeField = Body.Add(Field.OneOf("memoryType", MemoryTypes,
        "graph or vector, in any letter case", ignoreCase: true).Required());
    private static readonly TextField DescriptionField = Body.Add(Field.Text("description", 0, MaxDescriptionLength, "Default \"\""));
    // duohub's own example sends "cultural": taken as culture.
    private static readonly TextField OntologyField = Body.Add(Field.OneOf("ontology", [.. Ontologies, "cultural"],
        "Required for graph memory; cultural is taken as culture") with
    {
        Error = $"ontology must be one of: {string.Join(", ", Ontologies)}",
    });
    private static readonly IntegerField ChunkSizeField = Body.Add(Field.WholeNumber("chunkSize", 50, 8000, 250, "Chunk size in characters"));
    private static readonly IntegerField ChunkOverlapField = Body.Add(Field.WholeNumber("chunkOverlap", 1, 50, 10,
        "Overlap between chunks, in percent of chunkSize"));
    private static readonly TextField WebhookField = Body.Add(Field.Url("webhookUrl", "Receives the status webhooks of ingestion"));
    private static readonly BooleanField AccelerationField = Body.Add(Field.Boolean("acceleration", "Accepted and stored"));
    private static readonly BooleanField FactsField = Body.Add(Field.Boolean("factExtraction", "Extract facts at ingestion"));
    private static readonly TextField IdField = Body.Add(Field.Id("id", "Generated when absent"));

    public static ApiError? TryParse(HttpContext context, out MemoryCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(NameField, out var name)) is not null
            || (error = fields.Read(TypeField, out var memoryType)) is not null
            || (error = fields.Read(DescriptionField, out var description)) is not null
            || (error = fields.Read(OntologyField, out var ontology)) is not null
            || (error = fields.Read(ChunkSizeField, out var chunkSize)) is not null
            || (error = fields.Read(ChunkOverlapField, out var chunkOverlap)) is not null
            || (error = fields.Read(WebhookField, out var webhookUrl)) is not null
            || (error = fields.Read(AccelerationField, out var acceleration)) is not null
            || (error = fields.Read(FactsField, out var factExtraction)) is not null
            || (error = fields.Read(IdField, out var id)) is not null)
        {
            return error;
        }
        if (memoryType == "graph" && ontology is null)
        {
            return OntologyRequired;
        }
        request = new MemoryCreateRequest(id, name, description ?? "", memoryType, ontology == "cultural" ? "culture" : ontology,
            chunkSize, chunkOverlap, webhookUrl, acceleration, factExtraction);
        return null;
    }
}

/// POST /memories/add-files: `memoryID` and `files` (1-100 file ids).
public sealed record AddFilesRequest(string MemoryId, IReadOnlyList<string> Files)
{
    public const int MaxFiles = 100;

    public static readonly BodyRules Body = new();
    private static readonly RequiredField<string> MemoryIdField = Body.Add(MemoryIdBody.Field());
    private static readonly IdListField FilesField = Body.Add(new IdListField("files", MaxFiles, "The files' ids"));

    public static ApiError? TryParse(HttpContext context, out AddFilesRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(MemoryIdField, out var memoryId)) is not null
            || (error = fields.Read(FilesField, out var files)) is not null)
        {
            return error;
        }
        request = new AddFilesRequest(memoryId, files);
        return null;
    }
}

/// POST /memories/start-ingestion: `memoryID`.
public static class MemoryIdBody
{
    public static readonly BodyRules Body = new();
    private static readonly RequiredField<string> MemoryIdField = Body.Add(Field());

    public static RequiredField<string> Field() => Validation.Field.Text("memoryID", 1, 1024, "The memory's id").Required();

    public static ApiError? TryParse(HttpContext context, out string memoryId)
    {
        memoryId = "";
        return BodyFields.TryRead(context, out var fields) ?? fields.Read(MemoryIdField, out memoryId);
    }
}

/// A required array of 1-Max ids (strings), duplicates dropped in order.
public sealed record IdListField(string Name, int Max, string Description) : BodyField<IReadOnlyList<string>>(Name, Description)
{
    public ApiError Missing { get; } = ApiError.BadRequest($"{Name} is required");
    public ApiError Error { get; init; } = ApiError.BadRequest($"{Name} must be an array of 1-{Max} file ids");

    public override bool IsRequired => true;

    public override ApiError? Read(JsonElement? element, out IReadOnlyList<string> value)
    {
        value = [];
        if (element is not { } present)
        {
            return Missing;
        }
        if (present.ValueKind != JsonValueKind.Array || present.GetArrayLength() is 0 || present.GetArrayLength() > Max)
        {
            return Error;
        }
        var ids = new List<string>();
        foreach (var item in present.EnumerateArray())
        {
            if (BodyFields.ReadText(item, out var id) != TextKind.Text || id.Length == 0)
            {
                return Error;
            }
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }
        value = ids;
        return null;
    }

    public override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Array, Description = Description, MinItems = 1, MaxItems = Max,
        Items = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
