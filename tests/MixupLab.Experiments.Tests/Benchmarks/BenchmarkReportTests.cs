using MixupLab.Experiments.Benchmarks;
using Spectre.Console;

namespace MixupLab.Experiments.Tests.Benchmarks;

public class BenchmarkReportTests
{
    private const string PyTorchLines = """
        {"tool": "pytorch", "torch": "1.13.0a0", "threads": 2, "blas": "libopenblasp-r0.3.21.so", "notrim": true, "workload": "sgemm-256", "batch": 256, "samples_per_sec": null, "gflops": 150.0, "steps": 6990, "seconds": 1.5}

        {"tool": "pytorch", "threads": 2, "workload": "train-small-cnn", "batch": 64, "samples_per_sec": 4000.0, "gflops": 63.1, "steps": 90, "seconds": 1.5}
        """;

    [Fact]
    public void ReadsPyTorchJsonLinesIgnoringExtraFields()
    {
        var results = BenchmarkReport.ReadJsonLines(new StringReader(PyTorchLines), "ref.json");
        Assert.Equal(2, results.Count);
        Assert.Equal("sgemm-256", results[0].Workload);
        Assert.Null(results[0].SamplesPerSec);
        Assert.Equal(150.0, results[0].Gflops);
        Assert.Equal(64, results[1].Batch);
        Assert.Equal(4000.0, results[1].SamplesPerSec);
    }

    [Fact]
    public void RoundTripsItsOwnJsonLines()
    {
        var original = new[] { new BenchmarkResult("train-mlp-784", 256, 2, 1234.5, 8.25, 96, 0, 40, 8.01) };
        var writer = new StringWriter();
        BenchmarkReport.WriteJsonLines(original, writer);
        Assert.Contains("\"samples_per_sec\":1234.5", writer.ToString(), StringComparison.Ordinal);
        var back = BenchmarkReport.ReadJsonLines(new StringReader(writer.ToString()), "x");
        Assert.Equal(original, back);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"batch\": 3}")]
    [InlineData("{\"workload\": \"x\", \"batch\": 0}")]
    public void MalformedLinesNameTheFileAndLine(string line)
    {
        var e = Assert.Throws<FormatException>(() => BenchmarkReport.ReadJsonLines(new StringReader("\n" + line), "ref.json"));
        Assert.StartsWith("ref.json:2:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareJoinsOnWorkloadAndBatchAndComputesRatios()
    {
        var reference = BenchmarkReport.ReadJsonLines(new StringReader(PyTorchLines), "ref.json");
        var ours = new[]
        {
            new BenchmarkResult("sgemm-256", 256, 2, null, 75.0, 0, 0, 100, 1.5),
            new BenchmarkResult("train-small-cnn", 64, 2, 6000.0, 94.7, 512, 0, 100, 1.5),
            new BenchmarkResult("train-small-cnn", 128, 2, 7000.0, 110, 512, 0, 100, 1.5),
        };
        var rows = BenchmarkReport.Compare(ours, reference);
        Assert.Equal(3, rows.Count);
        Assert.Equal(0.5, rows[0].Ratio!.Value, 12);
        Assert.Equal(1.5, rows[1].Ratio!.Value, 12);
        Assert.Null(rows[2].Ratio);
        Assert.Null(rows[2].Reference);

        var onlyReference = BenchmarkReport.Compare([], reference);
        Assert.Equal(2, onlyReference.Count);
        Assert.All(onlyReference, r => Assert.Null(r.Ours));
    }

    [Fact]
    public void TableAndMarkdownShowBothSidesAndTheRatio()
    {
        var reference = BenchmarkReport.ReadJsonLines(new StringReader(PyTorchLines), "ref.json");
        var rows = BenchmarkReport.Compare([new BenchmarkResult("train-small-cnn", 64, 2, 6000.0, 94.7, 512, 0, 100, 1.5)], reference);

        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 200;
        BenchmarkReport.WriteTable(rows, console);
        Assert.Contains("train-small-cnn", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("6,000", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1.50", output.ToString(), StringComparison.Ordinal);

        string markdown = BenchmarkReport.ToMarkdown(rows);
        Assert.Contains("| train-small-cnn | 64 | 4,000 | 6,000 | 1.50 | 63.1 | 94.7 | 512 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| sgemm-256 | 256 | — | — | — | 150.0 | — | — | — |", markdown, StringComparison.Ordinal);
    }
}
