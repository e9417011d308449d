namespace Engram.Client;

/// <summary>Files: <c>/files/upload|create|list</c>, and Engram's <c>/files/get|delete</c>.</summary>
public sealed class FilesClient
{
    private readonly ApiConnection _connection;

    internal FilesClient(ApiConnection connection) => _connection = connection;

    /// <summary>
    /// Uploads a file in the three steps duohub's API takes: <c>POST /files/upload</c> for a signed URL,
    /// <c>PUT</c> of the bytes to it (without the API key), then <c>POST /files/create</c> with its key.
    /// </summary>
    /// <param name="request">The bytes and the file's name, and optionally the record's name, type and id.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The new file, ready to add to a memory.</returns>
    /// <exception cref="EngramException">
    /// 400 for a bad name, type or id; 403 when the upload URL was refused; 409 when the id is taken;
    /// 413 when the file is over the server's upload limit.
    /// </exception>
    public async Task<FileRecord> UploadAsync(UploadFileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Content);
        // A repeated ticket request only leaves an unused ticket behind, so it is retried like a GET.
        var ticket = await _connection.SendAsync(HttpMethod.Post, "files/upload",
            ApiConnection.Serialize(new UploadUrlRequest(request.FileName), ClientJson.Default.UploadUrlRequest),
            ClientJson.Default.DataEnvelopeUploadTicket, idempotent: true, cancellationToken).ConfigureAwait(false);
        await _connection.PutUploadAsync(new Uri(ticket.UploadUrl, UriKind.RelativeOrAbsolute), request.Content, cancellationToken)
            .ConfigureAwait(false);
        return await CreateAsync(new CreateFileRequest
        {
            Name = request.Name ?? request.FileName,
            Key = ticket.Key,
            FileType = request.FileType,
            Id = request.Id,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads the file at <paramref name="path"/>, named after it; see <see cref="UploadAsync(UploadFileRequest, CancellationToken)"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="name">The record's name; the file's own name when null.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The new file.</returns>
    /// <exception cref="EngramException">As for the other overload.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async Task<FileRecord> UploadAsync(string path, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await UploadAsync(new UploadFileRequest { Content = stream, FileName = Path.GetFileName(path), Name = name },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates a file record: for a URL (<see cref="CreateFileRequest.ExternalUri"/>), or for bytes already
    /// PUT to an upload URL (<see cref="CreateFileRequest.Key"/>). <c>POST /files/create</c> → 201.
    /// </summary>
    /// <param name="request">The name, and the URL or key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new file.</returns>
    /// <exception cref="EngramException">400 for a bad field or an unknown key, 409 when the id is taken.</exception>
    public Task<FileRecord> CreateAsync(CreateFileRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _connection.SendAsync(HttpMethod.Post, "files/create",
            ApiConnection.Serialize(request, ClientJson.Default.CreateFileRequest),
            ClientJson.Default.DataEnvelopeFileRecord, idempotent: false, cancellationToken);
    }

    /// <summary>Gets one file. <c>GET /files/get/{id}</c> (an Engram extension).</summary>
    /// <param name="id">The file's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such file.</exception>
    public Task<FileRecord> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Get, QueryString.WithId("files/get/", id), null,
            ClientJson.Default.DataEnvelopeFileRecord, idempotent: true, cancellationToken);

    /// <summary>Gets one page of files, newest first. <c>GET /files/list</c>.</summary>
    /// <param name="request">The category, page size and token; null for the first page of all files.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad category, limit or token.</exception>
    public Task<FileList> ListAsync(ListFilesRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListFilesRequest();
        var url = new QueryString("files/list").Add("category", request.Category).Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeFileList,
            idempotent: true, cancellationToken);
    }

    /// <summary>Every file from the requested page to the last, fetching pages as they are used up.</summary>
    /// <param name="request">Where to start and the category; null for all files from the newest.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<FileRecord> ListAllAsync(ListFilesRequest? request = null, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListFilesRequest, FileList, FileRecord>(request ?? new ListFilesRequest(), ListAsync, cancellationToken);

    /// <summary>Page after page from the requested one, forward along <c>nextToken</c> or backward along <c>previousToken</c>.</summary>
    /// <param name="request">The first page to fetch and the category.</param>
    /// <param name="direction">Which token to follow.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<FileList> ListPagesAsync(ListFilesRequest? request = null,
        PageDirection direction = PageDirection.Forward, CancellationToken cancellationToken = default) =>
        Pager.PagesAsync<ListFilesRequest, FileList, FileRecord>(request ?? new ListFilesRequest(), direction, ListAsync, cancellationToken);

    /// <summary>
    /// Deletes a file: its bytes, its record and everything derived from it in every memory.
    /// <c>DELETE /files/delete/{id}</c> (an Engram extension). Not retried once it may have reached the
    /// server: a repeat would answer 404 for a delete that succeeded.
    /// </summary>
    /// <param name="id">The file's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such file.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Delete, QueryString.WithId("files/delete/", id), idempotent: false, cancellationToken);
}
