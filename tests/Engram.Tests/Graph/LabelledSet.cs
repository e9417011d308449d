using Engram.Graph;

namespace Engram.Tests.Graph;

/// A text with the entities a careful reader would name in it (kind included) and, where a pronoun
/// or an "I" must be resolved, a phrase one of the facts must contain.
public sealed record Labelled(string Text, string? Speaker, string SampleType, string Ontology, (string Name, string Kind)[] Entities, string? FactContains = null)
{
    public static readonly DateTime Said = new(2023, 5, 8, 13, 56, 0, DateTimeKind.Utc); // a Monday

    public ExtractionInput Input => new(Text, Speaker, SampleType == "document" ? null : Said, Ontology, SampleType);
}

/// Written by hand for these tests (not taken from LoCoMo): conversation turns in its style, news-like
/// prose and support tickets; 45 texts. Dates are entities too ("[7 May 2023]" resolved from "yesterday").
public static class LabelledSet
{
    private const string P = "person", Pl = "place", O = "organisation", Pr = "product", D = "date", T = "title", E = "error";

    private static Labelled Turn(string speaker, string text, (string, string)[] entities, string? fact = null) =>
        new(text, speaker, "human", "culture", entities, fact);

    private static Labelled News(string text, (string, string)[] entities, string? fact = null) =>
        new(text, null, "document", "essays", entities, fact);

    private static Labelled Ticket(string text, (string, string)[] entities, string? fact = null) =>
        new(text, null, "document", "support_requests", entities, fact);

    public static readonly Labelled[] All =
    [
        Turn("Jon", "Hey Gina! I lost my job at Meridian Bank last month, so I'm starting my own dance studio.",
            [("Jon", P), ("Meridian Bank", O), ("April 2023", D)], "Jon lost Jon's job at Meridian Bank"),
        Turn("Gina", "I visited Portland with my sister Ana last weekend.", [("Gina", P), ("Portland", Pl), ("Ana", P), ("6 May 2023", D)], "Gina visited Portland"),
        Turn("Maria", "My brother Tom works at Google now and he loves it.", [("Maria", P), ("Tom", P), ("Google", O)], "Tom loves it"),
        Turn("Caroline", "I just finished reading Becoming Nicole by Amy Ellis Nutt.", [("Caroline", P), ("Becoming Nicole", T), ("Amy Ellis Nutt", P)], "Caroline just finished reading"),
        Turn("Melanie", "We watched \"The Little Mermaid\" with the kids on Saturday.", [("Melanie", P), ("The Little Mermaid", T)], "Melanie watched"),
        Turn("Caroline", "Thanks, Mel! That's so sweet.", []),
        Turn("Melanie", "lol", []),
        Turn("Caroline", "How are you doing these days?", []),
        Turn("Dev", "I moved to Berlin from Toronto in 2019 to work for Spotify.", [("Dev", P), ("Berlin", Pl), ("Toronto", Pl), ("2019", D), ("Spotify", O)], "Dev moved to Berlin"),
        Turn("Sam", "My friend Priya Shah just adopted a puppy named Biscuit.", [("Sam", P), ("Priya Shah", P), ("Biscuit", P)], "Sam's friend Priya Shah just adopted"),
        Turn("Sam", "Priya says she is thinking of moving to Lisbon.", [("Priya", P), ("Lisbon", Pl)], "Priya is thinking of moving to Lisbon"),
        Turn("Emma", "Went to a Taylor Swift concert in Chicago yesterday with Jake!", [("Emma", P), ("Taylor Swift", P), ("Chicago", Pl), ("Jake", P), ("7 May 2023", D)], "Emma went to a Taylor Swift concert"),
        Turn("Nate", "My son Leo started kindergarten at Riverside Elementary School.", [("Nate", P), ("Leo", P), ("Riverside Elementary School", O)], "Nate's son Leo started"),
        Turn("Ava", "I'm reading Dune again, it's my favourite book.", [("Ava", P), ("Dune", T)], "Ava is reading Dune"),
        Turn("Ava", "Yesterday Carlos and I hiked Mount Rainier.", [("Ava", P), ("Carlos", P), ("Mount Rainier", Pl), ("7 May 2023", D)]),
        Turn("Ava", "Haha yeah, same here!", []),
        Turn("Leo", "Good luck with the interview!", []),
        Turn("Leo", "I got a new iPhone 15 last week and the camera is amazing.", [("Leo", P), ("iPhone 15", Pr), ("1 May 2023", D)], "Leo got a new iPhone 15"),
        Turn("Caroline", "My grandma taught me to paint when I was little.", [("Caroline", P)], "Caroline's grandma taught Caroline to paint"),
        Turn("Melanie", "Caroline told me she is applying to Columbia University.", [("Melanie", P), ("Caroline", P), ("Columbia University", O)], "Caroline is applying to Columbia University"),
        Turn("John", "Maria and I are flying to Japan next month for our anniversary.", [("John", P), ("Maria", P), ("Japan", Pl), ("June 2023", D)], "John is flying to Japan"),
        Turn("Tim", "I love the Harry Potter books; I've read them all twice.", [("Tim", P), ("Harry Potter", T)], "Tim loves the Harry Potter books"),
        Turn("Joanna", "Wow, that sounds amazing! Congrats!", []),
        Turn("Joanna", "My screenplay got accepted at the Sundance Film Festival two weeks ago.", [("Joanna", P), ("Sundance Film Festival", O), ("24 April 2023", D)], "Joanna's screenplay got accepted"),
        Turn("Nate", "I've been playing Xbox with my buddy Ray every night.", [("Nate", P), ("Xbox", Pr), ("Ray", P)], "Nate has been playing Xbox"),
        News("Acme Corp announced on 3 March 2024 that it will open a new factory in Ohio.", [("Acme Corp", O), ("3 March 2024", D), ("Ohio", Pl)]),
        News("The company's chief executive, Maria Lopez, said the plant would employ 500 people. Lopez previously worked at General Motors for a decade.",
            [("Maria Lopez", P), ("General Motors", O)]),
        News("The European Central Bank kept interest rates unchanged on Thursday.", [("European Central Bank", O)]),
        News("Prime Minister Keir Starmer visited Kyiv in June 2024 to meet President Volodymyr Zelensky.",
            [("Keir Starmer", P), ("Kyiv", Pl), ("June 2024", D), ("Volodymyr Zelensky", P)]),
        News("Researchers at Stanford University published the study on Tuesday.", [("Stanford University", O)]),
        News("Heavy rain flooded parts of Lagos, Nigeria, forcing thousands from their homes.", [("Lagos", Pl), ("Nigeria", Pl)]),
        News("Netflix will release the documentary \"Deep Water\" on 12 July 2025.", [("Netflix", O), ("Deep Water", T), ("12 July 2025", D)]),
        News("Dr. Hannah Okafor leads the vaccine team at the Pasteur Institute in Paris.", [("Hannah Okafor", P), ("Pasteur Institute", O), ("Paris", Pl)]),
        News("Tesla recalled 2,000 Model 3 cars over a faulty seat belt.", [("Tesla", O), ("Model 3", Pr)]),
        News("The festival in Edinburgh drew 400,000 visitors this August.", [("Edinburgh", Pl)]),
        News("Amara Diallo founded the charity in 2015. She now runs it in Dakar.", [("Amara Diallo", P), ("2015", D), ("Dakar", Pl)], "Amara Diallo now runs it in Dakar"),
        Ticket("Customer Jane Doe reports that Acme Sync 4.2 crashes on Windows 11 after the latest update. She sees the error \"Disk quota exceeded\" when saving files.",
            [("Jane Doe", P), ("Acme Sync 4.2", Pr), ("Windows 11", Pr), ("Disk quota exceeded", E)], "Jane Doe sees the error"),
        Ticket("The sync fails with ERR_CONNECTION_RESET behind the corporate proxy.", [("ERR_CONNECTION_RESET", E)]),
        Ticket("Bob from Globex says their Outlook plugin stopped working in version 2.3.1.", [("Bob", P), ("Globex", O), ("Outlook", Pr)]),
        Ticket("Error 0x80070005 appears when installing the Engram CLI on macOS Sonoma.", [("Error 0x80070005", E), ("Engram CLI", Pr), ("macOS Sonoma", Pr)]),
        Ticket("Please escalate: the customer, Li Wei, has been charged twice for the Pro plan.", [("Li Wei", P), ("Pro", Pr)]),
        Ticket("Thanks for your help!", []),
        Ticket("Can you reset my password?", []),
        Ticket("Why does Acme Sync show HTTP 500 since the upgrade?", [("Acme Sync", Pr), ("HTTP 500", E)]),
        Ticket("The invoice for Globex Ltd was sent to billing@globex.com on 2 May 2024.", [("Globex Ltd", O), ("2 May 2024", D)]),
    ];
}
