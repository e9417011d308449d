using System.Text;

namespace Engram.Tests;

/// Graph memory (§10's counts, §12): facts and entities learnt at ingestion, removed with their
/// samples. Written to hold for any reasonable extractor: a fact mentioning Paris, not an exact sentence.
public abstract class GraphTests(EngramServer server)
{
    private const string Travel = """
        Marie Curie moved to Paris in 1891 to study physics at the Sorbonne.
        In Paris she met Pierre Curie, who worked on magnetism.
        Pierre Curie and Marie Curie won the Nobel Prize in Physics in 1903.
        """;
    private const string Pets = """
        Dogs are welcome on every train if they stay on a leash. Cats must travel in a closed basket.
        Guide dogs always travel free of charge.
        """;

    [Fact]
    public async Task A_graph_memory_learns_facts_and_entities_and_loses_them_with_the_file()
    {
        var api = await server.NewAccountAsync();
        var (memory, files) = await GraphMemoryAsync(api, ("curie.txt", Travel), ("pets.txt", Pets));
        var stored = (await api.GetAsync($"/memories/get/{memory}")).Data;
        var facts = stored.GetProperty("factCount").GetInt64();
        Assert.True(facts >= 3, $"{facts} facts");
        Assert.True(stored.GetProperty("entityCount").GetInt64() >= 2);

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={files[0]}")).Status);
        var after = (await api.GetAsync($"/memories/get/{memory}")).Data;
        Assert.InRange(after.GetProperty("factCount").GetInt64(), 1, facts - 1);
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/files/delete/{files[1]}")).Status);
        after = (await api.GetAsync($"/memories/get/{memory}")).Data;
        Assert.Equal(0, after.GetProperty("factCount").GetInt64());
        Assert.Equal(0, after.GetProperty("entityCount").GetInt64());
    }

    [Fact]
    public async Task A_vector_memory_learns_facts_only_with_factExtraction()
    {
        var api = await server.NewAccountAsync();
        var file = (await api.UploadFileAsync("curie.txt", Encoding.UTF8.GetBytes(Travel))).GetProperty("id").GetString()!;
        foreach (var extract in (bool[])[false, true])
        {
            var memory = (await api.CreateMemoryAsync(new { name = "v", memoryType = "vector", factExtraction = extract })).GetProperty("id").GetString()!;
            await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }));
            await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
            Assert.Equal("success", await api.WaitForIngestionAsync(memory));
            var stored = (await api.GetAsync($"/memories/get/{memory}")).Data;
            Assert.Equal(extract, stored.GetProperty("factCount").GetInt64() > 0);
            Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/memories/delete/{memory}")).Status);
        }
    }

    /// A graph memory (ontology culture) holding the given text files, ingested.
    public static async Task<(string Memory, string[] Files)> GraphMemoryAsync(Api api, params (string Name, string Text)[] files)
    {
        var memory = (await api.CreateMemoryAsync(new { name = "graph", memoryType = "graph", ontology = "culture" })).GetProperty("id").GetString()!;
        var ids = new List<string>();
        foreach (var (name, text) in files)
        {
            ids.Add((await api.UploadFileAsync(name, Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!);
        }
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = ids }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        return (memory, [.. ids]);
    }
}
