using Engram.Graph;
using Engram.Graph.Extraction;

namespace Engram.Tests.Graph;

/// The shapes of the extractor's output a reader of graph memory relies on.
public sealed class ExtractorBehaviourTests
{
    private static readonly DateTime Said = new(2023, 5, 8, 13, 56, 0, DateTimeKind.Utc);

    [Fact]
    public void A_turn_becomes_dated_third_person_facts()
    {
        var graph = BuiltInFactExtractor.Extract(new("I went to a LGBTQ support group yesterday and it was so powerful.", "Caroline", Said, "culture", "human"));
        var fact = Assert.Single(graph.Facts);
        Assert.Equal("Caroline went to a LGBTQ support group yesterday [7 May 2023] and it was so powerful.", fact.Content);
        Assert.Equal(new DateTime(2023, 5, 7, 0, 0, 0, DateTimeKind.Utc), fact.ValidAt);
        Assert.Equal(["Caroline", "7 May 2023"], fact.Entities);
        Assert.Contains(graph.Entities, e => e is { Name: "7 May 2023", Kind: "date" });
    }

    [Fact]
    public void A_fact_without_a_date_of_its_own_takes_the_message_time()
    {
        var fact = Assert.Single(BuiltInFactExtractor.Extract(new("Caroline: I moved to Sweden for work.", null, Said, null, "human")).Facts);
        Assert.Equal("Caroline moved to Sweden for work.", fact.Content);
        Assert.Equal(Said, fact.ValidAt);
        Assert.Equal("moved to", fact.Relation);
    }

    [Fact]
    public void Names_the_text_pairs_are_one_entity()
    {
        var graph = BuiltInFactExtractor.Extract(new("Melanie Reed (Mel) paints lakes. Mel sold a painting to Acme Corp. ACME CORP's office is in Oslo.", null, null, "culture", "document"));
        var melanie = Assert.Single(graph.Entities, e => e.Kind == "person");
        Assert.Equal("Melanie Reed", melanie.Name);
        Assert.Contains("Mel", melanie.Aliases);
        Assert.Single(graph.Entities, e => e.Name.Equals("Acme Corp", StringComparison.OrdinalIgnoreCase));
        Assert.All(graph.Facts.Where(f => f.Content.Contains("Mel ", StringComparison.Ordinal)), f => Assert.Contains("Melanie Reed", f.Entities));
    }

    [Fact]
    public void Pronouns_stay_when_two_people_could_be_meant()
    {
        var facts = BuiltInFactExtractor.Extract(new("On Monday Ana met Rosa at the station. She was late.", null, null, "essays", "document")).Facts;
        Assert.Contains(facts, f => f.Content == "She was late.");
    }

    [Fact]
    public void Document_pronouns_do_not_reach_across_paragraphs()
    {
        var facts = BuiltInFactExtractor.Extract(new("Amara Diallo founded the charity.\n\nShe runs a bakery in Dakar now.", null, null, "essays", "document")).Facts;
        Assert.DoesNotContain(facts, f => f.Content.Contains("Amara Diallo runs", StringComparison.Ordinal));
    }
}
