namespace Engram.Client;

/// <summary>
/// Memories: <c>/memories/create|add-files|delete-file|start-ingestion</c>, and Engram's
/// <c>/memories/get|list|delete|samples</c>. Query one with <see cref="EngramClient.QueryAsync"/>.
/// </summary>
public sealed partial class MemoriesClient
{
    private readonly ApiConnection _connection;
    private readonly TimeSpan _pollInterval;

    internal MemoriesClient(ApiConnection connection, TimeSpan pollInterval)
    {
        _connection = connection;
        _pollInterval = pollInterval;
    }

    /// <summary>Creates a memory. <c>POST /memories/create</c> → 201.</summary>
    /// <param name="request">The name and type, and optionally the ontology, chunking, webhook and id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new memory, <c>empty</c>.</returns>
    /// <exception cref="EngramException">400 naming a bad field, 409 when the id is taken.</exception>
    public Task<Memory> CreateAsync(CreateMemoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _connection.SendAsync(HttpMethod.Post, "memories/create",
            ApiConnection.Serialize(request, ClientJson.Default.CreateMemoryRequest),
            ClientJson.Default.DataEnvelopeMemory, idempotent: false, cancellationToken);
    }

    /// <summary>
    /// Adds files to a memory, each as a <c>pending</c> sample; a file already in it keeps its sample, so
    /// the call is safely retried. <c>POST /memories/add-files</c> → 201. Nothing is ingested until
    /// <see cref="StartIngestionAsync"/>.
    /// </summary>
    /// <param name="request">The memory and the file ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The first file's sample (duohub's shape); <see cref="ListSamplesAsync"/> lists them all.</returns>
    /// <exception cref="EngramException">400 for a bad list, 404 when the memory or any file does not exist (then nothing is added).</exception>
    public Task<Sample> AddFilesAsync(AddFilesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _connection.SendAsync(HttpMethod.Post, "memories/add-files",
            ApiConnection.Serialize(request, ClientJson.Default.AddFilesRequest),
            ClientJson.Default.DataEnvelopeSample, idempotent: true, cancellationToken);
    }

    /// <summary>
    /// Takes a file out of a memory, and everything derived from it there; the file itself stays.
    /// <c>DELETE /memories/delete-file</c>. Not retried once it may have reached the server.
    /// </summary>
    /// <param name="memoryId">The memory.</param>
    /// <param name="fileId">The file to take out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when the memory does not exist or the file is not in it.</exception>
    public Task DeleteFileAsync(string memoryId, string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memoryId);
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        var url = new QueryString("memories/delete-file").Add("memoryID", memoryId).Add("fileID", fileId);
        return _connection.SendAsync(HttpMethod.Delete, url.ToString(), idempotent: false, cancellationToken);
    }

    /// <summary>
    /// Queues ingestion of the memory's pending (and failed) samples as one background job.
    /// <c>POST /memories/start-ingestion</c>. A job already queued or running is not duplicated, so the call
    /// is safely retried. <see cref="WaitForIngestionAsync"/> follows it to the end.
    /// </summary>
    /// <param name="memoryId">The memory.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many samples and tokens the job takes on, against the account's limit.</returns>
    /// <exception cref="EngramException">404 when the memory does not exist, 429 <c>Token limit reached</c> (nothing queued).</exception>
    public Task<IngestionStarted> StartIngestionAsync(string memoryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memoryId);
        return _connection.SendAsync(HttpMethod.Post, "memories/start-ingestion",
            ApiConnection.Serialize(new MemoryIdBody(memoryId), ClientJson.Default.MemoryIdBody),
            ClientJson.Default.DataEnvelopeIngestionStarted, idempotent: true, cancellationToken);
    }

    /// <summary>
    /// Polls the memory (every <see cref="EngramClientOptions.IngestionPollInterval"/>) until it settles:
    /// <c>success</c>, <c>failed</c> or <c>empty</c>. There is no time limit: cancel the token to stop waiting
    /// (the ingestion itself goes on).
    /// </summary>
    /// <param name="memoryId">The memory.</param>
    /// <param name="progress">
    /// Told after every poll how many samples are done; called on the waiting task, in order. When given,
    /// each poll also reads the memory's samples to count them. Null to wait silently.
    /// </param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    /// <returns>The memory as it settled.</returns>
    /// <exception cref="EngramException">404 when the memory does not exist (or is deleted while waiting).</exception>
    public async Task<Memory> WaitForIngestionAsync(string memoryId, IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(memoryId);
        while (true)
        {
            var memory = await GetAsync(memoryId, cancellationToken).ConfigureAwait(false);
            var state = progress is null
                ? new IngestionProgress(memory, 0, 0, memory.SampleCount)
                : await ProgressOfAsync(memory, cancellationToken).ConfigureAwait(false);
            progress?.Report(state);
            if (state.IsFinished)
            {
                return memory;
            }
            await Task.Delay(_pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IngestionProgress> ProgressOfAsync(Memory memory, CancellationToken cancellationToken)
    {
        long done = 0, failed = 0, total = 0;
        await foreach (var sample in ListAllSamplesAsync(new ListSamplesRequest { MemoryId = memory.Id, Limit = 100 }, cancellationToken)
            .ConfigureAwait(false))
        {
            total++;
            done += sample.Status is MemoryStatuses.Success or MemoryStatuses.Failed ? 1 : 0;
            failed += sample.Status is MemoryStatuses.Failed ? 1 : 0;
        }
        return new IngestionProgress(memory, done, failed, total);
    }

    /// <summary>Gets one memory, with its status and counts. <c>GET /memories/get/{id}</c> (an Engram extension).</summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such memory.</exception>
    public Task<Memory> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Get, QueryString.WithId("memories/get/", id), null,
            ClientJson.Default.DataEnvelopeMemory, idempotent: true, cancellationToken);

    /// <summary>Gets one page of memories, newest first. <c>GET /memories/list</c> (an Engram extension).</summary>
    /// <param name="request">The page size and token; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad limit or token.</exception>
    public Task<MemoryList> ListAsync(ListMemoriesRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListMemoriesRequest();
        var url = new QueryString("memories/list").Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeMemoryList,
            idempotent: true, cancellationToken);
    }

    /// <summary>Every memory from the requested page to the last, fetching pages as they are used up.</summary>
    /// <param name="request">Where to start; null for all memories from the newest.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<Memory> ListAllAsync(ListMemoriesRequest? request = null, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListMemoriesRequest, MemoryList, Memory>(request ?? new ListMemoriesRequest(), ListAsync, cancellationToken);

    /// <summary>Page after page from the requested one, forward along <c>nextToken</c> or backward along <c>previousToken</c>.</summary>
    /// <param name="request">The first page to fetch.</param>
    /// <param name="direction">Which token to follow.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<MemoryList> ListPagesAsync(ListMemoriesRequest? request = null,
        PageDirection direction = PageDirection.Forward, CancellationToken cancellationToken = default) =>
        Pager.PagesAsync<ListMemoriesRequest, MemoryList, Memory>(request ?? new ListMemoriesRequest(), direction, ListAsync, cancellationToken);

    /// <summary>
    /// Gets one page of a memory's samples, oldest first, with their status, error and tokens.
    /// <c>GET /memories/samples</c> (an Engram extension).
    /// </summary>
    /// <param name="request">The memory, page size and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad limit or token, 404 when the memory does not exist.</exception>
    public Task<SampleList> ListSamplesAsync(ListSamplesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = new QueryString("memories/samples").Add("memoryID", request.MemoryId).Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeSampleList,
            idempotent: true, cancellationToken);
    }

    /// <summary>Every sample of a memory from the requested page to the last, fetching pages as they are used up.</summary>
    /// <param name="request">The memory and where to start.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<Sample> ListAllSamplesAsync(ListSamplesRequest request, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListSamplesRequest, SampleList, Sample>(request, ListSamplesAsync, cancellationToken);

    /// <summary>Page after page of a memory's samples, forward along <c>nextToken</c> or backward along <c>previousToken</c>.</summary>
    /// <param name="request">The memory and the first page to fetch.</param>
    /// <param name="direction">Which token to follow.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<SampleList> ListSamplePagesAsync(ListSamplesRequest request,
        PageDirection direction = PageDirection.Forward, CancellationToken cancellationToken = default) =>
        Pager.PagesAsync<ListSamplesRequest, SampleList, Sample>(request, direction, ListSamplesAsync, cancellationToken);

    /// <summary>
    /// Deletes a memory and everything derived from it; its files stay. <c>DELETE /memories/delete/{id}</c>
    /// (an Engram extension). Not retried once it may have reached the server.
    /// </summary>
    /// <param name="id">The memory's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such memory.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Delete, QueryString.WithId("memories/delete/", id), idempotent: false, cancellationToken);
}
