using Regurgitate.Reports;

namespace Regurgitate.Tests.Reports;

/// <summary>Figure layout decisions that can be checked without looking at the image.</summary>
public class StudyFiguresTests
{
    [Fact]
    public void Crowded_sizes_on_the_log_axis_leave_out_labels_that_would_overlap_but_keep_both_ends()
    {
        // The paper's increments: 6k, 7k and 8k lie close together on a log axis.
        int[] paper = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000];
        Assert.Equal(new[] { 1000, 2000, 3000, 4000, 5000, 8000 }, StudyFigures.LabelledSizes(paper).Order());

        // Doublings are far apart: every size keeps its label.
        int[] doublings = [1000, 2000, 4000, 8000];
        Assert.Equal(doublings, StudyFigures.LabelledSizes(doublings).Order());

        Assert.Equal(new[] { 500 }, StudyFigures.LabelledSizes([500]).Order());
    }
}
