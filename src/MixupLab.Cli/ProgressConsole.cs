using Spectre.Console;

namespace MixupLab.Cli;

/// <summary>The Spectre.Console used for progress bars and tables: on stderr, animated only on an interactive terminal.</summary>
internal static class ProgressConsole
{
    /// <summary>Creates the console writing to <paramref name="error"/>; <paramref name="interactive"/> is true when it is a real terminal outside CI.</summary>
    public static IAnsiConsole Create(TextWriter error, out bool interactive)
    {
        interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Spectre assumes 80 columns when the writer is not a terminal; the per-epoch lines and the tables need more.
            console.Profile.Width = 160;
        }

        return console;
    }
}
