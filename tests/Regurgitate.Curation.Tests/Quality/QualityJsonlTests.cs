using Regurgitate.Errors;
using Regurgitate.Quality;

namespace Regurgitate.Tests.Quality;

public class QualityJsonlTests
{
    [Fact]
    public void Scores_survive_a_write_and_read_with_missing_values_and_flags()
    {
        using var scratch = TestData.Scratch();
        var quality = new QualityScores(
            [3, 7], ["Ein \"Hund\".", "Zwei"], [QualityScoreNames.Confidence, QualityScoreNames.Errors],
            new Dictionary<string, IReadOnlyList<double?>> { [QualityScoreNames.Confidence] = [-0.25, null], [QualityScoreNames.Errors] = [1.0, 0.0] },
            [ErrorFlags.None, ErrorFlags.CopiedSource | ErrorFlags.LengthOutlier], [0.5, -2.0]);
        string path = scratch.File("q.jsonl");
        QualityJsonl.Write(path, quality);
        var read = QualityJsonl.Read(path);
        Assert.Equal(quality.Ids, read.Ids);
        Assert.Equal(quality.Targets, read.Targets);
        Assert.Equal(quality.Names, read.Names);
        Assert.Equal(quality.Values[QualityScoreNames.Confidence], read.Values[QualityScoreNames.Confidence]);
        Assert.Equal(quality.Flags, read.Flags);
        Assert.Equal(quality.Combined, read.Combined);
    }

    [Fact]
    public void The_default_output_lies_beside_the_corpus()
    {
        Assert.Equal("runs/corpus.quality.jsonl", QualityJsonl.PathFor("runs/corpus.jsonl"));
        Assert.Equal("hyp.de.quality.jsonl", QualityJsonl.PathFor("hyp.de.gz"));
    }
}
