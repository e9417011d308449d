namespace Engram.Client;

/// <summary>The account's end users: <c>/users/create|get|list|delete</c>.</summary>
public sealed class UsersClient
{
    private readonly ApiConnection _connection;

    internal UsersClient(ApiConnection connection) => _connection = connection;

    /// <summary>Creates an end user. <c>POST /users/create</c> → 201.</summary>
    /// <param name="request">The names, and optionally email, phone and id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new user.</returns>
    /// <exception cref="EngramException">400 for a bad field, 409 when the id is taken.</exception>
    public Task<User> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _connection.SendAsync(HttpMethod.Post, "users/create",
            ApiConnection.Serialize(request, ClientJson.Default.CreateUserRequest),
            ClientJson.Default.DataEnvelopeUser, idempotent: false, cancellationToken);
    }

    /// <summary>Gets one end user. <c>GET /users/get/{id}</c>.</summary>
    /// <param name="id">The user's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such user.</exception>
    public Task<User> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Get, QueryString.WithId("users/get/", id), null,
            ClientJson.Default.DataEnvelopeUser, idempotent: true, cancellationToken);

    /// <summary>Gets one page of end users, newest first. <c>GET /users/list</c>.</summary>
    /// <param name="request">The page size and token; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad limit or token.</exception>
    public Task<UserList> ListAsync(ListUsersRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListUsersRequest();
        var url = new QueryString("users/list").Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeUserList,
            idempotent: true, cancellationToken);
    }

    /// <summary>Every end user from the requested page to the last, fetching pages as they are used up.</summary>
    /// <param name="request">Where to start; null for all users from the newest.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<User> ListAllAsync(ListUsersRequest? request = null, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListUsersRequest, UserList, User>(request ?? new ListUsersRequest(), ListAsync, cancellationToken);

    /// <summary>Page after page from the requested one, forward along <c>nextToken</c> or backward along <c>previousToken</c>.</summary>
    /// <param name="request">The first page to fetch.</param>
    /// <param name="direction">Which token to follow.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<UserList> ListPagesAsync(ListUsersRequest? request = null,
        PageDirection direction = PageDirection.Forward, CancellationToken cancellationToken = default) =>
        Pager.PagesAsync<ListUsersRequest, UserList, User>(request ?? new ListUsersRequest(), direction, ListAsync, cancellationToken);

    /// <summary>
    /// Deletes an end user; sessions and messages that carry the id stay. <c>DELETE /users/delete/{id}</c>.
    /// Not retried once it may have reached the server: a repeat would answer 404 for a delete that succeeded.
    /// </summary>
    /// <param name="id">The user's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">404 when there is no such user.</exception>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        _connection.SendAsync(HttpMethod.Delete, QueryString.WithId("users/delete/", id), idempotent: false, cancellationToken);
}
