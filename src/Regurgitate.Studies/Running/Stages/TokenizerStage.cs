using System.Diagnostics;
using System.Text.Json.Nodes;
using Regurgitate.Decoding;
using Regurgitate.RunDirectories;
using Regurgitate.Tokenization;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>The students' tokenizer.json: trained on both sides of the human student pool at its largest size, or taken from the spec or the init checkpoint.</summary>
internal sealed class TokenizerStage(RunContext run) : IStageUnit
{
    public string Id => StudyUnits.Tokenizer;
    public bool Settled => run.Store.Done(ArtifactKind.Tokenizer, run.Keys.Tokenizer) != null;
    public bool Ready => true;

    public void Run(CancellationToken cancellation) => Build(cancellation);

    /// <summary>The tokenizer file, built first when missing.</summary>
    public string Build(CancellationToken cancellation)
    {
        var student = run.Spec.Student;
        run.Store.GetOrBuild(ArtifactKind.Tokenizer, run.Keys.Tokenizer, folder =>
        {
            var clock = Stopwatch.StartNew();
            string file = Path.Combine(folder, Translator.TokenizerFile);
            if (student.Init != null) File.Copy(FineTuneStart.TokenizerOf(student.Init), file, overwrite: true);
            else if (student.TokenizerPath != null) File.Copy(student.TokenizerPath, file, overwrite: true);
            else
            {
                run.Log($"tokenizer: training a {student.VocabularySize}-piece joint BPE on the human student pool ({run.Plan.MaxSize:N0} pairs)");
                BpeTrainer.Train(run.Plan.StudentPool.Take(run.Plan.MaxSize).SelectMany(p => new[] { p.Source, p.Target }), new BpeTrainerOptions(student.VocabularySize)).Save(file);
            }
            return new JsonObject { ["seconds"] = clock.Elapsed.TotalSeconds };
        }, cancellation, run.WaitForOthers);
        return Path.Combine(run.Store.PathOf(ArtifactKind.Tokenizer, run.Keys.Tokenizer), Translator.TokenizerFile);
    }
}
