using System.CommandLine;

namespace MixupLab.Cli;

/// <summary>Builds the <c>mixuplab</c> command tree (System.CommandLine) and runs it.</summary>
public static class CommandLine
{
    /// <summary>Parses <paramref name="args"/> and invokes the chosen command. Exit codes: 0 success, 1 usage error, 2 failed run.</summary>
    public static int Run(string[] args) => Run(args, null, null);

    /// <summary>Parses and invokes with the given output and error writers (null: the console's); tests capture messages this way.</summary>
    public static int Run(string[] args, TextWriter? output, TextWriter? error)
    {
        var root = new RootCommand("MixupLab: train with Mixup, attack, and compute the theory of 'How Does Mixup Help With Robustness and Generalization?'");
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error });
    }
}
