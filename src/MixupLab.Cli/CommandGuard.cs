using MixupLab.Data;
using MixupLab.Experiments.Training;

namespace MixupLab.Cli;

/// <summary>Runs a command's body and turns the errors users can cause into a one-line message and an exit code, never a stack trace.</summary>
internal static class CommandGuard
{
    /// <summary>Exit code of a usage error: a flag, file name or config value that is not allowed.</summary>
    public const int UsageError = 1;

    /// <summary>Exit code of a run that started but failed: unreadable data, a diverged run, a folder that cannot be written.</summary>
    public const int RunFailed = 2;

    /// <summary>Invokes <paramref name="body"/>; an <see cref="ArgumentException"/> prints its message and returns 1, a data, I/O, permission or divergence error returns 2.</summary>
    public static int Run(TextWriter error, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (ArgumentException e)
        {
            error.WriteLine(UsageMessage.Of(e));
            return UsageError;
        }
        catch (Exception e) when (IsRunFailure(e))
        {
            error.WriteLine(UsageMessage.Of(e));
            return RunFailed;
        }
    }

    /// <summary>True for the exceptions that describe a failed run rather than a bug: bad data files, I/O and permission errors, divergence.</summary>
    public static bool IsRunFailure(Exception e) =>
        e is DataFormatException or InvalidDataException or IOException or UnauthorizedAccessException or TrainingDivergedException;
}
