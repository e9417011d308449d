using Engram.Cli;
using Engram.Client;

namespace Engram.Tests;

/// The ingestion progress line: on a terminal one line rewritten with \r, elsewhere plain lines;
/// either way written only when the text changes. Random sequences of reports, checked by property.
public sealed class ProgressLineTests
{
    private static List<IngestionProgress> RandomReports(int seed)
    {
        var random = new Random(seed);
        var total = random.Next(1, 2000);
        long processed = 0, failed = 0;
        var reports = new List<IngestionProgress>();
        for (int i = 0, count = random.Next(1, 40); i < count; i++)
        {
            // Often unchanged between polls; sometimes a jump, sometimes a failure.
            processed = Math.Min(total, processed + (random.Next(3) == 0 ? 0 : random.Next(0, 300)));
            failed = Math.Min(processed, failed + (random.Next(5) == 0 ? 1 : 0));
            var status = processed == total ? MemoryStatuses.Success : MemoryStatuses.Processing;
            reports.Add(new IngestionProgress(new Memory { Status = status, SampleCount = total }, processed, failed, total));
        }
        return reports;
    }

    /// The texts a reader should see: each report's, with repeats in a row dropped.
    private static List<string> Distinct(IEnumerable<IngestionProgress> reports)
    {
        var texts = new List<string>();
        foreach (var text in reports.Select(ProgressLine.Text))
        {
            if (texts.Count == 0 || texts[^1] != text)
            {
                texts.Add(text);
            }
        }
        return texts;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Redirected_output_gets_one_plain_line_per_change(int seed)
    {
        var reports = RandomReports(seed);
        var output = new StringWriter { NewLine = "\n" };
        var line = new ProgressLine(output, overwrite: false);
        reports.ForEach(line.Report);
        line.Finish();
        Assert.DoesNotContain('\r', output.ToString());
        Assert.Equal(Distinct(reports), output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_terminal_gets_one_line_rewritten_in_place_that_hides_what_came_before(int seed)
    {
        var reports = RandomReports(seed);
        var output = new StringWriter { NewLine = "\n" };
        var line = new ProgressLine(output, overwrite: true);
        reports.ForEach(line.Report);
        line.Finish();
        var text = output.ToString();
        Assert.EndsWith("\n", text);
        Assert.Equal(1, text.Count(c => c == '\n'));
        var frames = text.TrimEnd('\n').Split('\r')[1..];
        Assert.Equal(Distinct(reports), frames.Select(f => f.TrimEnd()));
        for (var i = 1; i < frames.Length; i++)
        {
            Assert.True(frames[i].Length >= frames[i - 1].TrimEnd().Length, "a shorter line must blank the longer one's tail");
        }
    }

    [Fact]
    public void The_text_counts_done_samples_and_names_failures()
    {
        var memory = new Memory { Status = MemoryStatuses.Processing };
        Assert.Equal("ingesting: 3/10 samples", ProgressLine.Text(new IngestionProgress(memory, 3, 0, 10)));
        Assert.Equal("ingesting: 4/10 samples, 1 failed", ProgressLine.Text(new IngestionProgress(memory, 4, 1, 10)));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 50)];
}
