using Engram.Retrieval;

namespace Engram.Tests;

/// BM25 held to a hand computation on a three-document corpus, and Remove held to the index
/// that never had the removed documents.
public sealed class LexicalIndexTests
{
    // After analysis: 1 = [cat, dog] (2 tokens), 2 = [cat, cat, fish] (3), 3 = [bird] (1).
    // N = 3, average length 2.
    private static LexicalIndex Tiny(float b = 0.75f)
    {
        var index = new LexicalIndex(1.2f, b);
        index.Add(1, "The cat and the dog.");
        index.Add(2, "Cat, cat: fish!");
        index.Add(3, "A bird.");
        return index;
    }

    [Fact]
    public void Scores_match_a_hand_computation()
    {
        // "cat": df 2, idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6.
        var idfCat = MathF.Log(1.6f);
        // Document 1: tf 1, length 2 = average, so tf·(k1+1) / (tf + k1) = 2.2 / 2.2 = 1.
        // Document 2: tf 2, length 3: 2·2.2 / (2 + 1.2·(0.25 + 0.75·3/2)) = 4.4 / 3.65.
        var hits = Tiny().Search("cats", 10);
        Assert.Equal([2L, 1L], hits.Select(h => h.Id));
        Assert.Equal(idfCat * 4.4f / 3.65f, hits[0].Score, 1e-5f);
        Assert.Equal(idfCat, hits[1].Score, 1e-5f);

        // "bird": df 1, idf = ln(1 + 2.5 / 1.5); document 3: tf 1, length 1: 2.2 / (1 + 1.2·0.625).
        var both = Tiny().Search("birds and a cat", 10);
        Assert.Equal([3L, 2L, 1L], both.Select(h => h.Id));
        Assert.Equal(MathF.Log(1f + 2.5f / 1.5f) * 2.2f / 1.75f, both[0].Score, 1e-5f);
    }

    [Fact]
    public void A_dirty_array_from_the_shared_pool_does_not_change_a_search()
    {
        var index = new LexicalIndex(1.2f, 0f);
        for (var id = 0; id < 5000; id++)
        {
            index.Add(id, id % 7 == 0 ? $"lighthouse keeper number {id}" : $"ordinary text {id}");
        }
        var clean = index.Search("lighthouse", 5);
        // Another user of the pool returns an array of the same size without clearing it.
        var dirty = System.Buffers.ArrayPool<float>.Shared.Rent(5000);
        Array.Fill(dirty, 1000f);
        System.Buffers.ArrayPool<float>.Shared.Return(dirty);
        var after = index.Search("lighthouse", 5);
        Assert.Equal(5, after.Count);
        Assert.Equal(clean, after);
        Assert.All(after, hit => Assert.Equal(0, hit.Id % 7));
    }

    [Fact]
    public void B_of_zero_ignores_document_length()
    {
        var hits = Tiny(b: 0f).Search("cat", 10);
        Assert.Equal(MathF.Log(1.6f) * 4.4f / 3.2f, hits[0].Score, 1e-5f);
        Assert.Equal(MathF.Log(1.6f), hits[1].Score, 1e-5f);
    }

    [Fact]
    public void Queries_of_unknown_or_stop_words_find_nothing()
    {
        Assert.Empty(Tiny().Search("the and of", 10));
        Assert.Empty(Tiny().Search("zebra", 10));
        Assert.Empty(Tiny().Search("", 10));
        Assert.Empty(Tiny().Search("cat", 0));
        Assert.Empty(new LexicalIndex().Search("cat", 10));
        Assert.Equal(2, Tiny().Search("cat", int.MaxValue).Count);
    }

    [Fact]
    public void After_removes_and_replacements_it_ranks_as_an_index_built_from_the_survivors()
    {
        var words = "apple banana cherry date elder fig grape honey iris juniper kiwi lemon mango".Split(' ');
        var random = new Random(13);
        for (var trial = 0; trial < 20; trial++)
        {
            var index = new LexicalIndex();
            var texts = new Dictionary<long, string>();
            for (var step = 0; step < 400; step++)
            {
                var id = (long)random.Next(150);
                if (random.Next(3) == 0)
                {
                    index.Remove(id);
                    texts.Remove(id);
                }
                else
                {
                    var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => words[random.Next(words.Length)]));
                    index.Add(id, text);
                    texts[id] = text;
                }
            }
            var fresh = new LexicalIndex();
            foreach (var (id, text) in texts.OrderBy(p => p.Key))
            {
                fresh.Add(id, text);
            }
            Assert.Equal(texts.Count, index.Count);
            foreach (var query in new[] { "apple", "fig kiwi", "mango banana grape", "lemon lemon iris" })
            {
                var expected = fresh.Search(query, 200);
                var actual = index.Search(query, 200);
                Assert.Equal(expected.Count, actual.Count);
                // Equal scores may come in either order; the score of every id must agree.
                var scoreOf = actual.ToDictionary(h => h.Id, h => h.Score);
                Assert.All(expected, h => Assert.Equal(h.Score, scoreOf[h.Id], 1e-4f));
            }
        }
    }
}
