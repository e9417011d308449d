using Engram.Graph;
using Engram.Retrieval;

namespace Engram.Tests;

/// GraphRanking on random graphs: scores stay in 0–1, every fact found is ranked once, and among
/// facts that contradict (same relation, same entities) the newest always ranks first.
public sealed class GraphRankingTests
{
    [Fact]
    public void Among_contradicting_facts_the_newest_ranks_first_and_scores_stay_in_range()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var index = new GraphIndex(dimensions: 4, incarnation: 1);
            var factCount = random.Next(1, 60);
            var links = new Dictionary<long, List<long>>();
            for (long fact = 1; fact <= factCount; fact++)
            {
                var entities = Enumerable.Range(0, random.Next(0, 3)).Select(_ => (long)random.Next(1, 6)).Distinct().Order().ToArray();
                var relation = random.Next(3) == 0 ? null : random.Next(2) == 0 ? "lives in" : "works at";
                DateTime? validAt = random.Next(4) == 0 ? null : new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(0, 1000));
                index.Facts[fact] = new IndexedFact(validAt, relation, entities);
                foreach (var entity in entities)
                {
                    (links.TryGetValue(entity, out var list) ? list : links[entity] = []).Add(fact);
                }
            }
            foreach (var (entity, facts) in links)
            {
                index.FactsOfEntity[entity] = [.. facts];
            }
            var fused = Enumerable.Range(1, factCount).OrderBy(_ => random.Next()).Take(random.Next(0, factCount + 1))
                .Select((fact, rank) => new Scored(fact, 1f / (1 + rank))).ToList();
            var named = random.Next(2) == 0 ? [] : new List<IndexedEntity> { new(random.Next(1, 6), "someone", "person") };

            var ranked = GraphRanking.Rank(index, fused, named, topK: 5, entitiesFollowed: 12, factsPerEntity: 24);

            Assert.Equal(ranked.Count, ranked.Select(hit => hit.Id).Distinct().Count());
            Assert.All(fused, hit => Assert.Contains(ranked, r => r.Id == hit.Id));
            Assert.All(ranked, hit => Assert.InRange(hit.Score, 0f, 1f));
            Assert.Equal(ranked.Select(hit => hit.Score).OrderDescending(), ranked.Select(hit => hit.Score));
            var position = ranked.Select((hit, i) => (hit.Id, i)).ToDictionary(p => p.Id, p => p.i);
            var groups = ranked.Where(hit => index.Facts[hit.Id] is { Relation: not null, Entities.Length: > 0 })
                .GroupBy(hit => index.Facts[hit.Id].Relation + "|" + string.Join(',', index.Facts[hit.Id].Entities));
            foreach (var group in groups)
            {
                var newestFirst = group.OrderByDescending(hit => index.Facts[hit.Id].ValidAt ?? DateTime.MinValue).ThenByDescending(hit => hit.Id).ToList();
                for (var i = 1; i < newestFirst.Count; i++)
                {
                    // Equal scores may tie in either order; otherwise the newer is ahead.
                    Assert.True(newestFirst[i - 1].Score >= newestFirst[i].Score, $"seed {seed}: a newer contradicting fact ranked below an older one");
                }
            }
        }
    }
}
