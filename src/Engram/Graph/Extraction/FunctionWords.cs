using System.Collections.Frozen;

namespace Engram.Graph.Extraction;

/// The small words that decide how a sentence is read: which capitalised words only start a
/// sentence, which words carry no claim of their own (chit-chat), what may open a reply.
/// All lower case, apostrophes plain.
internal static class FunctionWords
{
    private static FrozenSet<string> Set(string words) =>
        words.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    /// Words that open sentences with a capital without being names ("The", "Thanks", "Last").
    public static readonly FrozenSet<string> Starters = Set("""
        the a an this that these those my your our his her their its i we you he she they it me us them
        hey hi hello thanks thank wow oh ooh ah aw aww yeah yes yep yup no nope so but and or well ok okay sure
        last next every happy good great nice cool awesome amazing just also after before when while if since because
        on in at from to for with by as of about what why how where who whom whose which do does did don't didn't
        is are was were have has had can could would should will shall may might must let let's please dear love
        hope sure sorry congrats congratulations today yesterday tomorrow tonight anyway btw lol haha hahaha omg lmao
        actually honestly speaking check take look got went made here there now then still even maybe perhaps
        definitely totally really seriously anyway although though however yet first second finally besides
        meanwhile overall sometimes often usually never always once some any all many much most more both each
        either neither nothing something everything anything someone everyone anyone nobody mine yours
        gonna gotta wanna guess see tell said say glad bye goodbye welcome cheers agreed exactly absolutely
        indeed right true fine alright same me too not wait listen remember imagine thinking speaking
        """);

    /// Words with no content of their own: a clause made only of these (and names) says nothing worth keeping.
    public static readonly FrozenSet<string> Fillers = Set("""
        hi hey hello bye goodbye thanks thank thx ty lol haha hahaha lmao omg wow oh ooh ah aw aww yeah yes yep yup
        no nope ok okay sure cool nice great awesome amazing wonderful fantastic lovely sweet good glad happy sorry
        congrats congratulations welcome please totally really so very too just much such pretty quite indeed
        absolutely definitely exactly agreed true right well hmm um uh btw anyway see again soon later take care
        talk chat catch hope doing been how what why where who when which whose whom is are am was were be being
        do does did have has had can could would should will shall may might must that this these those it its
        it's that's there here what's how's i i'm i've i'd i'll me my mine you you're you've you'd you'll your yours
        we we're we've us our he she him his her they them their the a an and or but of to in on at for with about
        as by from up out like thing things stuff lot lots bit kind kinda sort wanna gonna gotta got get let let's
        know think mean feel sounds sound looks look seems awesome super cute fun funny interesting incredible
        inspiring impressive beautiful brave proud fab fabulous stunning gorgeous wish wishes luck best also
        anything something everything nothing new news one ones way day time now then still even ever yet all
        any some more most much many lots tons up down over its it'll that'll there's here's wanted hear heard
        glad nice keep going doing done tell told say said ask asked guys guy man dude bro buddy friend
        """);

    /// Openers a fact does without: "Yeah, I painted it" is the fact "Melanie painted it".
    public static readonly FrozenSet<string> Interjections = Set("""
        yeah yes yep yup wow oh ooh ah aw aww well so haha hahaha lol hey hi hello ok okay um uh hmm anyway btw
        honestly omg sure cool great nice awesome thanks oops ugh whoa woah yay phew gosh man dude actually lately
        basically seriously anyways alright plus now absolutely totally definitely
        """);

    /// Words after which a full stop does not end the sentence.
    public static readonly FrozenSet<string> Abbreviations = Set("""
        mr mrs ms dr prof st jr sr vs etc e g i eg ie inc ltd co corp no mt ft approx dept est fig jan feb mar apr
        jun jul aug sep sept oct nov dec rev gen col capt sgt lt gov sen rep ave blvd rd u s p pp vol
        """);

    /// Subjects that start a clause of their own after "and", "but", "so" or a dash.
    public static readonly FrozenSet<string> SubjectPronouns = Set("""
        i i'm i've i'd i'll we we're we've we'd we'll he he's he'd he'll she she's she'd she'll they they're they've
        they'd they'll you you're you've you'd you'll
        """);

    /// Words between a subject and its verb that the verb's agreement skips ("I really love").
    public static readonly FrozenSet<string> Adverbs = Set("""
        just really also always never still recently finally actually usually often sometimes totally definitely
        absolutely already even only ever truly mostly kinda kind of def probably certainly seriously currently
        now then once again sort literally honestly basically personally constantly especially rarely seldom
        occasionally generally normally typically both all too last first lately barely hardly almost nearly
        """);
}
