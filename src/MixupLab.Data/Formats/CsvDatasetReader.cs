using System.Globalization;

namespace MixupLab.Data.Formats;

/// <summary>Reads users' own tabular data: one row per sample, numeric feature columns and one label column.</summary>
/// <remarks>
/// Fields are separated by <c>separator</c> (comma by default); blank lines are skipped. The label column is
/// chosen by header name or by zero-based index (negative counts from the end; default the last column).
/// Labels that are all non-negative integers are used as class indices (K = max + 1, names "0" … "K−1");
/// otherwise each distinct label text is a class, numbered in sorted (ordinal) order. Every other column must
/// parse as a finite number (invariant culture). Features are stored as float32, shape (N, d).
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">Header name or zero-based index of the label column; null for the last column.</param>
    /// <param name="hasHeader">Whether the first row is a header; null detects it (a first row with a non-numeric feature field).</param>
    /// <param name="separator">Field separator.</param>
    /// <param name="name">Dataset name recorded in the result.</param>
    public static Dataset Read(string path, string? labelColumn = null, bool? hasHeader = null, char separator = ',', string name = "csv")
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFormatException(path, "file", "an existing CSV file", "no such file", "Pass --data-dir with the CSV file path (or its folder and --option file=NAME).");
        }

        var rows = new List<(int Line, string[] Fields)>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            rows.Add((lineNumber, line.Split(separator).Select(f => f.Trim().Trim('"')).ToArray()));
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, "content", "at least one data row", "an empty file");
        }

        int columns = rows[0].Fields.Length;
        if (columns < 2)
        {
            throw new DataFormatException(path, "line 1", $"at least 2 fields separated by '{separator}' (features and a label)", $"{columns} field");
        }

        string[]? header = null;
        if (hasHeader ?? LooksLikeHeader(rows))
        {
            header = rows[0].Fields;
            rows.RemoveAt(0);
        }

        int labelIndex = ResolveLabel(path, labelColumn, header, columns);
        int d = columns - 1;
        var values = new float[(long)rows.Count * d];
        var labelTexts = new string[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            var (line, fields) = rows[r];
            if (fields.Length != columns)
            {
                throw new DataFormatException(path, $"line {line}", $"{columns} fields", $"{fields.Length} fields");
            }

            int k = 0;
            for (int c = 0; c < columns; c++)
            {
                if (c == labelIndex)
                {
                    labelTexts[r] = fields[c];
                    continue;
                }

                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                {
                    var column = header is null ? $"column {c}" : $"column {c} ('{header[c]}')";
                    throw new DataFormatException(path, $"line {line}, {column}", "a finite number", $"\"{fields[c]}\"");
                }

                values[((long)r * d) + k++] = (float)v;
            }
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, "content", "at least one data row after the header", "only a header");
        }

        var (labels, classNames) = EncodeLabels(labelTexts);
        return Dataset.FromFloats(name, $"{path} (label column {labelIndex}{(header is null ? "" : $" '{header[labelIndex]}'")})", values, [d], labels, classNames);
    }

    private static bool LooksLikeHeader(List<(int Line, string[] Fields)> rows)
    {
        // A header is a first row with a non-numeric field where the second row has a number.
        if (rows.Count < 2)
        {
            return false;
        }

        var first = rows[0].Fields;
        var second = rows[1].Fields;
        for (int c = 0; c < Math.Min(first.Length, second.Length); c++)
        {
            if (!IsNumber(first[c]) && IsNumber(second[c]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static int ResolveLabel(string path, string? labelColumn, string[]? header, int columns)
    {
        if (labelColumn is null)
        {
            return columns - 1;
        }

        if (header is not null)
        {
            int byName = Array.IndexOf(header, labelColumn);
            if (byName >= 0)
            {
                return byName;
            }
        }

        if (int.TryParse(labelColumn, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
        {
            int resolved = index < 0 ? index + columns : index;
            if (resolved >= 0 && resolved < columns)
            {
                return resolved;
            }
        }

        var known = header is null ? "(no header)" : string.Join(", ", header);
        throw new DataFormatException(path, "label column", $"a header name or an index in [−{columns}, {columns})", $"'{labelColumn}'; columns: {known}");
    }

    private static (int[] Labels, string[] ClassNames) EncodeLabels(string[] texts)
    {
        var labels = new int[texts.Length];
        bool integers = true;
        int max = -1;
        for (int i = 0; i < texts.Length && integers; i++)
        {
            if (int.TryParse(texts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0 && v < 1_000_000)
            {
                labels[i] = v;
                max = Math.Max(max, v);
            }
            else
            {
                integers = false;
            }
        }

        if (integers)
        {
            return (labels, Enumerable.Range(0, max + 1).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray());
        }

        var names = texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => p.k, StringComparer.Ordinal);
        for (int i = 0; i < texts.Length; i++)
        {
            labels[i] = index[texts[i]];
        }

        return (labels, names);
    }
}
