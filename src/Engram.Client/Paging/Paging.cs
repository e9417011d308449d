using System.Runtime.CompilerServices;

namespace Engram.Client;

/// <summary>Which way <c>ListPagesAsync</c> walks a list.</summary>
public enum PageDirection
{
    /// <summary>From the requested page on, following each page's <c>nextToken</c> to the last page.</summary>
    Forward,

    /// <summary>From the requested page back, following each page's <c>previousToken</c> to the first page.</summary>
    Backward,
}

/// <summary>A page of a list: its items and the tokens that lead to the pages either side.</summary>
/// <typeparam name="T">The item type.</typeparam>
public interface IPage<out T>
{
    /// <summary>The items on this page, in list order.</summary>
    IReadOnlyList<T> Items { get; }

    /// <summary>The token for the page after this one; null on the last page.</summary>
    string? NextToken { get; }

    /// <summary>The token for the page before this one; null on the first page.</summary>
    string? PreviousToken { get; }
}

/// <summary>A list request that can be pointed at another page.</summary>
internal interface IListRequest<TSelf>
{
    TSelf At(string? nextToken, string? previousToken);
}

internal static class Pager
{
    /// Walks page after page from `request`, following one kind of token until it runs out.
    /// The server signs each token with the filters, so the filters must stay as they are.
    public static async IAsyncEnumerable<TPage> PagesAsync<TRequest, TPage, TItem>(
        TRequest request, PageDirection direction, Func<TRequest, CancellationToken, Task<TPage>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IListRequest<TRequest>
        where TPage : IPage<TItem>
    {
        var page = await fetch(request, cancellationToken).ConfigureAwait(false);
        yield return page;
        while ((direction == PageDirection.Forward ? page.NextToken : page.PreviousToken) is { } token)
        {
            var next = direction == PageDirection.Forward ? request.At(token, null) : request.At(null, token);
            page = await fetch(next, cancellationToken).ConfigureAwait(false);
            yield return page;
        }
    }

    /// Every item from `request`'s page to the end of the list, in list order.
    public static async IAsyncEnumerable<TItem> ItemsAsync<TRequest, TPage, TItem>(
        TRequest request, Func<TRequest, CancellationToken, Task<TPage>> fetch,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IListRequest<TRequest>
        where TPage : IPage<TItem>
    {
        await foreach (var page in PagesAsync<TRequest, TPage, TItem>(request, PageDirection.Forward, fetch, cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }
}
