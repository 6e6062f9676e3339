using Regurgitate.Runtime;
using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Batched beam search in the manner of fairseq's SequenceGenerator: each step ranks the 2K best
/// extensions of a sentence's K hypotheses; an extension by EOS among the top K is finished and scored
/// (Σ log p) / length^α; the best K others continue. A sentence is done when K hypotheses are finished
/// (outputs reaching the length bound are forced to end). Finished sentences leave the batch.
/// </summary>
public sealed class BeamSearch
{
    readonly TranslationModel model;
    readonly DecodingOptions options;

    public BeamSearch(TranslationModel model, DecodingOptions options)
    {
        this.model = model;
        this.options = options.Validated();
    }

    sealed class Sentence(int index, int maxLength)
    {
        public int Index { get; } = index;
        public int MaxLength { get; } = maxLength;
        public List<Hypothesis> Finished { get; } = [];
        public List<int>[] Beams { get; set; } = [];
        public double[] Scores { get; set; } = [];
    }

    /// <summary>For each of <paramref name="sources"/> (ids without EOS), its finished hypotheses, best first.</summary>
    public IReadOnlyList<IReadOnlyList<Hypothesis>> Search(IReadOnlyList<int[]> sources)
    {
        var config = model.Config;
        int k = options.BeamSize;
        var sentences = sources.Select((s, i) => new Sentence(i, options.MaxOutputLength(Math.Min(s.Length + 1, config.MaxPositions), config.OutputPositions(s.Length)))
        {
            Beams = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray(),
            // Only the first beam is live at the start; the others are copies that must not be chosen.
            Scores = Enumerable.Range(0, k).Select(b => b == 0 ? 0.0 : double.NegativeInfinity).ToArray(),
        }).ToList();
        var active = sentences.ToList();

        using var noGrad = no_grad();
        using var decoder = IIncrementalDecoder.Start(model, sources, k, options.UseCache);
        var last = KeptScalars.Filled([sources.Count * k], config.BosId, ScalarType.Int64, model.Device).DetachFromDisposeScope();
        try
        {
            for (int step = 0; active.Count > 0; step++)
            {
                using var scope = NewDisposeScope();
                var logProbabilities = decoder.Step(last);
                long vocabulary = logProbabilities.shape[1];
                var forceEos = active.SelectMany(s => Enumerable.Repeat(step + 1 >= s.MaxLength, k)).ToArray();
                SourceBatch.Constrain(logProbabilities, forceEos, config);
                var previous = tensor(active.SelectMany(s => s.Scores).Select(x => (float)x).ToArray(), device: model.Device).view(-1, 1);
                var candidates = logProbabilities.Plus(previous).view(active.Count, k * vocabulary);
                var (topScores, topIndices) = candidates.topk(Math.Min(2 * k, (int)(k * vocabulary)), 1);
                var scores = topScores.cpu().data<float>().ToArray();
                var indices = topIndices.cpu().data<long>().ToArray();
                int width = (int)topScores.shape[1];

                var nextRows = new List<long>();
                var nextTokens = new List<long>();
                var stillActive = new List<Sentence>();
                for (int a = 0; a < active.Count; a++)
                {
                    var sentence = active[a];
                    var beams = new List<(int Beam, int Token, double Score)>();
                    for (int j = 0; j < width && beams.Count < k; j++)
                    {
                        double score = scores[a * width + j];
                        if (double.IsNegativeInfinity(score)) break;
                        int beam = (int)(indices[a * width + j] / vocabulary);
                        int token = (int)(indices[a * width + j] % vocabulary);
                        if (token == config.EosId)
                        {
                            if (j < k && sentence.Finished.Count < k)
                            {
                                int length = sentence.Beams[beam].Count + 1;
                                double normalized = score / Math.Pow(length, options.LengthPenalty);
                                sentence.Finished.Add(new Hypothesis(sentence.Beams[beam].ToArray(), score, normalized));
                            }
                            continue;
                        }
                        beams.Add((beam, token, score));
                    }
                    if (sentence.Finished.Count >= k || beams.Count == 0) continue;
                    while (beams.Count < k) beams.Add((beams[0].Beam, beams[0].Token, double.NegativeInfinity));
                    sentence.Beams = beams.Select(b => new List<int>(sentence.Beams[b.Beam]) { b.Token }).ToArray();
                    sentence.Scores = beams.Select(b => b.Score).ToArray();
                    foreach (var b in beams)
                    {
                        nextRows.Add(a * k + b.Beam);
                        nextTokens.Add(b.Token);
                    }
                    stillActive.Add(sentence);
                }
                if (stillActive.Count == 0) break;
                using var rows = tensor(nextRows.ToArray(), device: model.Device);
                decoder.SelectRows(rows, sameSentences: stillActive.Count == active.Count);
                active = stillActive;
                last.Dispose();
                last = tensor(nextTokens.ToArray(), device: model.Device).DetachFromDisposeScope();
            }
        }
        finally
        {
            last.Dispose();
        }
        return sentences.Select(s => (IReadOnlyList<Hypothesis>)s.Finished.OrderByDescending(h => h.Score).ToList()).ToList();
    }
}
