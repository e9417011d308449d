using Engram.Retrieval;

namespace Engram.Tests;

public sealed class RankFusionTests
{
    private static Scored[] Ranked(params long[] ids) => ids.Select((id, i) => new Scored(id, 100f - i)).ToArray();

    [Fact]
    public void Fuses_by_reciprocal_rank()
    {
        // 1: 1/61 + 1/62; 3: 1/63 + 1/61; 2: 1/62; 4: 1/63; the best possible is 2/61.
        var fused = RankFusion.Reciprocal([Ranked(1, 2, 3), Ranked(3, 1, 4)]);
        Assert.Equal([1L, 3L, 2L, 4L], fused.Select(h => h.Id));
        Assert.Equal((1f / 61 + 1f / 62) / (2f / 61), fused[0].Score, 1e-6f);
        Assert.Equal(1f / 63 / (2f / 61), fused[3].Score, 1e-6f);
    }

    [Fact]
    public void First_in_every_list_scores_1_and_ties_go_to_the_lower_id()
    {
        var fused = RankFusion.Reciprocal([Ranked(7, 9, 8), Ranked(7, 8, 9)], k: 10);
        Assert.Equal([7L, 8L, 9L], fused.Select(h => h.Id));
        Assert.Equal(1f, fused[0].Score);
        Assert.Equal(1f, RankFusion.Reciprocal([Ranked(5)])[0].Score);
    }

    [Fact]
    public void Scores_lie_in_0_to_1_best_first_and_take_is_kept()
    {
        var random = new Random(14);
        for (var trial = 0; trial < 200; trial++)
        {
            var lists = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (IReadOnlyList<Scored>)Ranked(Enumerable.Range(0, random.Next(0, 30)).Select(_ => (long)random.Next(40)).ToArray()))
                .ToArray();
            var take = random.Next(1, 20);
            var fused = RankFusion.Reciprocal(lists, random.Next(0, 100), take);
            var distinct = lists.SelectMany(l => l).Select(h => h.Id).Distinct().Count();
            Assert.Equal(Math.Min(take, distinct), fused.Count);
            Assert.All(fused, h => Assert.InRange(h.Score, float.Epsilon, 1f));
            Assert.True(fused.Zip(fused.Skip(1)).All(p => p.First.Score >= p.Second.Score));
            Assert.Equal(fused.Count, fused.Select(h => h.Id).Distinct().Count());
        }
    }

    [Fact]
    public void Nothing_in_nothing_out()
    {
        Assert.Empty(RankFusion.Reciprocal([]));
        Assert.Empty(RankFusion.Reciprocal([Array.Empty<Scored>(), Array.Empty<Scored>()]));
        Assert.Empty(RankFusion.Reciprocal([Ranked(1, 2)], take: 0));
    }
}
