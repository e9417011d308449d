namespace Engram.Graph.Extraction;

/// The kinds of entity the built-in extractor names: the six of the issue, and the error messages
/// and codes of support tickets.
internal static class EntityKinds
{
    public const string Person = "person";
    public const string Place = "place";
    public const string Organisation = "organisation";
    public const string Product = "product";
    public const string Date = "date";
    public const string Title = "title";
    public const string Error = "error";
}

/// A name in a sentence: tokens [Start, End), the name as written (without a possessive 's) and
/// its kind. `Vocative` when the sentence speaks to that person ("Thanks, Mel!"): the name says
/// who "you" is and is left out of the fact.
internal sealed record Mention(int Start, int End, string Name, string Kind, bool Vocative = false);

/// How the built-in extractor leans per memory ontology (docs/graph-memory.md says what each keeps).
internal sealed record ExtractionRules(bool KeepQuestionsAboutEntities, bool ErrorsAreEntities, int ContentWords, bool ArtistAfterBy, bool ProductsByDefault = false)
{
    public static ExtractionRules For(string? ontology) => ontology?.ToLowerInvariant() switch
    {
        // A ticket's question is its problem ("Why does Acme Sync fail with 'disk full'?"), its errors are what it is about.
        // An unknown name in a ticket is more often the product than a person: people there come with "Customer", "from", "says".
        "support_requests" => new(KeepQuestionsAboutEntities: true, ErrorsAreEntities: true, ContentWords: 2, ArtistAfterBy: false, ProductsByDefault: true),
        // Essays argue in whole sentences: a fact needs a few words of content, and rhetorical questions claim nothing.
        "essays" => new(KeepQuestionsAboutEntities: false, ErrorsAreEntities: false, ContentWords: 3, ArtistAfterBy: false),
        // Culture is about works and who made them: "Purple Rain by Prince" names the artist.
        _ => new(KeepQuestionsAboutEntities: false, ErrorsAreEntities: false, ContentWords: 2, ArtistAfterBy: true),
    };
}
