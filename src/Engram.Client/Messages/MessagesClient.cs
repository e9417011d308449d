namespace Engram.Client;

/// <summary>Messages: <c>/messages/create|get|list|delete</c>.</summary>
public sealed class MessagesClient
{
    private readonly ApiConnection _connection;

    internal MessagesClient(ApiConnection connection) => _connection = connection;

    /// <summary>Adds a message to a session. <c>POST /messages/create</c> → 201.</summary>
    /// <param name="request">The session, role and content, and optionally the customer and id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new message.</returns>
    /// <exception cref="EngramException">
    /// 400 for a bad field, 404 when the session does not exist, 409 when it has ended or the id is taken.
    /// </exception>
    public Task<Message> CreateAsync(CreateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _connection.SendAsync(HttpMethod.Post, "messages/create",
            ApiConnection.Serialize(request, ClientJson.Default.CreateMessageRequest),
            ClientJson.Default.DataEnvelopeMessage, idempotent: false, cancellationToken);
    }

    /// <summary>Adds a message to a session, its role from the enum. <c>POST /messages/create</c> → 201.</summary>
    /// <param name="sessionId">The session to add the message to; it must exist and not be ended.</param>
    /// <param name="role">Who spoke.</param>
    /// <param name="content">What was said: 1-32768 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new message, its customer taken from the session.</returns>
    /// <exception cref="EngramException">
    /// 400 for a bad field, 404 when the session does not exist, 409 when it has ended.
    /// </exception>
    public Task<Message> CreateAsync(string sessionId, MessageRole role, string content, CancellationToken cancellationToken = default) =>
        CreateAsync(new CreateMessageRequest { SessionId = sessionId, Role = MessageRoles.Of(role), Content = content }, cancellationToken);

    /// <summary>Gets one message. <c>GET /messages/get/{id}</c>.</summary>
    /// <param name="id">The message's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such message.</exception>
    public Task<Message> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Get, QueryString.WithId("messages/get/", id), null,
            ClientJson.Default.DataEnvelopeMessage, idempotent: true, cancellationToken);

    /// <summary>Gets one page of messages, oldest first. <c>GET /messages/list</c>.</summary>
    /// <param name="request">The filters, page size and token; null for the first page of all messages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad limit, role or token.</exception>
    public Task<MessageList> ListAsync(ListMessagesRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListMessagesRequest();
        var url = new QueryString("messages/list").Add("sessionID", request.SessionId)
            .Add("customerUserID", request.CustomerUserId).Add("role", request.Role).Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeMessageList,
            idempotent: true, cancellationToken);
    }

    /// <summary>Every message from the requested page to the last, fetching pages as they are used up.</summary>
    /// <param name="request">Where to start and the filters; null for all messages from the oldest.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<Message> ListAllAsync(ListMessagesRequest? request = null, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListMessagesRequest, MessageList, Message>(request ?? new ListMessagesRequest(), ListAsync, cancellationToken);

    /// <summary>Page after page from the requested one, forward along <c>nextToken</c> or backward along <c>previousToken</c>.</summary>
    /// <param name="request">The first page to fetch and the filters.</param>
    /// <param name="direction">Which token to follow.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<MessageList> ListPagesAsync(ListMessagesRequest? request = null,
        PageDirection direction = PageDirection.Forward, CancellationToken cancellationToken = default) =>
        Pager.PagesAsync<ListMessagesRequest, MessageList, Message>(request ?? new ListMessagesRequest(), direction, ListAsync, cancellationToken);

    /// <summary>
    /// Deletes a message for good. <c>DELETE /messages/delete/{id}</c>. Not retried once it may have
    /// reached the server: a repeat would answer 404 for a delete that succeeded.
    /// </summary>
    /// <param name="id">The message's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such message.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Delete, QueryString.WithId("messages/delete/", id), idempotent: false, cancellationToken);
}
