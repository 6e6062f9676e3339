using System.CommandLine;
using Regurgitate.Cli;
using Regurgitate.Cli.Commands;
using Regurgitate.Decoding;
using Regurgitate.Settings;
using Regurgitate.Training;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests;

/// <summary>The options of `regurg train` and `regurg translate` come from the settings' declarations.</summary>
public sealed class SettingOptionsTests
{
    static T Bind<T>(T defaults, params string[] args) where T : class
    {
        var settings = new SettingOptions<T>(defaults);
        var command = new Command("test");
        foreach (var option in settings.All) command.Options.Add(option);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return settings.Bind(parse);
    }

    [Fact]
    public void Train_with_no_options_keeps_the_settings_it_had_before_they_were_declared_once()
    {
        // Pinned from the hand-written options of `regurg train` before issue 20.
        Assert.Equal("TrainingOptions { BatchTokens = 4096, AccumulationSteps = 1, LearningRate = 0.0007, WarmupSteps = 4000, Beta1 = 0.9, Beta2 = 0.98, "
            + "AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 100, MaxUpdates = , MaxMinutes = , Patience = 5, Seed = 1, "
            + "SaveEveryUpdates = 500, ValidateBleu = True, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 }",
            Bind(TrainCommand.Defaults).ToString());
        Assert.Equal(DecodingOptions.Defaults, Bind(DecodingOptions.Defaults));
    }

    [Fact]
    public void Given_options_set_their_settings_and_turn_off_flags_negate()
    {
        var options = Bind(TrainCommand.Defaults, "--max-epochs", "3", "--max-updates", "7", "--no-valid-bleu", "--objective", "lm", "--lr", "0.001");
        Assert.Equal(TrainCommand.Defaults with { MaxEpochs = 3, MaxUpdates = 7, ValidateBleu = false, Objective = TrainingObjective.LanguageModel, LearningRate = 0.001 }, options);
        Assert.Equal(DecodingOptions.Defaults with { BeamSize = 3, UseCache = false, TopP = 0.9 }, Bind(DecodingOptions.Defaults, "--beam", "3", "--no-cache", "--top-p", "0.9"));
    }

    [Theory]
    [InlineData("train", typeof(TrainingOptions))]
    [InlineData("translate", typeof(DecodingOptions))]
    public async Task Help_shows_each_declared_option_with_its_declared_help(string command, Type options)
    {
        var (code, help, _) = await Run(command, "--help");
        Assert.Equal(0, code);
        var declared = SettingsBinder.Of(options).Where(s => s.Declaration.Option != null).ToList();
        Assert.NotEmpty(declared);
        foreach (var setting in declared)
        {
            string line = help.Split('\n').Single(l => l.TrimStart().StartsWith(setting.Declaration.Option + " ", StringComparison.Ordinal));
            Assert.Contains(setting.Declaration.Help, line);
        }
    }
}
