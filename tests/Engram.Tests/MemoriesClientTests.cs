using System.Text;
using Engram.Client;

namespace Engram.Tests;

/// Engram.Client's memories against the real server: create, add files, ingest and wait, samples,
/// and the query a voice agent makes.
public abstract class MemoriesClientTests(EngramServer server)
{
    private async Task<EngramClient> NewClientAsync()
    {
        var api = await server.NewAccountAsync();
        return new EngramClient(new HttpClient(), new EngramClientOptions
        {
            BaseAddress = server.BaseAddress,
            ApiKey = api.Key!,
            RetryDelay = TimeSpan.FromMilliseconds(1),
            IngestionPollInterval = TimeSpan.FromMilliseconds(50),
        });
    }

    private static Task<FileRecord> UploadAsync(EngramClient client, string fileName, string text) =>
        client.Files.UploadAsync(new UploadFileRequest { Content = new MemoryStream(Encoding.UTF8.GetBytes(text)), FileName = fileName });

    [Fact]
    public async Task CreateAsync_fills_the_defaults_and_names_a_bad_field()
    {
        var client = await NewClientAsync();
        var memory = await client.Memories.CreateAsync(new CreateMemoryRequest { Name = "notes", MemoryType = "Vector" });
        Assert.Equal(("notes", MemoryTypes.Vector, "", 250, 10), (memory.Name, memory.MemoryType, memory.Description, memory.ChunkSize, memory.ChunkOverlap));
        Assert.Equal((MemoryStatuses.Empty, "select", 0L), (memory.Status, memory.Step, memory.SampleCount));
        Assert.Null(memory.Ontology);
        Assert.Equal(memory, await client.Memories.GetAsync(memory.Id));

        var graph = await client.Memories.CreateAsync(new CreateMemoryRequest
        {
            Name = "history", MemoryType = MemoryTypes.Graph, Ontology = "cultural", ChunkSize = 500, ChunkOverlap = 20, FactExtraction = true,
        });
        Assert.Equal((Ontologies.Culture, 500, 20, true), (graph.Ontology, graph.ChunkSize, graph.ChunkOverlap, graph.FactExtraction));

        var noOntology = await Assert.ThrowsAsync<EngramException>(() =>
            client.Memories.CreateAsync(new CreateMemoryRequest { Name = "g", MemoryType = MemoryTypes.Graph }));
        Assert.Equal((HttpStatusCode.BadRequest, "ontology is required for graph memory"), (noOntology.StatusCode, noOntology.Error));
        var id = "mem-" + Guid.NewGuid().ToString("N");
        await client.Memories.CreateAsync(new CreateMemoryRequest { Name = "a", MemoryType = MemoryTypes.Vector, Id = id });
        var taken = await Assert.ThrowsAsync<EngramException>(() =>
            client.Memories.CreateAsync(new CreateMemoryRequest { Name = "b", MemoryType = MemoryTypes.Vector, Id = id }));
        Assert.Equal((HttpStatusCode.Conflict, "Memory already exists"), (taken.StatusCode, taken.Error));
    }

    [Fact]
    public async Task Files_added_become_pending_samples_oldest_first_and_can_be_taken_out()
    {
        var client = await NewClientAsync();
        var memory = await client.Memories.CreateAsync(new CreateMemoryRequest { Name = "m", MemoryType = MemoryTypes.Vector });
        var first = await UploadAsync(client, "a.txt", "alpha");
        var second = await UploadAsync(client, "b.txt", "beta");

        var sample = await client.Memories.AddFilesAsync(new AddFilesRequest { MemoryId = memory.Id, Files = [first.Id, second.Id] });
        Assert.Equal((memory.Id, first.Id, "document", MemoryStatuses.Pending), (sample.MemoryId, sample.FileId, sample.Type, sample.Status));
        await client.Memories.AddFilesAsync(new AddFilesRequest { MemoryId = memory.Id, Files = [first.Id] }); // idempotent

        var samples = new List<Sample>();
        await foreach (var each in client.Memories.ListAllSamplesAsync(new ListSamplesRequest { MemoryId = memory.Id, Limit = 1 }))
        {
            samples.Add(each);
        }
        Assert.Equal([first.Id, second.Id], samples.Select(s => s.FileId));
        Assert.Equal(2, (await client.Memories.GetAsync(memory.Id)).SampleCount);

        var unknown = await Assert.ThrowsAsync<EngramException>(() =>
            client.Memories.AddFilesAsync(new AddFilesRequest { MemoryId = memory.Id, Files = [first.Id, "no-such-file"] }));
        Assert.Equal((HttpStatusCode.NotFound, "File not found"), (unknown.StatusCode, unknown.Error));
        var noMemory = await Assert.ThrowsAsync<EngramException>(() =>
            client.Memories.AddFilesAsync(new AddFilesRequest { MemoryId = "no-such-memory", Files = [first.Id] }));
        Assert.Equal("Memory not found", noMemory.Error);

        await client.Memories.DeleteFileAsync(memory.Id, first.Id);
        var left = await client.Memories.ListSamplesAsync(new ListSamplesRequest { MemoryId = memory.Id });
        Assert.Equal([second.Id], left.Samples.Select(s => s.FileId));
        var again = await Assert.ThrowsAsync<EngramException>(() => client.Memories.DeleteFileAsync(memory.Id, first.Id));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Ingestion_waited_for_with_progress_makes_the_file_retrievable()
    {
        var client = await NewClientAsync();
        var memory = await client.Memories.CreateAsync(new CreateMemoryRequest { Name = "harbour", MemoryType = MemoryTypes.Vector });
        var file = await UploadAsync(client, "harbour.txt",
            "The harbour master keeps the tide tables in a blue ledger. Ferries leave the north pier every hour.");
        await client.Memories.AddFilesAsync(new AddFilesRequest { MemoryId = memory.Id, Files = [file.Id] });

        var started = await client.Memories.StartIngestionAsync(memory.Id);
        Assert.Equal(1, started.SampleCount);
        Assert.True(started.TokenMetrics.TokensForIngestion > 0);
        Assert.Null(started.TokenMetrics.TotalTokenLimit); // unlimited by default

        var reports = new List<IngestionProgress>();
        var settled = await client.Memories.WaitForIngestionAsync(memory.Id, new Recorder(reports));
        Assert.Equal(MemoryStatuses.Success, settled.Status);
        Assert.True(settled.ChunkCount > 0);
        Assert.True(reports[^1].IsFinished);
        Assert.Equal((1L, 0L, 1L), (reports[^1].Processed, reports[^1].Failed, reports[^1].Total));
        Assert.Equal(reports.Select(r => r.Processed).Order(), reports.Select(r => r.Processed)); // never goes back

        var ingested = Assert.Single((await client.Memories.ListSamplesAsync(new ListSamplesRequest { MemoryId = memory.Id })).Samples);
        Assert.Equal(MemoryStatuses.Success, ingested.Status);
        Assert.NotNull(ingested.Tokens);

        var answer = await client.QueryAsync(new MemoryQueryRequest { MemoryId = memory.Id, Query = "Where are the tide tables kept?", TopK = 3 });
        Assert.Contains(answer.Payload, p => p.Content.Contains("blue ledger", StringComparison.Ordinal));
        Assert.All(answer.Payload, p => Assert.InRange(p.Score, 0, 1));
        Assert.Equal(answer.Payload.Select(p => p.Score).OrderDescending(), answer.Payload.Select(p => p.Score));
        var source = answer.Sources[0];
        Assert.Equal((file.Id, "harbour.txt", "file"), (source.Id, source.Name, source.Type));
        Assert.True(answer.TokenCount > 0);
        Assert.Empty(answer.Facts);

        var withFacts = await client.QueryAsync(new MemoryQueryRequest { MemoryId = memory.Id, Query = "ferries", Facts = true });
        Assert.True(withFacts.Facts.Count <= 3);
        Assert.All(withFacts.Facts, f => Assert.False(string.IsNullOrWhiteSpace(f.Content)));
    }

    [Fact]
    public async Task QueryAsync_answers_empty_lists_before_ingestion_and_errors_as_the_contract_says()
    {
        var client = await NewClientAsync();
        var memory = await client.Memories.CreateAsync(new CreateMemoryRequest { Name = "blank", MemoryType = MemoryTypes.Vector });
        var empty = await client.QueryAsync(new MemoryQueryRequest { MemoryId = memory.Id, Query = "anything" });
        Assert.Equal((0, 0, 0, 0), (empty.Payload.Count, empty.Facts.Count, empty.Sources.Count, empty.TokenCount));

        var unknown = await Assert.ThrowsAsync<EngramException>(() =>
            client.QueryAsync(new MemoryQueryRequest { MemoryId = "no-such-memory", Query = "q" }));
        Assert.Equal((HttpStatusCode.NotFound, "not_found", "Memory not found"), (unknown.StatusCode, unknown.Status, unknown.Error));
        var topK = await Assert.ThrowsAsync<EngramException>(() =>
            client.QueryAsync(new MemoryQueryRequest { MemoryId = memory.Id, Query = "q", TopK = 51 }));
        Assert.Equal("top_k must be between 1 and 50", topK.Error);
        var tooLong = await Assert.ThrowsAsync<EngramException>(() =>
            client.QueryAsync(new MemoryQueryRequest { MemoryId = memory.Id, Query = new string('q', 2001) }));
        Assert.Equal("query must be at most 2000 characters", tooLong.Error);
    }

    [Fact]
    public async Task Memories_list_newest_first_and_a_deleted_memory_leaves_its_files()
    {
        var client = await NewClientAsync();
        var made = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            made.Add((await client.Memories.CreateAsync(new CreateMemoryRequest { Name = $"m{i}", MemoryType = MemoryTypes.Vector })).Id);
        }
        var listed = new List<Memory>();
        await foreach (var memory in client.Memories.ListAllAsync(new ListMemoriesRequest { Limit = 3 }))
        {
            listed.Add(memory);
        }
        // Several may share a millisecond, so the order is checked by time and the set by id.
        Assert.Equal(made.Order(), listed.Select(m => m.Id).Order());
        Assert.Equal(listed.Select(m => m.CreatedAt).OrderDescending(), listed.Select(m => m.CreatedAt));

        var file = await UploadAsync(client, "kept.txt", "kept");
        await client.Memories.AddFilesAsync(new AddFilesRequest { MemoryId = made[0], Files = [file.Id] });
        await client.Memories.DeleteAsync(made[0]);
        var gone = await Assert.ThrowsAsync<EngramException>(() => client.Memories.GetAsync(made[0]));
        Assert.Equal("Memory not found", gone.Error);
        Assert.Equal(file.Id, (await client.Files.GetAsync(file.Id)).Id);
    }

    /// Keeps every report in order (Progress<T> would post them to the thread pool).
    private sealed class Recorder(List<IngestionProgress> reports) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value) => reports.Add(value);
    }
}
