using System.Globalization;

namespace MixupLab.Data;

/// <summary>Typed access to a source's string options that rejects unknown keys and unparsable values.</summary>
internal sealed class DatasetOptions
{
    private readonly string _dataset;
    private readonly IReadOnlyDictionary<string, string> _values;

    public DatasetOptions(string dataset, IReadOnlyDictionary<string, string> values, params string[] known)
    {
        _dataset = dataset;
        _values = values;
        var unknown = values.Keys.Where(k => !known.Contains(k, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            var allowed = known.Length == 0 ? "none" : string.Join(", ", known);
            throw new ArgumentException($"Unknown option{(unknown.Length == 1 ? "" : "s")} {string.Join(", ", unknown)} for dataset '{dataset}'; known options: {allowed}.", nameof(values));
        }
    }

    public string? String(string key) => _values.TryGetValue(key, out var v) ? v : null;

    public int Int(string key, int fallback, int min = int.MinValue)
    {
        if (!_values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
        {
            throw new ArgumentException($"Option {key} of dataset '{_dataset}' must be an integer ≥ {min}, not '{text}'.", key);
        }

        return v;
    }

    public double Double(string key, double fallback, double min, double maxExclusive = double.PositiveInfinity)
    {
        if (!_values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= min && v < maxExclusive))
        {
            throw new ArgumentException($"Option {key} of dataset '{_dataset}' must be a number in [{min}, {maxExclusive}), not '{text}'.", key);
        }

        return v;
    }

    public bool Bool(string key, bool fallback)
    {
        if (!_values.TryGetValue(key, out var text))
        {
            return fallback;
        }

        return text.ToUpperInvariant() switch
        {
            "TRUE" or "1" or "YES" => true,
            "FALSE" or "0" or "NO" => false,
            _ => throw new ArgumentException($"Option {key} of dataset '{_dataset}' must be true or false, not '{text}'.", key),
        };
    }
}
