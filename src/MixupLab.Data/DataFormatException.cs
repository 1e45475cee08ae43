namespace MixupLab.Data;

/// <summary>The one error every dataset reader throws for a missing, malformed or unsupported file.</summary>
/// <remarks>The message names the file, the field that is wrong, what was expected and what was found,
/// and, where it helps, how to obtain a correct file. Readers never let an index or decompression exception
/// escape and never return a silently shortened dataset.</remarks>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/>.</summary>
    /// <param name="file">The file (or folder) that was read.</param>
    /// <param name="field">The part of the file that is wrong (e.g. "magic number", "label 17").</param>
    /// <param name="expected">What a correct file has there.</param>
    /// <param name="found">What this file has there.</param>
    /// <param name="hint">Optional advice, e.g. how to obtain the dataset.</param>
    /// <param name="innerException">The low-level error, if any.</param>
    public DataFormatException(string file, string field, string expected, string found, string? hint = null, Exception? innerException = null)
        : base(Compose(file, field, expected, found, hint), innerException)
    {
        File = file;
        Field = field;
        Expected = expected;
        Found = found;
        Hint = hint;
    }

    /// <summary>Creates the error with a free-form message (prefer the structured constructor).</summary>
    public DataFormatException(string message)
        : base(message)
    {
        File = Field = Expected = Found = string.Empty;
    }

    /// <summary>Creates the error with a free-form message and an inner exception.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = Field = Expected = Found = string.Empty;
    }

    /// <summary>Creates the error with an empty message (for serialisers).</summary>
    public DataFormatException()
        : this("The dataset file is not in the expected format.")
    {
    }

    /// <summary>The file (or folder) that was read.</summary>
    public string File { get; }

    /// <summary>The part of the file that is wrong.</summary>
    public string Field { get; }

    /// <summary>What a correct file has there.</summary>
    public string Expected { get; }

    /// <summary>What this file has there.</summary>
    public string Found { get; }

    /// <summary>Advice on how to fix the problem, if any.</summary>
    public string? Hint { get; }

    private static string Compose(string file, string field, string expected, string found, string? hint)
    {
        var message = $"{file}: {field}: expected {expected}, found {found}.";
        return hint is null ? message : $"{message} {hint}";
    }
}
