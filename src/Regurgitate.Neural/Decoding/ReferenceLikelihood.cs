using Regurgitate.Modeling;
using Regurgitate.Tokenization;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Forced decoding (teacher forcing) of references: per sentence, the negative log-likelihood the model gives the
/// reference's subword tokens and its end-of-sentence token, each predicted from the source and the reference's
/// earlier tokens. A decoder-only model reads <c>source, BOS, reference</c> as training does, and only the
/// reference's tokens (after the prompt) are scored.
/// </summary>
/// <remarks>
/// No dropout (eval mode), no label smoothing: the plain cross-entropy, in nats. Sentences are sorted by length and
/// batched by a budget of padded tokens; a sentence's tokens are summed in double in a fixed order on the CPU, so its
/// result depends on the batch only through the forward pass's rounding.
/// <para>
/// Lengths: a pair that training would take (<c>TrainingBatch.Fits</c>) is scored whole, on the positions training
/// gives it. Training leaves longer pairs out; here every sentence gets a result instead: the source is cut as
/// decoding cuts it (a decoder-only prompt to half the positions), and the reference's first tokens are scored, as
/// many as the positions left hold, without its end-of-sentence token, which does not follow them. Such a result
/// says <see cref="SentenceNll.Truncated"/>, and its token count is the tokens actually scored, so NLL per token
/// stays a per-token rate.
/// </para>
/// </remarks>
public sealed class ReferenceLikelihood
{
    /// <summary>Padded tokens per batch by default: a batch's logits take this × vocabulary × 4 bytes.</summary>
    public const int DefaultBatchTokens = 2048;

    readonly TranslationModel model;
    readonly ISubwordTokenizer tokenizer;
    readonly int batchTokens;

    /// <summary>Scores with <paramref name="model"/> (on its device) and the tokenizer it was trained with.</summary>
    public ReferenceLikelihood(TranslationModel model, ISubwordTokenizer tokenizer, int batchTokens = DefaultBatchTokens)
    {
        if (tokenizer.VocabularySize != model.Config.VocabularySize)
            throw new InputException($"tokenizer has {tokenizer.VocabularySize} ids but the model {model.Config.VocabularySize}", hint: "use the tokenizer the model was trained with");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchTokens, 1);
        this.model = model;
        this.tokenizer = tokenizer;
        this.batchTokens = batchTokens;
    }

    /// <summary>Scores a translator's model with its tokenizer.</summary>
    public ReferenceLikelihood(Translator translator, int batchTokens = DefaultBatchTokens) : this(translator.Model, translator.Tokenizer, batchTokens) { }

    /// <summary>Per sentence, in order: the NLL of <paramref name="references"/>[i] given <paramref name="sources"/>[i].</summary>
    public IReadOnlyList<SentenceNll> Score(IReadOnlyList<string> sources, IReadOnlyList<string> references, CancellationToken cancellation = default)
    {
        if (sources.Count != references.Count)
            throw new ArgumentException($"{sources.Count} sources but {references.Count} references", nameof(references));
        return Score(
            sources.Select(s => tokenizer.Encode(s).ToArray()).ToList(),
            references.Select(r => tokenizer.Encode(r).ToArray()).ToList(), cancellation);
    }

    /// <summary>The same for sentences already tokenized (ids without BOS/EOS).</summary>
    public IReadOnlyList<SentenceNll> Score(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> references, CancellationToken cancellation = default)
    {
        if (sources.Count != references.Count)
            throw new ArgumentException($"{sources.Count} sources but {references.Count} references", nameof(references));
        var config = model.Config;
        var rows = Enumerable.Range(0, sources.Count).Select(i => ForcedRow.Of(sources[i], references[i], config)).ToArray();
        var results = new SentenceNll[rows.Length];
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            foreach (var batch in Batches(rows))
            {
                cancellation.ThrowIfCancellationRequested();
                ScoreBatch(rows, batch, results);
            }
        }
        finally
        {
            if (wasTraining) model.train();
        }
        return results;
    }

    /// <summary>Longest first (similar lengths share a batch); a batch holds as many rows as the padded-token budget allows, at least one.</summary>
    List<int[]> Batches(ForcedRow[] rows)
    {
        var order = Enumerable.Range(0, rows.Length).OrderByDescending(i => rows[i].Width).ThenBy(i => i);
        var batches = new List<int[]>();
        var current = new List<int>();
        int widest = 0;
        foreach (int i in order)
        {
            int width = Math.Max(widest, rows[i].Width);
            if (current.Count > 0 && (current.Count + 1) * width > batchTokens)
            {
                batches.Add([.. current]);
                current.Clear();
                width = rows[i].Width;
            }
            current.Add(i);
            widest = width;
        }
        if (current.Count > 0) batches.Add([.. current]);
        return batches;
    }

    void ScoreBatch(ForcedRow[] rows, int[] batch, SentenceNll[] results)
    {
        var config = model.Config;
        using var scope = NewDisposeScope();
        int sourceLength = batch.Max(i => rows[i].Source.Length);
        int inputLength = batch.Max(i => rows[i].Input.Length);
        var source = new long[batch.Length * sourceLength];
        var input = new long[batch.Length * inputLength];
        var output = new long[batch.Length * inputLength];
        Array.Fill(source, config.PadId);
        Array.Fill(input, config.PadId);
        Array.Fill(output, config.PadId);
        for (int r = 0; r < batch.Length; r++)
        {
            var row = rows[batch[r]];
            for (int t = 0; t < row.Source.Length; t++) source[r * sourceLength + t] = row.Source[t];
            for (int t = 0; t < row.Input.Length; t++) input[r * inputLength + t] = row.Input[t];
            for (int t = 0; t < row.Scored.Length; t++) output[r * inputLength + row.FirstScored + t] = row.Scored[t];
        }
        var device = model.Device;
        var logits = model.forward(
            tensor(source, [batch.Length, sourceLength], dtype: ScalarType.Int64).to(device),
            tensor(input, [batch.Length, inputLength], dtype: ScalarType.Int64).to(device)).to_type(ScalarType.Float32);
        // ln p(token) = logit(token) − logsumexp(logits): the same as log_softmax, without a second vocabulary-wide tensor.
        var targets = tensor(output, [batch.Length, inputLength], dtype: ScalarType.Int64).to(device);
        var logProbabilities = logits.gather(2, targets.unsqueeze(2)).squeeze(2).sub(logits.logsumexp(2));
        var values = logProbabilities.cpu().data<float>().ToArray();
        for (int r = 0; r < batch.Length; r++)
        {
            var row = rows[batch[r]];
            double nll = 0;
            for (int t = 0; t < row.Scored.Length; t++) nll -= values[r * inputLength + row.FirstScored + t];
            results[batch[r]] = new SentenceNll(nll, row.Scored.Length, row.Truncated);
        }
    }

    /// <summary>
    /// One sentence as forced decoding feeds it: encoder input (empty for a decoder-only model), decoder input, and the
    /// tokens scored from decoder position <see cref="FirstScored"/> on (each predicted from the input up to its position).
    /// </summary>
    sealed record ForcedRow(int[] Source, int[] Input, int FirstScored, int[] Scored, bool Truncated)
    {
        /// <summary>Padded tokens the row takes in a batch.</summary>
        public int Width => Math.Max(Source.Length, Input.Length);

        public static ForcedRow Of(int[] source, int[] reference, ModelConfig config)
        {
            int positions = config.MaxPositions;
            int[] sequence = [.. reference, config.EosId];
            if (config.IsDecoderOnly)
            {
                bool fits = source.Length + reference.Length + 1 <= positions;
                var prompt = fits ? source : source.Take(config.PromptLength(source.Length)).ToArray();
                int scored = Math.Min(sequence.Length, positions - prompt.Length);
                // prompt, BOS, then the scored tokens but the last: position prompt.Length (BOS) predicts the first.
                int[] input = [.. prompt, config.BosId, .. sequence.Take(scored - 1)];
                return new ForcedRow([], input, prompt.Length, sequence.Take(scored).ToArray(), scored < sequence.Length);
            }
            else
            {
                int[] encoder = [.. source.Take(config.PromptLength(source.Length)), config.EosId];
                int scored = Math.Min(sequence.Length, positions);
                int[] input = [config.BosId, .. sequence.Take(scored - 1)];
                return new ForcedRow(encoder, input, 0, sequence.Take(scored).ToArray(), scored < sequence.Length);
            }
        }
    }
}
