namespace Engram.MemoryBench;

/// Text made here from a fixed seed: the documents a support team might keep (who did what,
/// where, when and why), and questions in the same words, so retrieval has real matches to find.
internal sealed class Corpus(int seed)
{
    private static readonly string[] People =
        ["Amara Okafor", "Lena Fischer", "Tomás Rivera", "Priya Natarajan", "Jonas Berg", "Mei Chen", "Samuel Adeyemi",
         "Clara Dubois", "Yusuf Demir", "Hana Sato", "Oliver Grant", "Ingrid Larsen", "Mateo Rossi", "Aisha Rahman",
         "Viktor Novak", "Sofia Almeida", "Kwame Mensah", "Elena Petrova", "Lucas Moreau", "Nora Haddad"];
    private static readonly string[] Actions =
        ["renewed the contract for", "reported a fault in", "asked for a refund on", "upgraded", "cancelled",
         "migrated", "audited", "installed", "returned", "reviewed the invoice for", "escalated a ticket about",
         "requested a demo of", "signed the order for", "complained about the delay of", "approved the budget for"];
    private static readonly string[] Things =
        ["the warehouse scanners", "the billing portal", "the fibre line", "the solar inverter", "the fleet telematics",
         "the payroll module", "the espresso machines", "the cold-storage sensors", "the call-centre headsets",
         "the backup generator", "the CRM licences", "the loading-dock doors", "the VPN gateway", "the label printers",
         "the HVAC controller", "the delivery vans", "the analytics dashboard", "the point-of-sale terminals"];
    private static readonly string[] Places =
        ["in Lisbon", "at the Rotterdam depot", "in the Nairobi office", "at head office", "in the Osaka branch",
         "at the Denver plant", "in the Toronto store", "at the Lyon warehouse", "in the Cape Town hub", "remotely"];
    private static readonly string[] Whens =
        ["last Tuesday", "in early March", "on 14 June 2024", "the week before the audit", "after the outage",
         "during the winter peak", "two days before the deadline", "at the end of the quarter", "on a Sunday night"];
    private static readonly string[] Reasons =
        ["because the old firmware kept crashing", "since the price had gone up by 12%", "after three failed deliveries",
         "to meet the new safety rules", "because the team had doubled", "as the warranty was about to expire",
         "after a customer complained twice", "because the supplier changed its terms", "to cut energy costs"];
    private static readonly string[] Questions =
        ["Who {0} {1}?", "When did {2} act on {1}?", "Why was {1} an issue {3}?", "What happened with {1} {3}?",
         "What did {2} do about {1}?", "Which site had trouble with {1}?"];

    private readonly Random random = new(seed);

    public string Sentence() =>
        $"{Pick(People)} {Pick(Actions)} {Pick(Things)} {Pick(Places)} {Pick(Whens)}, {Pick(Reasons)}.";

    /// About <paramref name="characters"/> characters of sentences, a paragraph every few.
    public string Document(int characters)
    {
        var text = new System.Text.StringBuilder(characters + 200);
        while (text.Length < characters)
        {
            text.Append(Sentence()).Append(random.Next(4) == 0 ? "\n\n" : " ");
        }
        return text.ToString();
    }

    /// A chunk-sized passage of a few sentences, for chunks seeded without the chunker.
    public string Passage(int characters)
    {
        var text = new System.Text.StringBuilder(characters + 200);
        while (text.Length < characters)
        {
            text.Append(Sentence()).Append(' ');
        }
        return text.ToString().TrimEnd();
    }

    public string Question() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(Questions), Pick(Actions), Pick(Things), Pick(People), Pick(Places));

    private string Pick(string[] words) => words[random.Next(words.Length)];
}
