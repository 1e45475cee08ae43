namespace MixupLab.Cli;

/// <summary>Formats exception messages for the terminal.</summary>
internal static class UsageMessage
{
    /// <summary>The message of <paramref name="e"/> without .NET's " (Parameter 'x')" suffix, which the messages already cover.</summary>
    public static string Of(Exception e) => e is ArgumentException { ParamName: string name }
        ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
        : e.Message;
}
