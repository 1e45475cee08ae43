using Spectre.Console;

namespace MixupLab.Experiments.Benchmarks;

/// <summary>What <c>mixuplab bench</c> does: run the selected workloads, write the JSON lines, read the
/// PyTorch reference and print the comparison table.</summary>
public static class BenchmarkSession
{
    /// <summary>Runs the benchmark; returns the exit code (0 success, 1 usage error, 2 failed run).</summary>
    /// <param name="options">Threads, quick mode, workload filter.</param>
    /// <param name="jsonPath">Where to write the JSON lines (optional).</param>
    /// <param name="referencePath">PyTorch results from <c>tools/pytorch_bench.py --json</c> (optional).</param>
    /// <param name="markdownPath">Where to write the comparison as a Markdown table (optional).</param>
    /// <param name="console">Where the table goes (stdout).</param>
    /// <param name="progress">Where progress and errors go (stderr).</param>
    public static int Run(BenchmarkOptions options, string? jsonPath, string? referencePath, string? markdownPath, IAnsiConsole console, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(progress);
        var workloads = WorkloadCatalog.All();
        if (!workloads.Any(w => options.Selects(w.Name)))
        {
            progress.WriteLine($"No workload matches '{options.Workload}'. Available: {string.Join(", ", workloads.Select(w => w.Name).Distinct())}.");
            return 1;
        }

        IReadOnlyList<BenchmarkResult>? reference = null;
        if (referencePath is not null)
        {
            if (!File.Exists(referencePath))
            {
                progress.WriteLine($"--reference: file '{referencePath}' not found.");
                return 1;
            }

            using var reader = File.OpenText(referencePath);
            try
            {
                reference = BenchmarkReport.ReadJsonLines(reader, referencePath)
                    .Where(r => options.Selects(r.Workload))
                    .ToList();
            }
            catch (FormatException e)
            {
                progress.WriteLine(e.Message);
                return 1;
            }
        }

        progress.WriteLine($"mixuplab bench: {options.Threads} threads, {options.Budget} s per workload");
        var results = new BenchmarkRunner(options, progress).Run(workloads);
        if (jsonPath is not null)
        {
            using var writer = File.CreateText(jsonPath);
            BenchmarkReport.WriteJsonLines(results, writer);
        }

        var rows = BenchmarkReport.Compare(results, reference);
        if (markdownPath is not null)
        {
            File.WriteAllText(markdownPath, BenchmarkReport.ToMarkdown(rows));
        }

        BenchmarkReport.WriteTable(rows, console);
        return 0;
    }
}
