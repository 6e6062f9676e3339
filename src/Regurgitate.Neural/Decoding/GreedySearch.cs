using Regurgitate.Runtime;
using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Left-to-right decoding that keeps one hypothesis per row: the most probable token (greedy), or a
/// sampled one when given a <see cref="TokenSampler"/>. Batched; finished rows leave the batch.
/// </summary>
public sealed class GreedySearch
{
    readonly TranslationModel model;
    readonly DecodingOptions options;

    public GreedySearch(TranslationModel model, DecodingOptions options)
    {
        this.model = model;
        this.options = options.Validated();
    }

    /// <summary>
    /// Decodes each of <paramref name="sources"/> (ids without EOS) <paramref name="copies"/> times (independent
    /// samples when sampling); returns per sentence its outputs.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Hypothesis>> Search(IReadOnlyList<int[]> sources, TokenSampler? sampler = null, int copies = 1)
    {
        var config = model.Config;
        int rows = sources.Count * copies;
        var maxLength = Enumerable.Range(0, rows).Select(r => options.MaxOutputLength(Math.Min(sources[r / copies].Length + 1, config.MaxPositions), config.OutputPositions(sources[r / copies].Length))).ToArray();
        var tokens = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
        var logProbability = new double[rows];
        var active = Enumerable.Range(0, rows).ToList(); // original row of each current row

        using var noGrad = no_grad();
        using var decoder = IIncrementalDecoder.Start(model, sources, copies, options.UseCache);
        var last = KeptScalars.Filled([rows], config.BosId, ScalarType.Int64, model.Device).DetachFromDisposeScope();
        try
        {
            for (int step = 0; active.Count > 0; step++)
            {
                using var scope = NewDisposeScope();
                var logProbabilities = decoder.Step(last);
                SourceBatch.Constrain(logProbabilities, active.Select(r => step + 1 >= maxLength[r]).ToArray(), config);
                var chosen = sampler != null ? sampler.Sample(logProbabilities) : logProbabilities.argmax(1);
                var chosenLogProbabilities = logProbabilities.gather(1, chosen.view(-1, 1)).view(-1).cpu().data<float>().ToArray();
                var chosenIds = chosen.cpu().data<long>().ToArray();
                var keep = new List<long>();
                for (int i = 0; i < active.Count; i++)
                {
                    int row = active[i];
                    logProbability[row] += chosenLogProbabilities[i];
                    if (chosenIds[i] == config.EosId) continue;
                    tokens[row].Add((int)chosenIds[i]);
                    keep.Add(i);
                }
                if (keep.Count == 0) break;
                if (keep.Count < active.Count)
                {
                    var keepRows = tensor(keep.ToArray(), device: model.Device);
                    decoder.SelectRows(keepRows, sameSentences: false);
                    chosen = chosen.index_select(0, keepRows);
                    active = keep.Select(i => active[(int)i]).ToList();
                }
                last.Dispose();
                last = chosen.DetachFromDisposeScope();
            }
        }
        finally
        {
            last.Dispose();
        }

        var results = new List<IReadOnlyList<Hypothesis>>(sources.Count);
        for (int s = 0; s < sources.Count; s++)
            results.Add(Enumerable.Range(s * copies, copies)
                .Select(r => new Hypothesis(tokens[r].ToArray(), logProbability[r], logProbability[r])).ToList());
        return results;
    }
}
