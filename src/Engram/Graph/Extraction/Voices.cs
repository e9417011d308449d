namespace Engram.Graph.Extraction;

/// Who the pronouns of one message (or one paragraph of a document) mean: "I" is its speaker,
/// "you" the person it addresses by name ("Thanks, Mel! You…"), and "he" or "she" the last person
/// named, as long as the clause that named them named only one.
internal sealed class Voices(string? speaker, string? addressee)
{
    public string? Speaker { get; } = speaker;

    public string? Addressee { get; } = addressee;

    public string? LastPerson { get; private set; }

    public string? Of(Voice voice) => voice switch
    {
        Voice.Speaker => Speaker,
        Voice.Addressee => Addressee,
        _ => LastPerson,
    };

    /// The people a clause named (besides the speaker and the one addressed).
    public void Named(IReadOnlyCollection<string> people)
    {
        if (people.Count > 0)
        {
            LastPerson = people.Count == 1 ? people.First() : null;
        }
    }

    public void NewParagraph() => LastPerson = null;

    public bool IsSpeakerOrAddressee(string name) =>
        string.Equals(name, Speaker, StringComparison.OrdinalIgnoreCase) || string.Equals(name, Addressee, StringComparison.OrdinalIgnoreCase);
}
