namespace MixupLab.Cli;

/// <summary>Entry point of the <c>mixuplab</c> command.</summary>
public static class Program
{
    /// <summary>Parses the command line and dispatches to a command; returns the exit code.</summary>
    public static int Main(string[] args) => CommandLine.Run(args);
}
