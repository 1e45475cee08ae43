using System.CommandLine;
using MixupLab.Experiments.Benchmarks;
using Spectre.Console;

namespace MixupLab.Cli;

/// <summary>The <c>bench</c> command: engine throughput on the PyTorch script's workloads.</summary>
internal static class BenchCommand
{
    /// <summary>Builds <c>mixuplab bench [--workload NAME] [--threads N] [--quick] [--json FILE] [--reference FILE]</c>.</summary>
    public static Command Create()
    {
        var workload = new Option<string?>("--workload")
        {
            Description = "Run only workloads whose name contains this text (e.g. sgemm, train-small-cnn, wrn-16-8).",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Engine threads (the PyTorch script's --threads must match).",
            DefaultValueFactory = _ => 2,
        };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--threads must be at least 1, got {result.GetValueOrDefault<int>()}.");
            }
        });
        var quick = new Option<bool>("--quick") { Description = "Short budgets: about two minutes for the whole suite." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON lines to this file." };
        var reference = new Option<FileInfo?>("--reference")
        {
            Description = "PyTorch results (tools/pytorch_bench.py --json FILE) to compare with: adds the ratio column.",
        };

        var markdown = new Option<FileInfo?>("--markdown") { Description = "Also write the comparison table as Markdown to this file." };

        var command = new Command("bench", "Measure training, inference, FGSM and SGEMM throughput against the PyTorch reference.")
        {
            workload, threads, quick, json, reference, markdown,
        };
        command.SetAction(parseResult => BenchmarkSession.Run(
            new BenchmarkOptions(parseResult.GetValue(threads), parseResult.GetValue(quick), parseResult.GetValue(workload)),
            parseResult.GetValue(json)?.FullName,
            parseResult.GetValue(reference)?.FullName,
            parseResult.GetValue(markdown)?.FullName,
            TableConsole(),
            Console.Error));
        return command;
    }

    private static IAnsiConsole TableConsole()
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when stdout is a file; the comparison table needs more.
            console.Profile.Width = 200;
        }

        return console;
    }
}
