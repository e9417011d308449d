using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Engram.Ingestion;
using Engram.Retrieval;

namespace Engram.Graph;

/// The smallest extractor that makes a graph: each sentence a fact, each run of capitalised words
/// an entity, "I", "me" and "my" the speaker. It stands in until the built-in extractor
/// (Graph/Extraction) is registered in its place; graph memory asks no more of an extractor than this.
public sealed partial class SentenceFactExtractor : IFactExtractor
{
    // Capitalised words that start sentences without naming anything.
    private static readonly FrozenSet<string> Openers = FrozenSet.ToFrozenSet(
    [
        "A", "An", "The", "I", "It", "We", "You", "He", "She", "They", "This", "That", "These", "Those", "My", "Our", "Your",
        "His", "Her", "Their", "In", "On", "At", "And", "But", "So", "If", "When", "What", "Yes", "No", "Oh", "Hey", "Hi", "Thanks",
        "Later", "Also", "Then", "There", "Every", "All", "Some", "Wow", "Well", "Just",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Dates = FrozenSet.ToFrozenSet(
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ], StringComparer.Ordinal);

    public Task<ExtractedGraph> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        var entities = new Dictionary<string, ExtractedEntity>(StringComparer.OrdinalIgnoreCase);
        var facts = new List<ExtractedFact>();
        foreach (var sentence in SupportingFacts.Sentences(input.Text))
        {
            if (sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3)
            {
                continue; // "Thanks!" says nothing worth remembering
            }
            var names = new List<string>();
            var content = sentence;
            if (input.Speaker is { } speaker && FirstPerson().IsMatch(sentence))
            {
                content = FirstPerson().Replace(sentence, m => m.Value switch
                {
                    "my" => speaker + "'s",
                    "I'm" => speaker + " is",
                    "I've" => speaker + " has",
                    _ => speaker,
                });
                names.Add(speaker);
                entities.TryAdd(speaker, new ExtractedEntity(speaker, "person", []));
            }
            if (input.DatedAt is { } said)
            {
                content = RelativeDates.Resolve(content, said);
            }
            foreach (Match span in Capitalised().Matches(sentence))
            {
                var name = span.Value;
                if ((span.Index == 0 && !name.Contains(' ', StringComparison.Ordinal) && Openers.Contains(name)) || name == "I")
                {
                    continue;
                }
                if (span.Index == 0 && name.Split(' ') is [var first, ..] && Openers.Contains(first))
                {
                    name = name[(first.Length + 1)..];
                }
                names.Add(name);
                entities.TryAdd(name, new ExtractedEntity(name, Dates.Contains(name) ? "date" : "other", []));
            }
            facts.Add(new ExtractedFact(content, input.DatedAt, names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), null));
        }
        return Task.FromResult(new ExtractedGraph([.. entities.Values], facts));
    }

    [GeneratedRegex(@"\b(I|me|my|I'm|I've)\b(?!')", RegexOptions.CultureInvariant)]
    private static partial Regex FirstPerson();

    // One to four capitalised words in a row ("Paris", "New York City").
    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{M}'\-]+(?: \p{Lu}[\p{L}\p{M}'\-]+){0,3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Capitalised();
}
