namespace Engram.Retrieval;

/// Step 1 of Porter's stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980): 1a
/// plurals (caresses → caress, ponies → poni, cats → cat), 1b -eed/-ed/-ing with the repairs
/// that follow (hoped → hope, hopping → hop, agreed → agree), 1c y → i (happy → happi). The
/// later steps (-ational, -ness, ...) conflate too much for short conversation turns. Only
/// words of ASCII letters longer than two are touched; names and numbers pass through.
internal static class PorterStep1
{
    public static string Stem(string word)
    {
        if (word.Length <= 2 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }
        var w = Step1a(word);
        w = Step1b(w);
        if (w.EndsWith('y') && HasVowel(w, w.Length - 1))
        {
            w = w[..^1] + "i";
        }
        return w;
    }

    private static string Step1a(string w) =>
        w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("ies", StringComparison.Ordinal) ? w[..^2]
        : w.EndsWith("ss", StringComparison.Ordinal) ? w
        : w.EndsWith('s') ? w[..^1]
        : w;

    private static string Step1b(string w)
    {
        if (w.EndsWith("eed", StringComparison.Ordinal))
        {
            return Measure(w, w.Length - 3) > 0 ? w[..^1] : w;
        }
        string stem;
        if (w.EndsWith("ed", StringComparison.Ordinal) && HasVowel(w, w.Length - 2))
        {
            stem = w[..^2];
        }
        else if (w.EndsWith("ing", StringComparison.Ordinal) && HasVowel(w, w.Length - 3))
        {
            stem = w[..^3];
        }
        else
        {
            return w;
        }
        if (stem.EndsWith("at", StringComparison.Ordinal) || stem.EndsWith("bl", StringComparison.Ordinal)
            || stem.EndsWith("iz", StringComparison.Ordinal))
        {
            return stem + "e";
        }
        var n = stem.Length;
        if (n >= 2 && stem[n - 1] == stem[n - 2] && IsConsonant(stem, n - 1) && stem[n - 1] is not ('l' or 's' or 'z'))
        {
            return stem[..^1];
        }
        return Measure(stem, n) == 1 && EndsConsonantVowelConsonant(stem) ? stem + "e" : stem;
    }

    // Porter's consonant: not a, e, i, o, u, and not a y that follows a consonant.
    private static bool IsConsonant(string w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    private static bool HasVowel(string w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }
        return false;
    }

    /// m in [C](VC)^m[V]: how many vowel-consonant runs the first length letters hold.
    private static int Measure(string w, int length)
    {
        var m = 0;
        for (var i = 1; i < length; i++)
        {
            if (IsConsonant(w, i) && !IsConsonant(w, i - 1))
            {
                m++;
            }
        }
        return m;
    }

    // *o: consonant, vowel, consonant, the last not w, x or y (hop → hope, but not snow → snowe).
    private static bool EndsConsonantVowelConsonant(string w)
    {
        var n = w.Length;
        return n >= 3 && IsConsonant(w, n - 1) && !IsConsonant(w, n - 2) && IsConsonant(w, n - 3)
            && w[n - 1] is not ('w' or 'x' or 'y');
    }
}
