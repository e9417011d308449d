namespace Engram.Retrieval;

/// How a memory's vector and word rankings are fused. RRF's k sets how much the top of each list
/// counts against its tail: k = 60 (Cormack et al.) was tuned on TREC runs 1,000 deep, and stays for
/// documents; a conversation's two lists are 50 deep and their best turns are what matters, so there
/// it is 10. On LoCoMo (bench/Engram.LoCoMo --sweep, BENCHMARKS.md), k = 10 over 5-turn windows
/// found .775 of the evidence in the top 10 against .746 at k = 60; 3, 5, 15, 20 and 40 did worse.
public static class ConversationRanking
{
    public const int DocumentFusionK = 60;
    public const int ConversationFusionK = 10;

    /// Conversation turns rank by their top places once the memory holds any.
    public static int FusionK(MemoryIndex index) => index.Turns.Count > 0 ? ConversationFusionK : DocumentFusionK;
}
