using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace MixupLab.Experiments.Benchmarks;

/// <summary>Reads and writes benchmark results (JSON lines, as <c>tools/pytorch_bench.py</c>) and renders the
/// comparison with a PyTorch reference as a console table or Markdown.</summary>
public static class BenchmarkReport
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = false };

    /// <summary>Writes one JSON object per result, one per line.</summary>
    public static void WriteJsonLines(IEnumerable<BenchmarkResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var result in results)
        {
            writer.WriteLine(JsonSerializer.Serialize(result, _json));
        }
    }

    /// <summary>Parses JSON lines (blank lines skipped); fields not in <see cref="BenchmarkResult"/> are ignored.</summary>
    /// <exception cref="FormatException">A line is not a JSON object with <c>workload</c> and <c>batch</c>.</exception>
    public static IReadOnlyList<BenchmarkResult> ReadJsonLines(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var results = new List<BenchmarkResult>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            BenchmarkResult? result;
            try
            {
                result = JsonSerializer.Deserialize<BenchmarkResult>(line, _json);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{source}:{lineNumber}: not a benchmark result JSON object ({e.Message}).", e);
            }

            if (result is null || string.IsNullOrEmpty(result.Workload) || result.Batch <= 0)
            {
                throw new FormatException($"{source}:{lineNumber}: expected an object with \"workload\" and a positive \"batch\".");
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>Joins results on (workload, batch): MixupLab's rows in their order, then reference-only rows.</summary>
    public static IReadOnlyList<BenchmarkComparisonRow> Compare(IReadOnlyList<BenchmarkResult> ours, IReadOnlyList<BenchmarkResult>? reference)
    {
        ArgumentNullException.ThrowIfNull(ours);
        var byKey = new Dictionary<(string, int), BenchmarkResult>();
        foreach (var r in reference ?? [])
        {
            byKey[(r.Workload, r.Batch)] = r;
        }

        var rows = new List<BenchmarkComparisonRow>();
        var seen = new HashSet<(string, int)>();
        foreach (var r in ours)
        {
            byKey.TryGetValue((r.Workload, r.Batch), out var match);
            rows.Add(new BenchmarkComparisonRow(r.Workload, r.Batch, r, match));
            seen.Add((r.Workload, r.Batch));
        }

        foreach (var r in reference ?? [])
        {
            if (seen.Add((r.Workload, r.Batch)))
            {
                rows.Add(new BenchmarkComparisonRow(r.Workload, r.Batch, null, r));
            }
        }

        return rows;
    }

    /// <summary>Renders the comparison as a Spectre.Console table.</summary>
    public static void WriteTable(IReadOnlyList<BenchmarkComparisonRow> rows, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("workload");
        foreach (var column in new[] { "batch", "PyTorch samples/s", "MixupLab samples/s", "ratio", "PyTorch GFLOP/s", "MixupLab GFLOP/s", "bytes/step", "pool bytes/step" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(Cells(row).Select(Markup.Escape).ToArray());
        }

        console.Write(table);
    }

    /// <summary>Renders the comparison as a Markdown table (docs/perf-results.md).</summary>
    public static string ToMarkdown(IReadOnlyList<BenchmarkComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.AppendLine("| workload | batch | PyTorch samples/s | MixupLab samples/s | ratio | PyTorch GFLOP/s | MixupLab GFLOP/s | bytes/step | pool bytes/step |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            sb.Append("| ").AppendJoin(" | ", Cells(row)).AppendLine(" |");
        }

        return sb.ToString();
    }

    private static IEnumerable<string> Cells(BenchmarkComparisonRow row)
    {
        yield return row.Workload;
        yield return row.Batch.ToString(CultureInfo.InvariantCulture);
        yield return Number(row.Reference?.SamplesPerSec);
        yield return Number(row.Ours?.SamplesPerSec);
        yield return row.Ratio is double ratio ? ratio.ToString("F2", CultureInfo.InvariantCulture) : "—";
        yield return Number(row.Reference?.Gflops, "F1");
        yield return Number(row.Ours?.Gflops, "F1");
        yield return Number(row.Ours?.BytesPerStep, "F0");
        yield return Number(row.Ours?.PoolBytesPerStep, "F0");
    }

    private static string Number(double? value, string? format = null)
    {
        if (value is not double v)
        {
            return "—";
        }

        if (format is not null)
        {
            return v.ToString(format, CultureInfo.InvariantCulture);
        }

        return v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("F1", CultureInfo.InvariantCulture);
    }
}
