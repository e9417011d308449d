namespace Engram.Client;

/// <summary>Sessions: <c>/sessions/create|get|list|delete</c>, and Engram's <c>/sessions/end</c>.</summary>
public sealed class SessionsClient
{
    private readonly ApiConnection _connection;

    internal SessionsClient(ApiConnection connection) => _connection = connection;

    /// <summary>Creates a session. <c>POST /sessions/create</c> → 201.</summary>
    /// <param name="request">The id, customer and metadata, all optional; null creates a bare session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new session.</returns>
    /// <exception cref="EngramException">400 for a bad field, 409 when the id is taken.</exception>
    public Task<Session> CreateAsync(CreateSessionRequest? request = null, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Post, "sessions/create",
            ApiConnection.Serialize(request ?? new CreateSessionRequest(), ClientJson.Default.CreateSessionRequest),
            ClientJson.Default.DataEnvelopeSession, idempotent: false, cancellationToken);

    /// <summary>Gets one session. <c>GET /sessions/get/{id}</c>.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such live session.</exception>
    public Task<Session> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Get, QueryString.WithId("sessions/get/", id), null,
            ClientJson.Default.DataEnvelopeSession, idempotent: true, cancellationToken);

    /// <summary>Gets one page of sessions, newest first. <c>GET /sessions/list</c>.</summary>
    /// <param name="request">The filter, page size and token; null for the first page of all sessions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad limit or token.</exception>
    public Task<SessionList> ListAsync(ListSessionsRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListSessionsRequest();
        var url = new QueryString("sessions/list").Add("customerUserID", request.CustomerUserId).Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeSessionList,
            idempotent: true, cancellationToken);
    }

    /// <summary>
    /// Every session from the requested page to the last, fetching each page as the previous one is
    /// used up (<c>nextToken</c> after <c>nextToken</c>).
    /// </summary>
    /// <param name="request">Where to start and the filter; null for all sessions from the newest.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<Session> ListAllAsync(ListSessionsRequest? request = null, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListSessionsRequest, SessionList, Session>(request ?? new ListSessionsRequest(), ListAsync, cancellationToken);

    /// <summary>
    /// Page after page from the requested one: forward along <c>nextToken</c>, or backward along
    /// <c>previousToken</c> (start from a request carrying a <see cref="ListSessionsRequest.PreviousToken"/>).
    /// Each page keeps the list's order; backward, the pages come nearest first.
    /// </summary>
    /// <param name="request">The first page to fetch and the filter.</param>
    /// <param name="direction">Which token to follow.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<SessionList> ListPagesAsync(ListSessionsRequest? request = null,
        PageDirection direction = PageDirection.Forward, CancellationToken cancellationToken = default) =>
        Pager.PagesAsync<ListSessionsRequest, SessionList, Session>(request ?? new ListSessionsRequest(), direction, ListAsync, cancellationToken);

    /// <summary>
    /// Ends a session: it keeps its messages and refuses new ones. <c>POST /sessions/end/{id}</c>, an
    /// Engram extension that duohub does not have. Ending an ended session keeps the first <c>endedAt</c>,
    /// so this call is safely retried.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session with <see cref="Session.EndedAt"/> set.</returns>
    /// <exception cref="EngramException">404 when there is no such live session.</exception>
    public Task<Session> EndAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Post, QueryString.WithId("sessions/end/", id), null,
            ClientJson.Default.DataEnvelopeSession, idempotent: true, cancellationToken);

    /// <summary>
    /// Deletes a session and its messages. <c>DELETE /sessions/delete/{id}</c>. Not retried once it may
    /// have reached the server: a repeat would answer 404 for a delete that succeeded.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such live session.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Delete, QueryString.WithId("sessions/delete/", id), idempotent: false, cancellationToken);
}
