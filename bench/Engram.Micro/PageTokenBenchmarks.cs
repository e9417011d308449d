using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Engram.Paging;

namespace Engram.Micro;

/// A sessions token with a customer filter, as /sessions/list mints and checks one per page.
[MemoryDiagnoser]
public class PageTokenBenchmarks
{
    private static readonly string?[] Filters = ["cust-0042"];
    private readonly PageTokens _tokens = new(RandomNumberGenerator.GetBytes(32));
    private readonly Cursor _cursor = new(PageDirection.After, new Position(1_736_589_600_000, "0190a000-0000-7000-8000-0000000dbba0"));
    private string _token = "";

    [GlobalSetup]
    public void Setup() => _token = _tokens.Encode(Resource.Sessions, "default", Filters, _cursor);

    [Benchmark]
    public string Encode() => _tokens.Encode(Resource.Sessions, "default", Filters, _cursor);

    [Benchmark]
    public bool Verify() => _tokens.TryDecode(_token, Resource.Sessions, PageDirection.After, "default", Filters, out _);
}
