using System.Globalization;
using Regurgitate.Settings;
using Regurgitate.Specs;
using YamlDotNet.RepresentationModel;

namespace Regurgitate.Tests;

public sealed class SettingsBinderTests
{
    public enum Thoroughness { Fast, [SettingName("thorough")] Careful }

    /// <summary>A small options record declaring each kind of setting the binder handles.</summary>
    public sealed record Sample
    {
        [Setting("size", Option = "--size", Help = "how many", Min = 1)]
        public int Size { get; init; } = 3;
        [Setting("rate", Option = "--rate", Help = "how often", Min = 0, Max = 1, MaxExclusive = true)]
        public double Rate { get; init; } = 0.5;
        [Setting("limit", Help = "at most this many", Min = 1)]
        public long? Limit { get; init; }
        [Setting("mode", Help = "how")]
        public Thoroughness Mode { get; init; } = Thoroughness.Fast;
        [Setting("report_every", Help = "progress cadence", Min = 1, DefinesResult = false)]
        public int ReportEvery { get; init; } = 10;
        public string NotASetting { get; init; } = "x";
    }

    static SpecNode Node(string yaml) => new((YamlMappingNode)SpecYaml.LoadRoot(yaml, "spec.yaml")!, "spec.yaml", "student");

    [Fact]
    public void Canonical_form_is_sorted_invariant_and_leaves_out_settings_that_do_not_define_the_result()
    {
        Assert.Equal("limit=;mode=fast;rate=0.5;size=3", SettingsBinder.Canonical(new Sample()));
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A comma-decimal culture must not change a key.
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("limit=7;mode=thorough;rate=0.25;size=3",
                SettingsBinder.Canonical(new Sample { Rate = 0.25, Mode = Thoroughness.Careful, Limit = 7, ReportEvery = 99 }));
        }
        finally { CultureInfo.CurrentCulture = culture; }
    }

    [Fact]
    public void Read_takes_the_given_keys_and_keeps_the_defaults_of_the_others()
    {
        var node = Node("size: 5\nmode: thorough\nlimit: 9\n");
        var read = SettingsBinder.Read(node, new Sample { Rate = 0.125 });
        Assert.Equal(new Sample { Size = 5, Mode = Thoroughness.Careful, Limit = 9, Rate = 0.125 }, read);
        node.RejectUnknown();
    }

    [Fact]
    public void Read_offers_only_the_named_settings_so_others_stay_unknown_keys()
    {
        var node = Node("size: 5\nrate: 0.1\n");
        SettingsBinder.Read(node, new Sample(), [nameof(Sample.Size)]);
        var error = Assert.Throws<InputException>(() => node.RejectUnknown());
        Assert.Contains("unknown key 'student.rate'", error.Message);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("size: 0", "'student.size' must be at least 1, not 0")]
    [InlineData("size: many", "'student.size' must be a whole number, not 'many'")]
    [InlineData("rate: 1", "'student.rate' must lie in [0, 1), not 1")]
    [InlineData("rate: fast", "'student.rate' must be a number, not 'fast'")]
    [InlineData("limit: 0", "'student.limit' must be at least 1, not 0")]
    [InlineData("mode: slow", "'student.mode' must be fast or thorough, not 'slow'")]
    public void A_bad_value_names_the_spec_line_and_key(string line, string message)
    {
        var error = Assert.Throws<InputException>(() => SettingsBinder.Read(Node("report_every: 5\n" + line + "\n"), new Sample()));
        Assert.Equal("spec.yaml", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(message, error.Problem);
    }

    [Fact]
    public void Validate_names_the_command_line_option_or_else_the_key()
    {
        Assert.Equal("--size must be at least 1, not 0", Assert.Throws<InputException>(() => SettingsBinder.Validate(new Sample { Size = 0 })).Problem);
        Assert.Equal("--rate must lie in [0, 1), not -0.5", Assert.Throws<InputException>(() => SettingsBinder.Validate(new Sample { Rate = -0.5 })).Problem);
        Assert.Equal("limit must be at least 1, not 0", Assert.Throws<InputException>(() => SettingsBinder.Validate(new Sample { Limit = 0 })).Problem);
        SettingsBinder.Validate(new Sample());
    }

    [Fact]
    public void Only_declared_properties_are_settings_in_declaration_order()
    {
        Assert.Equal(["Size", "Rate", "Limit", "Mode", "ReportEvery"], SettingsBinder.Of<Sample>().Select(s => s.Name));
        Assert.Equal("[0, 1)", SettingsBinder.Named<Sample>(nameof(Sample.Rate)).Range);
    }
}
