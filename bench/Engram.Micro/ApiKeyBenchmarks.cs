using BenchmarkDotNet.Attributes;
using Engram.Auth;

namespace Engram.Micro;

/// What a key check costs when the 500 ms cache misses: hashing the presented key and comparing.
[MemoryDiagnoser]
public class ApiKeyBenchmarks
{
    private readonly string _key = ApiKeyHasher.NewKey();
    private byte[] _stored = [];

    [GlobalSetup]
    public void Setup() => _stored = ApiKeyHasher.Hash(_key);

    [Benchmark]
    public byte[] Hash() => ApiKeyHasher.Hash(_key);

    [Benchmark]
    public bool Matches() => ApiKeyHasher.Matches(_key, _stored);
}
