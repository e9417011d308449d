namespace Engram.Tests.Graph;

/// Twenty more texts, labelled after the rules were written and never used to tune them: the
/// honest measure of how the extractor does on text it has not seen.
public static class HeldOutSet
{
    private const string P = "person", Pl = "place", O = "organisation", Pr = "product", D = "date", T = "title", E = "error";

    private static Labelled Turn(string speaker, string text, (string, string)[] entities, string? fact = null) =>
        new(text, speaker, "human", "culture", entities, fact);

    private static Labelled News(string text, (string, string)[] entities) => new(text, null, "document", "essays", entities);

    private static Labelled Ticket(string text, (string, string)[] entities) => new(text, null, "document", "support_requests", entities);

    public static readonly Labelled[] All =
    [
        Turn("Audrey", "My dogs Pepper and Panda went to the beach in Santa Cruz with me on Sunday.",
            [("Audrey", P), ("Pepper", P), ("Panda", P), ("Santa Cruz", Pl)], "Audrey's dogs Pepper and Panda went"),
        Turn("Andrew", "I started a new job at Deloitte as a financial analyst three weeks ago.", [("Andrew", P), ("Deloitte", O), ("17 April 2023", D)], "Andrew started a new job"),
        Turn("John", "Last Friday I met my old coach, Mr. Harris, at a café in Boston.", [("John", P), ("Harris", P), ("Boston", Pl), ("5 May 2023", D)], "John met"),
        Turn("Maria", "She volunteers at the Sunrise Shelter every weekend, and I'm so proud of her.", [("Maria", P), ("Sunrise Shelter", O)]),
        Turn("Tim", "Have you seen Interstellar? It's my favorite movie.", [("Tim", P), ("Interstellar", T)]),
        Turn("Deborah", "Thank you so much, that means a lot to me!", []),
        Turn("Evan", "My wife Sarah and I bought a house near Lake Tahoe in March.", [("Evan", P), ("Sarah", P), ("Lake Tahoe", Pl)], "Evan's wife Sarah"),
        Turn("Jolene", "I finally beat Elden Ring last night, took me 120 hours lol", [("Jolene", P), ("Elden Ring", T), ("7 May 2023", D)], "Jolene finally beat Elden Ring"),
        Turn("Gina", "Jon and I went to Paris for his birthday.", [("Gina", P), ("Jon", P), ("Paris", Pl)], "for Jon's birthday"),
        News("Microsoft agreed to buy Activision Blizzard for $69 billion in January 2022.", [("Microsoft", O), ("Activision Blizzard", O), ("January 2022", D)]),
        News("The mayor of Denver, Mike Johnston, opened a new shelter on Colfax Avenue.", [("Denver", Pl), ("Mike Johnston", P), ("Colfax Avenue", Pl)]),
        News("Kenya's president William Ruto met investors in Nairobi on 14 May 2024.", [("Kenya", Pl), ("William Ruto", P), ("Nairobi", Pl), ("14 May 2024", D)]),
        News("The novel \"Tomorrow, and Tomorrow, and Tomorrow\" by Gabrielle Zevin sold a million copies.",
            [("Tomorrow, and Tomorrow, and Tomorrow", T), ("Gabrielle Zevin", P)]),
        News("Airbus delivered 735 aircraft last year, beating Boeing for the fifth time.", [("Airbus", O), ("Boeing", O)]),
        News("Greta Thunberg spoke at the United Nations climate summit in New York.", [("Greta Thunberg", P), ("United Nations", O), ("New York", Pl)]),
        Ticket("Hi team, our admin Priya cannot log in to the Acme dashboard since Monday.", [("Priya", P), ("Acme", Pr)]),
        Ticket("After upgrading to version 5.1, Slack notifications stopped arriving on Android.", [("Slack", Pr), ("Android", Pr)]),
        Ticket("The export job fails with \"Permission denied\" on Ubuntu 22.04.", [("Permission denied", E), ("Ubuntu 22.04", Pr)]),
        Ticket("Customer Tom Becker from Initech was double-billed on 3 April 2024.", [("Tom Becker", P), ("Initech", O), ("3 April 2024", D)]),
        Ticket("Please refund order 48213 for Maria Gonzalez.", [("Maria Gonzalez", P)]),
    ];
}
