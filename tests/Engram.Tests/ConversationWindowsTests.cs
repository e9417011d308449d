using Engram.Retrieval;

namespace Engram.Tests;

public sealed class ConversationWindowsTests
{
    /// The window a turn should have: its session's `reach` live turns either side, by message order.
    private static string Expected(IReadOnlyList<(long Chunk, string Session, long MessageSeq)> live, long chunk, int reach)
    {
        var turn = live.Single(t => t.Chunk == chunk);
        var session = live.Where(t => t.Session == turn.Session).OrderBy(t => t.MessageSeq).ToList();
        var at = session.IndexOf(turn);
        return string.Join("\n", session.Skip(Math.Max(0, at - reach)).Take(at - Math.Max(0, at - reach) + reach + 1).Select(t => $"turn {t.Chunk}"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    public void Every_turn_reads_between_its_neighbours_whatever_the_order_turns_arrive_and_leave_in(int seed, int reach)
    {
        var random = new Random(seed);
        var windows = new ConversationWindows(reach);
        var words = new Dictionary<long, string>();
        var live = new List<(long Chunk, string Session, long MessageSeq)>();
        var pending = Enumerable.Range(1, 60).Select(i => ((long)i, $"s{random.Next(3)}", (long)random.Next(1000) * 100 + i))
            .OrderBy(_ => random.Next()).ToList();
        while (pending.Count > 0 || live.Count > 0)
        {
            var changed = new HashSet<long>();
            if (pending.Count > 0 && (live.Count == 0 || random.Next(4) > 0))
            {
                var turn = pending[^1];
                pending.RemoveAt(pending.Count - 1);
                windows.Add(turn.Item1, turn.Item2, turn.Item3, $"turn {turn.Item1}", changed);
                live.Add(turn);
            }
            else
            {
                var gone = live[random.Next(live.Count)];
                live.Remove(gone);
                words.Remove(gone.Chunk);
                windows.Remove(gone.Chunk, changed);
                Assert.DoesNotContain(gone.Chunk, changed);
            }
            // As MemoryIndexes does: only the changed windows are rewritten, and that must be enough.
            foreach (var chunk in changed)
            {
                words[chunk] = windows.Window(chunk);
            }
            Assert.Equal(live.Count, words.Count);
            foreach (var turn in live)
            {
                Assert.Equal(Expected(live, turn.Chunk, reach), words[turn.Chunk]);
            }
        }
    }

    [Fact]
    public void A_chunk_that_is_not_a_turn_is_not_placed()
    {
        var windows = new ConversationWindows();
        var changed = new HashSet<long>();
        windows.Remove(5, changed);
        Assert.Empty(changed);
        Assert.False(windows.Contains(5));
    }
}
