namespace Engram.MemoryBench;

/// A fact as the bench seeds it: its sentence and the entities (indexes into the name list) it names.
internal sealed record SeededFact(string Content, int[] Entities, float[] Vector);

/// Facts for a graph memory too large to extract in a run: one entity per ten facts, each fact a
/// corpus sentence naming one to three of them, embedded with the real model in batches of
/// similar length (as ingestion batches chunks), so the graph index has the model's geometry.
internal static class SeededFacts
{
    private static readonly string[] First =
        ["Ada", "Boris", "Chen", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kira", "Lars", "Mona", "Nils", "Oona",
         "Pavel", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Vera", "Wen", "Ximena", "Yusuf", "Zoe"];
    private static readonly string[] Last =
        ["Abbott", "Brandt", "Castillo", "Dube", "Eriksen", "Fontaine", "Gupta", "Horvat", "Ivanova", "Jensen", "Kowalski", "Lindqvist",
         "Moreau", "Nakamura", "Okafor", "Petrov", "Quispe", "Rahman", "Silva", "Tanaka", "Varga", "Weber", "Yilmaz", "Zhou"];
    private static readonly string[] Links = ["told", "wrote to", "met", "called", "warned", "reminded", "asked"];

    public static string[] EntityNames(int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            // Distinct names past First × Last: a number keeps them unique and still name-shaped.
            var round = i / (First.Length * Last.Length);
            names[i] = $"{First[i % First.Length]} {Last[i / First.Length % Last.Length]}{(round == 0 ? "" : $" {round + 1}")}";
        }
        return names;
    }

    public static async Task<List<SeededFact>> MakeAsync(int count, string[] entities, Corpus corpus, Engram.Embeddings.IEmbedder embedder, int seed)
    {
        var random = new Random(seed);
        var texts = new (string Content, int[] Entities)[count];
        for (var i = 0; i < count; i++)
        {
            var named = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(entities.Length)).Distinct().ToArray();
            var sentence = corpus.Sentence();
            var content = named.Length switch
            {
                1 => $"{entities[named[0]]} said that {sentence}",
                2 => $"{entities[named[0]]} {Links[random.Next(Links.Length)]} {entities[named[1]]}: {sentence}",
                _ => $"{entities[named[0]]} and {entities[named[1]]} {Links[random.Next(Links.Length)]} {entities[named[2]]}: {sentence}",
            };
            texts[i] = (content, named);
        }
        // Batches of similar length pad least, as the ingestion's embedding step sorts them.
        var order = Enumerable.Range(0, count).OrderBy(i => texts[i].Content.Length).ToArray();
        var vectors = new float[count][];
        const int Batch = 64;
        for (var start = 0; start < count; start += Batch)
        {
            var batch = order.Skip(start).Take(Batch).ToArray();
            var embedded = await embedder.EmbedDocumentsAsync(batch.Select(i => texts[i].Content).ToArray(), CancellationToken.None);
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embedded[j];
            }
        }
        return [.. texts.Select((text, i) => new SeededFact(text.Content, text.Entities, vectors[i]))];
    }
}
