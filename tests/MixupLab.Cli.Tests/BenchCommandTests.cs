using MixupLab.Experiments.Benchmarks;

namespace MixupLab.Cli.Tests;

public class BenchCommandTests
{
    [Theory]
    [InlineData("bench", "--threads", "0")]
    [InlineData("bench", "--workload", "no-such-workload")]
    [InlineData("bench", "--unknown-option")]
    public void UsageErrorsExitWithOne(params string[] args) => Assert.Equal(1, CommandLine.Run(args));

    [Fact]
    public void MissingReferenceFileIsAUsageError()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"mixuplab-missing-{Guid.NewGuid():N}.json");
        Assert.Equal(1, CommandLine.Run(["bench", "--workload", "sgemm-256", "--reference", missing]));
    }

    [Fact]
    public void WritesJsonLinesForTheSelectedWorkload()
    {
        string dir = Directory.CreateTempSubdirectory("mixuplab-bench-").FullName;
        try
        {
            string reference = Path.Combine(dir, "pytorch.json");
            File.WriteAllText(reference, """{"workload": "sgemm-256", "batch": 256, "threads": 1, "samples_per_sec": null, "gflops": 100.0, "steps": 1, "seconds": 1}""" + "\n");
            string json = Path.Combine(dir, "mixuplab.json");

            int code = CommandLine.Run(["bench", "--workload", "sgemm-256", "--threads", "1", "--quick", "--json", json, "--reference", reference]);

            Assert.Equal(0, code);
            var results = BenchmarkReport.ReadJsonLines(new StringReader(File.ReadAllText(json)), json);
            var r = Assert.Single(results);
            Assert.Equal("sgemm-256", r.Workload);
            Assert.Equal(1, r.Threads);
            Assert.True(r.Gflops > 0);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
