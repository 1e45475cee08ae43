namespace MixupLab.NN.Serialization;

/// <summary>Writes a file so that readers see either the old content or the complete new content, never a partial file.</summary>
/// <remarks>The content goes to a temporary file in the destination's folder (so the final move is a rename on the
/// same file system), is flushed to disk, and then replaces the destination with <see cref="File.Move(string, string, bool)"/>.
/// On failure the temporary file is deleted and the destination is untouched.</remarks>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically with the bytes <paramref name="write"/> puts into the stream.</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="write">Writes the content.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder.", nameof(path));
        string temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, s =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            s.Write(bytes);
        });
    }
}
