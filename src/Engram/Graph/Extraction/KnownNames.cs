using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// What a capitalised name is when the sentence does not say: a short gazetteer of places, the
/// organisations and products people mention most, and the words that mark each kind ("Bank",
/// "Street", "app"). Lower case; a name matches on its whole lower-cased form or, for the marks,
/// on its last word (or the word after it).
internal static class KnownNames
{
    private static FrozenSet<string> Lines(string lines) =>
        lines.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Places = Lines("""
        afghanistan, albania, algeria, argentina, armenia, australia, austria, bangladesh, belgium, bolivia, brazil, bulgaria,
        cambodia, cameroon, canada, chile, china, colombia, croatia, cuba, cyprus, czechia, denmark, ecuador, egypt, england,
        estonia, ethiopia, finland, france, germany, ghana, greece, guatemala, haiti, hungary, iceland, india, indonesia, iran,
        iraq, ireland, israel, italy, jamaica, japan, jordan, kenya, korea, south korea, north korea, kuwait, laos, latvia,
        lebanon, lithuania, luxembourg, malaysia, mexico, mongolia, morocco, nepal, netherlands, holland, new zealand, nigeria,
        norway, pakistan, panama, peru, philippines, poland, portugal, qatar, romania, russia, saudi arabia, scotland, senegal,
        serbia, singapore, slovakia, slovenia, somalia, south africa, spain, sri lanka, sudan, sweden, switzerland, syria,
        taiwan, tanzania, thailand, tunisia, turkey, uganda, ukraine, united kingdom, uk, united states, usa, us, america,
        uruguay, venezuela, vietnam, wales, yemen, zambia, zimbabwe, europe, asia, africa, antarctica, oceania,
        north america, south america, latin america, middle east, scandinavia, caribbean, hawaii, alaska,
        alabama, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia, idaho, illinois, indiana,
        iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota, mississippi, missouri,
        montana, nebraska, nevada, new hampshire, new jersey, new mexico, new york, north carolina, north dakota, ohio,
        oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee, texas, utah, vermont,
        virginia, washington, west virginia, wisconsin, wyoming, ontario, quebec, british columbia, bavaria, catalonia,
        london, paris, berlin, madrid, rome, lisbon, dublin, amsterdam, brussels, vienna, prague, warsaw, budapest,
        stockholm, oslo, copenhagen, helsinki, athens, istanbul, moscow, kyiv, kiev, tokyo, kyoto, osaka, seoul, beijing,
        shanghai, hong kong, bangkok, delhi, new delhi, mumbai, bangalore, dubai, cairo, nairobi, lagos, cape town,
        sydney, melbourne, auckland, toronto, vancouver, montreal, chicago, boston, seattle, portland, denver, austin,
        dallas, houston, miami, atlanta, phoenix, las vegas, los angeles, la, san francisco, san diego, nyc,
        new york city, brooklyn, manhattan, philadelphia, detroit, nashville, new orleans, orlando, mexico city,
        rio, rio de janeiro, sao paulo, buenos aires, lima, bogota, edinburgh, glasgow, manchester, liverpool, oxford,
        cambridge, barcelona, munich, hamburg, milan, venice, florence, naples, zurich, geneva, krakow, reykjavik,
        silicon valley, yosemite, yellowstone, grand canyon, alps, himalayas, rockies, sahara, amazon rainforest
        """);

    public static readonly FrozenSet<string> PlaceMarks = Lines("""
        city, town, village, county, state, province, street, st, avenue, ave, road, rd, boulevard, lane, drive, square,
        park, lake, river, mountain, mountains, mount, mt, beach, island, islands, bay, valley, canyon, falls, forest,
        desert, coast, harbor, harbour, hills, bridge, airport, station, museum, gallery, zoo, trail, peninsula, ocean, sea
        """);

    public static readonly FrozenSet<string> Organisations = Lines("""
        google, microsoft, apple, amazon, meta, facebook, instagram, netflix, spotify, ibm, intel, nvidia, tesla, uber, lyft,
        airbnb, twitter, openai, anthropic, samsung, sony, nintendo, disney, pixar, walmart, target, costco, starbucks,
        mcdonald's, nike, adidas, ikea, toyota, honda, ford, bmw, volkswagen, nasa, fbi, cia, un, unicef, who, reuters,
        bbc, cnn, nbc, npr, the new york times, salesforce, oracle, adobe, stripe, shopify, paypal, visa, mastercard,
        github, gitlab, atlassian, slack, zoom, dropbox, linkedin, youtube, tiktok, reddit, wikipedia, red cross,
        greenpeace, harvard, stanford, mit, yale, princeton, oxford university, cambridge university, duohub
        """);

    public static readonly FrozenSet<string> OrganisationMarks = Lines("""
        inc, ltd, llc, corp, corporation, company, co, group, bank, university, college, school, academy, institute,
        foundation, association, agency, hospital, clinic, church, club, society, council, ministry, department,
        airlines, airways, motors, labs, technologies, systems, studios, records, press, times, news, party, team,
        partners, holdings, industries, enterprises, solutions, software, services, network, center, centre, union,
        committee, commission, federation, league, orchestra, band, choir, charity, shelter, cafe, restaurant, store,
        shop, bakery, gym, library, festival, conference, summit, awards, championship, olympics, expo, fair
        """);

    public static readonly FrozenSet<string> Products = Lines("""
        iphone, ipad, ipod, macbook, imac, android, windows, macos, ios, linux, ubuntu, excel, word, powerpoint, outlook,
        office, teams, chrome, firefox, safari, edge, photoshop, illustrator, kindle, alexa, siri, playstation, xbox,
        switch, pixel, galaxy, chatgpt, copilot, postgres, postgresql, sqlite, mysql, docker, kubernetes, python, java,
        javascript, typescript, react, node, nodejs, dotnet, .net, wordpress, minecraft, fortnite, tinder, whatsapp,
        telegram, signal, venmo, quickbooks, jira, confluence, notion, figma, trello, asana, zendesk, hubspot, engram
        """);

    /// Words after a name that say it is a product: "the Acme app", "my Pixel phone".
    public static readonly FrozenSet<string> ProductNouns = Lines("""
        app, application, phone, laptop, tablet, plugin, plug-in, extension, software, version, update, release,
        device, console, sdk, api, cli, browser, client, server, subscription, plan, tier, edition, model, router, printer
        """);

    public static readonly FrozenSet<string> Honorifics = Lines("""
        mr, mrs, ms, miss, mx, dr, prof, professor, sir, dame, lady, lord, aunt, auntie, uncle, grandma, grandpa, cousin,
        coach, officer, captain, pastor, father, sister, brother, saint, president, minister, prime, senator, governor,
        mayor, ceo, cto, cfo, chancellor, king, queen, prince, princess, pope, judge, customer, client, user, agent,
        engineer, manager, director, chief, secretary, ambassador, representative, sen, rep, gov
        """);

    /// Capitalised words that name no entity of the six kinds: family words, nationalities, holidays, weekdays.
    public static readonly FrozenSet<string> NotNames = Lines("""
        mom, mum, dad, mommy, daddy, mama, papa, grandma, grandpa, god, lord, internet, web, ok, okay, tv, diy, asap,
        fyi, btw, lol, omg, lgbt, lgbtq, lgbtq+, ai, am, pm, english, american, british, spanish, french, german, italian,
        chinese, japanese, korean, swedish, dutch, russian, indian, mexican, canadian, african, asian, european, latin,
        christian, muslim, jewish, buddhist, hindu, christmas, easter, halloween, thanksgiving, hanukkah, ramadan, diwali,
        new year, new year's, valentine's, pride, monday, tuesday, wednesday, thursday, friday, saturday, sunday,
        mondays, tuesdays, wednesdays, thursdays, fridays, saturdays, sundays,
        january, february, march, april, may, june, july, august, september, october, november, december, mother's day,
        father's day, dear, sis, bro, hun, babe, honey, buddy
        """);
}
