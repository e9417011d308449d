using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Engram.Json;
using Engram.Sessions;
using Engram.Storage;

namespace Engram.Micro;

/// The body of GET /sessions/list?limit=10: ten sessions with one metadata item and both tokens,
/// written by the source-generated serializer the server uses, with metadata as read back from
/// storage (its stored text, copied out as it is). Reading that metadata is measured beside it,
/// since every listed row does that too.
[MemoryDiagnoser]
public class SessionPageJsonBenchmarks
{
    private const string StoredMetadata = """[{"key":"channel","value":"phone"}]""";
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private Success<SessionList> _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var at = new DateTime(2025, 1, 12, 9, 30, 0, 123, DateTimeKind.Utc);
        var sessions = new Session[10];
        for (var i = 0; i < sessions.Length; i++)
        {
            sessions[i] = new Session($"0190a000-0000-7000-8000-{i:x12}", "default", "cust-0042",
                SessionMetadata.Read(StoredMetadata), at, at, null, null);
        }
        const string token = "AQEBAAABlFZ0c4AkMDE5MGEwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMGRiYmEw0b0S1cYMpcHq5rYkQ2u1mQ";
        _page = Success.Of(new SessionList(sessions, token, token, sessions.Length));
    }

    [Benchmark]
    public int WritePageOf10()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        JsonSerializer.Serialize(writer, _page, EngramJson.Default.SuccessSessionList);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public IReadOnlyList<MetadataItem> ReadStoredMetadata() => SessionMetadata.Read(StoredMetadata);
}
