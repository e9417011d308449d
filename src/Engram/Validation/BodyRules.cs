using Microsoft.OpenApi;

namespace Engram.Validation;

/// The fields of one JSON request body, in the order they are documented. A request type
/// declares each field once, registered as it is declared:
///
///     public static readonly BodyRules Body = new();
///     private static readonly RequiredField<string> Name = Body.Add(Field.Text("name", 1, 256, "Its name").Required());
///
/// then reads it in its TryParse (`fields.Read(Name, out var name)`), and maps its route with
/// `.WithJsonBody(Body)`, which documents exactly those fields.
public sealed class BodyRules
{
    private readonly List<BodyField> _fields = [];

    public IReadOnlyList<BodyField> Fields => _fields;

    public TField Add<TField>(TField field) where TField : BodyField
    {
        _fields.Add(field);
        return field;
    }

    public OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(_fields.Where(f => f.IsRequired).Select(f => f.Name)),
        Properties = _fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)f.Schema()),
    };
}
