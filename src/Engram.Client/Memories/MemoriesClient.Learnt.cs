namespace Engram.Client;

// What a memory learnt (Engram extensions): its entities and facts, paged like every list.
public sealed partial class MemoriesClient
{
    /// <summary>Gets one page of a memory's entities, oldest first. <c>GET /memories/entities</c> (an Engram extension).</summary>
    /// <param name="request">The memory, page size and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad limit or token, 404 when the memory does not exist.</exception>
    public Task<EntityList> EntitiesAsync(ListEntitiesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = new QueryString("memories/entities").Add("memoryID", request.MemoryId).Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeEntityList,
            idempotent: true, cancellationToken);
    }

    /// <summary>Every entity of a memory from the requested page to the last, fetching pages as they are used up.</summary>
    /// <param name="request">The memory and where to start.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<Entity> ListAllEntitiesAsync(ListEntitiesRequest request, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListEntitiesRequest, EntityList, Entity>(request, EntitiesAsync, cancellationToken);

    /// <summary>
    /// Gets one page of a memory's facts, oldest first, or of one entity's. <c>GET /memories/facts</c> (an Engram extension).
    /// </summary>
    /// <param name="request">The memory, the entity if any, page size and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="EngramException">400 for a bad limit or token, 404 when the memory does not exist.</exception>
    public Task<FactList> FactsAsync(ListFactsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = new QueryString("memories/facts").Add("memoryID", request.MemoryId).Add("entity", request.Entity).Add("limit", request.Limit)
            .Add("nextToken", request.NextToken).Add("previousToken", request.PreviousToken);
        return _connection.SendAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.DataEnvelopeFactList,
            idempotent: true, cancellationToken);
    }

    /// <summary>Every fact of a memory (or of one entity) from the requested page to the last, fetching pages as they are used up.</summary>
    /// <param name="request">The memory, the entity if any, and where to start.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public IAsyncEnumerable<Fact> ListAllFactsAsync(ListFactsRequest request, CancellationToken cancellationToken = default) =>
        Pager.ItemsAsync<ListFactsRequest, FactList, Fact>(request, FactsAsync, cancellationToken);
}
