using System.CommandLine;
using Regurgitate.Studies;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study plan SPEC`: the cells, what is cached, an estimated time; runs nothing.</summary>
internal static class StudyPlanCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "study spec (YAML)" };
        var output = StudyCommand.OutOption();
        var command = new Command("plan", "Show a study's cells, what its run directory already has cached, and a rough time estimate; runs nothing.");
        command.Arguments.Add(spec);
        command.Options.Add(output);
        CorpusArguments.AddSharedOptions(command);
        command.SetAction(parse =>
        {
            var plan = StudyCommand.Plan(parse, parse.GetValue(spec)!);
            string run = StudyCommand.RunDirectoryOf(plan.Spec, parse.GetValue(output));
            foreach (var line in PlanSummary.Describe(plan, run, GeneratorReadiness.Check(plan, run)))
                parse.InvocationConfiguration.Output.WriteLine(line);
            return 0;
        });
        return command;
    }
}
