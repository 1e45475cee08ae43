using MixupLab.Data.Formats;
using MixupLab.Data.Synthetic;
using MixupLab.Tensors;

namespace MixupLab.Data;

/// <summary>Maps dataset names to their sources and applies the validation carve and train-size subset.</summary>
/// <remarks>
/// Sources and their options (defaults in brackets):
/// <list type="bullet">
/// <item><c>two-moons</c>: n [1000], noise [0.1], test-fraction [0.2].</item>
/// <item><c>gaussian-mixture</c>: n [1000], test-n [1000], d [2], classes [2], separation [2], sigma [1].</item>
/// <item><c>mnist</c>, <c>fashion-mnist</c>, <c>kmnist</c>: IDX files (gzip or not); no options.</item>
/// <item><c>cifar10</c>: binary version, folder or .tar.gz; <c>cifar100</c>: labels = fine | coarse [fine].</item>
/// <item><c>svhn</c>: train_32x32.mat / test_32x32.mat; extra = true | false [false] appends extra_32x32.mat to train.</item>
/// <item><c>csv</c>: file [data.csv in the data folder, or the data path itself], test-file [none], label [last column],
/// header = true | false | auto [auto], separator [,], test-fraction [0.2] (when no test-file).</item>
/// </list>
/// Normalisation statistics are those of the full published training split, carried to every split.
/// The validation carve (stream "split/validation") happens before the train-size subset (stream "split/train-size").
/// </remarks>
public static class DatasetRegistry
{
    private static readonly Dictionary<string, Func<DatasetRequest, (Dataset Train, Dataset Test)>> _sources = new(StringComparer.Ordinal)
    {
        ["two-moons"] = LoadTwoMoons,
        ["gaussian-mixture"] = LoadGaussianMixture,
        ["mnist"] = r => LoadMnist(r),
        ["fashion-mnist"] = r => LoadMnist(r),
        ["kmnist"] = r => LoadMnist(r),
        ["cifar10"] = r =>
        {
            _ = new DatasetOptions(r.Name, r.Options);
            return CifarReader.LoadCifar10(r.DataDirectory);
        },
        ["cifar100"] = r =>
        {
            var o = new DatasetOptions(r.Name, r.Options, "labels");
            var labels = o.String("labels") ?? "fine";
            if (labels is not ("fine" or "coarse"))
            {
                throw new ArgumentException($"Option labels of dataset 'cifar100' must be fine or coarse, not '{labels}'.", nameof(r));
            }

            return CifarReader.LoadCifar100(r.DataDirectory, labels == "coarse");
        },
        ["svhn"] = r => SvhnReader.Load(r.DataDirectory, new DatasetOptions(r.Name, r.Options, "extra").Bool("extra", false)),
        ["csv"] = LoadCsv,
    };

    /// <summary>The registered dataset names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. _sources.Keys];

    /// <summary>Loads the split <see cref="DatasetRequest.Split"/> of the requested dataset.</summary>
    public static Dataset Load(DatasetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LoadSplits(request).Get(request.Split);
    }

    /// <summary>Loads train, validation (when <see cref="DatasetRequest.ValidationSize"/> &gt; 0) and test splits.</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones) or bad option.</exception>
    /// <exception cref="DataFormatException">A file is missing or malformed.</exception>
    public static DatasetSplits LoadSplits(DatasetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_sources.TryGetValue(request.Name, out var source))
        {
            throw new ArgumentException($"Unknown dataset '{request.Name}'; known datasets: {string.Join(", ", Names)}.", nameof(request));
        }

        var (train, test) = source(request);
        Dataset? validation = null;
        if (request.ValidationSize > 0)
        {
            (train, validation) = DatasetSplitter.CarveValidation(train, request.ValidationSize, request.ClassBalanced, RandomSource.Derive(request.Seed, "split/validation"));
        }

        if (request.TrainSize is int size)
        {
            if (size < 1 || size > train.Count)
            {
                throw new ArgumentException($"Invalid train-size '{size}': expected 1 to {train.Count} ({request.Name} has {train.Count} training samples{(validation is null ? string.Empty : " after the validation split")}).", "train-size");
            }

            train = DatasetSplitter.Subset(train, size, request.ClassBalanced, RandomSource.Derive(request.Seed, "split/train-size"));
        }

        return new DatasetSplits(train, validation, test);
    }

    private static (Dataset, Dataset) LoadMnist(DatasetRequest r)
    {
        _ = new DatasetOptions(r.Name, r.Options);
        return MnistFamily.Load(r.Name, r.DataDirectory);
    }

    private static (Dataset, Dataset) LoadTwoMoons(DatasetRequest r)
    {
        var o = new DatasetOptions(r.Name, r.Options, "n", "noise", "test-fraction");
        return TwoMoons.Load(o.Int("n", 1000, 2), o.Double("noise", 0.1, 0), o.Double("test-fraction", 0.2, 0, 1), r.Seed);
    }

    private static (Dataset, Dataset) LoadGaussianMixture(DatasetRequest r)
    {
        var o = new DatasetOptions(r.Name, r.Options, "n", "test-n", "d", "classes", "separation", "sigma");
        return GaussianMixture.Load(o.Int("n", 1000, 1), o.Int("test-n", 1000, 1), o.Int("classes", 2, 2), o.Int("d", 2, 1), o.Double("separation", 2, 0), o.Double("sigma", 1, 0), r.Seed);
    }

    private static (Dataset, Dataset) LoadCsv(DatasetRequest r)
    {
        var o = new DatasetOptions(r.Name, r.Options, "file", "test-file", "label", "header", "separator", "test-fraction");
        var path = r.DataDirectory ?? throw new DataFormatException("(no --data-dir)", "data path", "a CSV file or its folder", "none given", "Pass --data-dir with the CSV file.");
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, o.String("file") ?? "data.csv");
        }

        bool? header = (o.String("header") ?? "auto") switch
        {
            "auto" => null,
            "true" => true,
            "false" => false,
            var h => throw new ArgumentException($"Option header of dataset 'csv' must be true, false or auto, not '{h}'.", nameof(r)),
        };
        var separatorText = o.String("separator") ?? ",";
        if (separatorText.Length != 1)
        {
            throw new ArgumentException($"Option separator of dataset 'csv' must be one character, not '{separatorText}'.", nameof(r));
        }

        var label = o.String("label");
        var all = CsvDatasetReader.Read(path, label, header, separatorText[0]);
        if (o.String("test-file") is { } testFile)
        {
            var testPath = Path.IsPathRooted(testFile) ? testFile : Path.Combine(Path.GetDirectoryName(path) ?? ".", testFile);
            var test = CsvDatasetReader.Read(testPath, label, header, separatorText[0]);
            if (test.SampleSize != all.SampleSize || !test.ClassNames.SequenceEqual(all.ClassNames))
            {
                throw new DataFormatException(testPath, "columns and classes", $"{all.SampleSize} features and classes [{string.Join(", ", all.ClassNames)}] as in {path}", $"{test.SampleSize} features and classes [{string.Join(", ", test.ClassNames)}]");
            }

            return (all, test.WithNormalization(all.Normalization));
        }

        double fraction = o.Double("test-fraction", 0.2, 0, 1);
        var order = RandomSource.Derive(r.Seed, "split/csv-test").Permutation(all.Count);
        int nTest = (int)Math.Floor(fraction * all.Count);
        var trainIdx = order[nTest..];
        var testIdx = order[..nTest];
        Array.Sort(trainIdx);
        Array.Sort(testIdx);
        var train = all.Subset(trainIdx, $"train: {trainIdx.Length} rows");
        var trainStats = ChannelStatistics.Compute(train);
        return (train.WithNormalization(trainStats), all.Subset(testIdx, $"test: {testIdx.Length} rows (seeded fraction {fraction})").WithNormalization(trainStats));
    }
}
