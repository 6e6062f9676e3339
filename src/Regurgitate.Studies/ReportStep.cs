using System.Reflection;

namespace Regurgitate.Studies;

/// <summary>
/// The report step at the end of `study run` and behind `study report`. The report is built by
/// <c>Regurgitate.Reports.StudyReport.Write(string runDirectory)</c> (returns the report.html path), which
/// branch `report` provides.
/// </summary>
public static class ReportStep
{
    /// <summary>Writes the report of <paramref name="runDirectory"/>; returns report.html's path, or null when this build has no report.</summary>
    public static string? Write(string runDirectory)
    {
        // MERGE (lead): once branch `report` is merged, this may become the direct call
        //     return Regurgitate.Reports.StudyReport.Write(runDirectory);
        // Until then it is looked up at run time, so this branch builds without the report and works unchanged after the merge.
        var type = typeof(ReportStep).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name == "Regurgitate.Reports").Select(Assembly.Load)
            .Append(TryLoad("Regurgitate.Reports"))
            .Select(a => a?.GetType("Regurgitate.Reports.StudyReport"))
            .FirstOrDefault(t => t != null);
        if (type == null) return null;
        var write = type.GetMethod("Write", BindingFlags.Public | BindingFlags.Static, [typeof(string)])
            ?? throw new MissingMethodException("Regurgitate.Reports.StudyReport has no public static Write(string runDirectory)");
        try
        {
            return (string?)write.Invoke(null, [runDirectory]);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
