using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Data;

/// <summary>An in-memory labelled dataset: images <c>(N, C, H, W)</c> in [0, 1] or feature vectors <c>(N, d)</c>,
/// with its class names, normalisation statistics, a name and a description of where it came from.</summary>
/// <remarks>
/// Images read from 8-bit formats are kept as raw bytes (one byte per pixel instead of four) and converted to
/// float32 <c>byte / 255</c> when a sample or batch is copied out, which is the only copy the data loader makes.
/// Feature data (synthetic sets, CSV) is stored as float32. Sample <c>i</c> occupies the
/// <see cref="SampleSize"/> elements starting at <c>i · SampleSize</c> in row-major <see cref="SampleShape"/>
/// order. <see cref="Normalization"/> is not applied to the stored values: the model applies it in its input
/// path so that attacks work in pixel space.
/// </remarks>
public sealed class Dataset
{
    private readonly byte[]? _bytes;
    private readonly float[]? _values;
    private readonly int[] _labels;
    private readonly int[] _sampleShape;

    private Dataset(string name, string source, byte[]? bytes, float[]? values, int[] sampleShape, int[] labels, IReadOnlyList<string> classNames, ChannelStatistics? normalization, bool isDigits)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sampleShape);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (sampleShape.Length is not (1 or 3) || sampleShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"A sample shape is (d) or (C, H, W) with positive sizes, not ({string.Join(", ", sampleShape)}).", nameof(sampleShape));
        }

        if (classNames.Count == 0)
        {
            throw new ArgumentException("A dataset needs at least one class name.", nameof(classNames));
        }

        int sampleSize = sampleShape.Aggregate(1, (a, b) => checked(a * b));
        long stored = bytes?.LongLength ?? values!.LongLength;
        if (stored != (long)labels.Length * sampleSize)
        {
            throw new ArgumentException($"{stored} stored values do not hold {labels.Length} samples of shape ({string.Join(", ", sampleShape)}) ({(long)labels.Length * sampleSize} values).", bytes is null ? nameof(values) : nameof(bytes));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException($"Label {labels[i]} of sample {i} is outside [0, {classNames.Count}).", nameof(labels));
            }
        }

        Name = name;
        Source = source;
        _bytes = bytes;
        _values = values;
        _sampleShape = (int[])sampleShape.Clone();
        _labels = labels;
        ClassNames = classNames.ToArray();
        SampleSize = sampleSize;
        IsDigits = isDigits;
        Normalization = normalization ?? ChannelStatistics.Compute(this);
        if (Normalization.Channels != Channels)
        {
            throw new ArgumentException($"Normalisation statistics have {Normalization.Channels} channels; the samples have {Channels}.", nameof(normalization));
        }
    }

    /// <summary>A dataset of 8-bit images <c>(N, C, H, W)</c> stored as bytes; pixel value = byte / 255.</summary>
    /// <param name="name">Registry name, e.g. "cifar10".</param>
    /// <param name="source">Where the data came from (files, generator settings).</param>
    /// <param name="pixels">N·C·H·W bytes in row-major (N, C, H, W) order; owned by the dataset afterwards.</param>
    /// <param name="imageShape">(C, H, W).</param>
    /// <param name="labels">N labels in [0, classNames.Count); owned by the dataset afterwards.</param>
    /// <param name="classNames">One name per class.</param>
    /// <param name="normalization">Statistics to record; computed from these pixels when null.</param>
    /// <param name="isDigits">Whether the images are digits/characters (flip augmentation is then wrong).</param>
    public static Dataset FromBytes(string name, string source, byte[] pixels, int[] imageShape, int[] labels, IReadOnlyList<string> classNames, ChannelStatistics? normalization = null, bool isDigits = false)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (imageShape is not { Length: 3 })
        {
            throw new ArgumentException("Byte images need a (C, H, W) shape.", nameof(imageShape));
        }

        return new Dataset(name, source, pixels, null, imageShape, labels, classNames, normalization, isDigits);
    }

    /// <summary>A dataset of float samples of shape <c>(d)</c> or <c>(C, H, W)</c>.</summary>
    /// <param name="name">Registry name.</param>
    /// <param name="source">Where the data came from.</param>
    /// <param name="values">N·sampleSize floats, row-major; owned by the dataset afterwards.</param>
    /// <param name="sampleShape">(d) or (C, H, W).</param>
    /// <param name="labels">N labels in [0, classNames.Count).</param>
    /// <param name="classNames">One name per class.</param>
    /// <param name="normalization">Statistics to record; computed from these values when null.</param>
    public static Dataset FromFloats(string name, string source, float[] values, int[] sampleShape, int[] labels, IReadOnlyList<string> classNames, ChannelStatistics? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Dataset(name, source, null, values, sampleShape, labels, classNames, normalization, false);
    }

    /// <summary>Registry name of the dataset (e.g. "fashion-mnist").</summary>
    public string Name { get; }

    /// <summary>Where the data came from: files read or generator settings, and any split applied.</summary>
    public string Source { get; }

    /// <summary>Number of samples N.</summary>
    public int Count => _labels.Length;

    /// <summary>Shape of one sample: (d) or (C, H, W). Do not mutate.</summary>
    public int[] SampleShape => _sampleShape;

    /// <summary>Elements per sample.</summary>
    public int SampleSize { get; }

    /// <summary>Whether samples are images (C, H, W).</summary>
    public bool IsImage => _sampleShape.Length == 3;

    /// <summary>Channels: C for images, d for feature vectors.</summary>
    public int Channels => _sampleShape[0];

    /// <summary>Whether samples are digits or characters (standard crop/flip augmentation is off for them).</summary>
    public bool IsDigits { get; }

    /// <summary>Whether the pixels are stored as bytes (converted to float per batch).</summary>
    public bool StoresBytes => _bytes is not null;

    /// <summary>Number of classes K.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Class names, index = label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The labels, one per sample.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Per-channel mean/std to be applied by the model's input path.</summary>
    public ChannelStatistics Normalization { get; }

    /// <summary>Raw bytes of byte-stored images (empty for float data).</summary>
    public ReadOnlySpan<byte> RawBytes => _bytes;

    /// <summary>Raw values of float-stored data (empty for byte data).</summary>
    public ReadOnlySpan<float> RawValues => _values;

    /// <summary>Label of sample <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>Copies sample <paramref name="index"/> as float32 (bytes become byte / 255) into <paramref name="destination"/>.</summary>
    public void CopySample(int index, Span<float> destination)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Sample index must be in [0, {Count}).");
        }

        if (destination.Length < SampleSize)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; a sample has {SampleSize}.", nameof(destination));
        }

        if (_bytes is not null)
        {
            ConvertBytes(_bytes.AsSpan(index * SampleSize, SampleSize), destination);
        }
        else
        {
            _values.AsSpan(index * SampleSize, SampleSize).CopyTo(destination);
        }
    }

    /// <summary>Number of samples of each class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (var y in _labels)
        {
            counts[y]++;
        }

        return counts;
    }

    /// <summary>The samples at <paramref name="indices"/> (in that order) as a new dataset sharing names and statistics.</summary>
    /// <param name="indices">Sample indices; repeats are allowed.</param>
    /// <param name="description">Appended to <see cref="Source"/>, e.g. "validation split".</param>
    public Dataset Subset(ReadOnlySpan<int> indices, string description)
    {
        var labels = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            labels[i] = _labels[indices[i]];
        }

        var source = $"{Source}; {description}";
        if (_bytes is not null)
        {
            var bytes = new byte[(long)indices.Length * SampleSize];
            for (int i = 0; i < indices.Length; i++)
            {
                _bytes.AsSpan(indices[i] * SampleSize, SampleSize).CopyTo(bytes.AsSpan(i * SampleSize));
            }

            return new Dataset(Name, source, bytes, null, _sampleShape, labels, ClassNames, Normalization, IsDigits);
        }

        var values = new float[(long)indices.Length * SampleSize];
        for (int i = 0; i < indices.Length; i++)
        {
            _values.AsSpan(indices[i] * SampleSize, SampleSize).CopyTo(values.AsSpan(i * SampleSize));
        }

        return new Dataset(Name, source, null, values, _sampleShape, labels, ClassNames, Normalization, IsDigits);
    }

    /// <summary>The same data with other normalisation statistics (e.g. those of the training split).</summary>
    public Dataset WithNormalization(ChannelStatistics normalization)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        return new Dataset(Name, Source, _bytes, _values, _sampleShape, _labels, ClassNames, normalization, IsDigits);
    }

    /// <summary>All samples as one tensor <c>(N, sample shape...)</c>, e.g. for evaluation of a small set.</summary>
    public Tensor ToTensor()
    {
        var shape = new int[_sampleShape.Length + 1];
        shape[0] = Count;
        _sampleShape.CopyTo(shape, 1);
        var t = Tensor.Empty(shape);
        var span = t.Span;
        for (int i = 0; i < Count; i++)
        {
            CopySample(i, span.Slice(i * SampleSize, SampleSize));
        }

        return t;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {Count} samples of ({string.Join(", ", _sampleShape)}), {ClassCount} classes ({Source})";

    /// <summary>byte → float32 as PyTorch's <c>ToTensor</c> computes it: <c>b / 255f</c> (a table, so exact and fast).</summary>
    internal static ReadOnlySpan<float> ByteToFloat => _byteToFloat;

    /// <summary>destination[i] = source[i] / 255f, vectorised (an exact widening then an IEEE division, so the
    /// result equals <see cref="ByteToFloat"/> bit for bit).</summary>
    internal static void ConvertBytes(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var d = destination[..source.Length];
        TensorPrimitives.ConvertChecked(source, d);
        TensorPrimitives.Divide(d, 255f, d);
    }

    private static readonly float[] _byteToFloat = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();
}
