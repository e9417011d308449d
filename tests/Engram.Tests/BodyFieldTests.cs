using System.Globalization;
using System.Text.RegularExpressions;
using Engram.Validation;

namespace Engram.Tests;

/// Each body field is one definition: what it accepts is exactly what its OpenAPI schema says,
/// and its 400 names it. Random inputs, checked against the schema the same field produces.
public sealed class BodyFieldTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    [Fact]
    public void Text_is_accepted_exactly_when_its_length_is_within_the_schemas_bounds()
    {
        var random = new Random(1);
        string[] pool = ["a", "é", "中", "😀", " ", "\t", "\0"];
        for (var run = 0; run < 2000; run++)
        {
            var min = random.Next(0, 4);
            var field = Field.Text("title", min, min + random.Next(0, 8), "A title");
            var schema = field.Schema();
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => pool[random.Next(pool.Length)]));
            var error = field.Read(Json(Quote(text)), out var value);
            var length = text.EnumerateRunes().Count();
            var expected = !text.Contains('\0') && length >= schema.MinLength && length <= schema.MaxLength;
            Assert.True(expected == (error is null), $"'{text}' in {schema.MinLength}-{schema.MaxLength}: {error}");
            Assert.Equal(expected ? text : null, value);
            if (error is not null)
            {
                Assert.StartsWith("title must be ", error.Error);
            }
        }
    }

    [Fact]
    public void An_id_is_accepted_exactly_when_it_matches_the_schemas_pattern()
    {
        var random = new Random(2);
        var field = Field.Id("memoryID", "A memory");
        var pattern = new Regex(field.Schema().Pattern!);
        char[] pool = ['a', 'Z', '0', '-', '.', '_', '~', '!', '"', '/', '?', '#', '%', '\\', ' ', 'é', '\u007F'];
        for (var run = 0; run < 3000; run++)
        {
            var id = random.Next(50) == 0 ? new string('a', 127 + random.Next(3))
                : new string([.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => pool[random.Next(pool.Length)])]);
            var error = field.Read(Json(Quote(id)), out _);
            Assert.True(pattern.IsMatch(id) == (error is null), $"'{id}': {error}");
            Assert.Equal(error is null ? null : "memoryID must be 1-128 printable characters without / ? # % \\ or spaces", error?.Error);
        }
    }

    [Fact]
    public void A_whole_number_is_accepted_exactly_within_the_schemas_minimum_and_maximum()
    {
        var random = new Random(3);
        var field = Field.WholeNumber("chunkSize", 50, 8000, 250, "Characters per chunk");
        var schema = field.Schema();
        Assert.Equal("50 8000 250", $"{schema.Minimum} {schema.Maximum} {schema.Default!.ToJsonString()}");
        Assert.Null(field.Read(null, out var absent));
        Assert.Equal(250, absent);
        for (var run = 0; run < 2000; run++)
        {
            var number = random.Next(-100, 9000);
            var json = random.Next(4) switch
            {
                0 => number.ToString(CultureInfo.InvariantCulture) + ".5",
                1 => Quote(number.ToString(CultureInfo.InvariantCulture)),
                _ => number.ToString(CultureInfo.InvariantCulture),
            };
            var expected = !json.Contains('.') && !json.Contains('"') && number is >= 50 and <= 8000;
            var error = field.Read(Json(json), out var value);
            Assert.Equal(expected ? null : "chunkSize must be an integer between 50 and 8000", error?.Error);
            Assert.Equal(expected ? number : 250, value);
        }
    }

    [Theory]
    [InlineData("true", null, true)]
    [InlineData("false", null, false)]
    [InlineData("\"true\"", "factExtraction must be true or false", false)]
    [InlineData("1", "factExtraction must be true or false", false)]
    public void A_boolean_is_only_json_true_or_false(string json, string? error, bool value)
    {
        var field = Field.Boolean("factExtraction", "Extract facts");
        Assert.Equal(error, field.Read(Json(json), out var read)?.Error);
        Assert.Equal(value, read);
        Assert.Null(field.Read(null, out var absent));
        Assert.False(absent);
    }

    [Theory]
    [InlineData("\"GRAPH\"", null, "graph")]
    [InlineData("\"vector\"", null, "vector")]
    [InlineData("\"\"", "memoryType is required", null)]
    [InlineData("null", "memoryType is required", null)]
    [InlineData("\"tree\"", "memoryType must be one of: graph, vector", null)]
    [InlineData("7", "memoryType must be one of: graph, vector", null)]
    public void A_required_choice_reads_any_case_as_its_own_spelling(string json, string? error, string? value)
    {
        var field = Field.OneOf("memoryType", ["graph", "vector"], "Kind of memory", ignoreCase: true).Required();
        Assert.Equal(error, field.Read(json == "null" ? null : Json(json), out var read)?.Error);
        Assert.Equal(value, error is null ? read : null);
        Assert.Equal(["graph", "vector"], field.Schema().Enum!.Select(v => v!.GetValue<string>()));
    }

    [Theory]
    [InlineData("https://example.com/hook", true)]
    [InlineData("http://127.0.0.1:8080/x?y=1", true)]
    [InlineData("ftp://example.com/file", false)]
    [InlineData("/relative/path", false)]
    [InlineData("not a url", false)]
    public void A_url_is_an_absolute_http_or_https_url(string url, bool valid)
    {
        var field = Field.Url("webhookUrl", "Status webhook");
        Assert.Equal(valid ? null : "webhookUrl must be an absolute http or https URL", field.Read(Json(Quote(url)), out _)?.Error);
    }

    [Fact]
    public void A_body_documents_its_fields_in_order_and_which_are_required()
    {
        var body = new BodyRules();
        body.Add(Field.Text("name", 1, 256, "Its name").Required());
        body.Add(Field.Text("description", 0, 4096, "What it holds"));
        body.Add(Field.Boolean("acceleration", "Faster retrieval"));
        var schema = body.Schema();
        Assert.Equal(["name", "description", "acceleration"], schema.Properties!.Keys);
        Assert.Equal(["name"], schema.Required!);
        Assert.Equal(4096, schema.Properties["description"].MaxLength);
    }
}
