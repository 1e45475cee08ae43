namespace MixupLab.Data.Formats;

/// <summary>Loads the MNIST-family datasets (<c>mnist</c>, <c>fashion-mnist</c>, <c>kmnist</c>) from their IDX files.</summary>
/// <remarks>Standard file names <c>train-images-idx3-ubyte[.gz]</c>, <c>train-labels-idx1-ubyte[.gz]</c>,
/// <c>t10k-images-idx3-ubyte[.gz]</c>, <c>t10k-labels-idx1-ubyte[.gz]</c>, searched in the data folder and its
/// subfolder named after the dataset. Fashion-MNIST is also found at <see cref="DebianFashionMnistFolder"/>.</remarks>
public static class MnistFamily
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DebianFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    private static readonly string[] _digitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    private static readonly string[] _fashionNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
    private static readonly string[] _kmnistNames = ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"];

    /// <summary>Class names of <paramref name="name"/> (one of mnist, fashion-mnist, kmnist).</summary>
    public static IReadOnlyList<string> ClassNames(string name) => name switch
    {
        "mnist" => _digitNames,
        "fashion-mnist" => _fashionNames,
        "kmnist" => _kmnistNames,
        _ => throw new ArgumentException($"Not an MNIST-family dataset: '{name}'.", nameof(name)),
    };

    /// <summary>Loads the published train and test splits.</summary>
    /// <param name="name">mnist, fashion-mnist or kmnist.</param>
    /// <param name="dataDirectory">Folder holding the files; null searches the default location (Fashion-MNIST only).</param>
    public static (Dataset Train, Dataset Test) Load(string name, string? dataDirectory)
    {
        var classNames = ClassNames(name);
        var folders = Folders(name, dataDirectory);
        var train = LoadSplit(name, "train", folders, dataDirectory, classNames, null);
        var test = LoadSplit(name, "t10k", folders, dataDirectory, classNames, train.Normalization);
        return (train, test);
    }

    /// <summary>Reads one image/label file pair into a dataset, checking counts and label range.</summary>
    public static Dataset ReadPair(string name, string imagesPath, string labelsPath, IReadOnlyList<string> classNames, ChannelStatistics? normalization, string description)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var (pixels, count, height, width) = IdxReader.ReadImages(imagesPath);
        var labelBytes = IdxReader.ReadLabels(labelsPath);
        if (labelBytes.Length != count)
        {
            throw new DataFormatException(labelsPath, "label count", $"{count} labels, one per image in {imagesPath}", $"{labelBytes.Length} labels");
        }

        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (labelBytes[i] >= classNames.Count)
            {
                throw new DataFormatException(labelsPath, $"label of sample {i}", $"a class in [0, {classNames.Count})", labelBytes[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            labels[i] = labelBytes[i];
        }

        return Dataset.FromBytes(name, $"{description}: {imagesPath}, {labelsPath}", pixels, [1, height, width], labels, classNames, normalization, isDigits: true);
    }

    private static Dataset LoadSplit(string name, string prefix, string[] folders, string? dataDirectory, IReadOnlyList<string> classNames, ChannelStatistics? normalization)
    {
        var images = Find(name, folders, dataDirectory, $"{prefix}-images-idx3-ubyte");
        var labels = Find(name, folders, dataDirectory, $"{prefix}-labels-idx1-ubyte");
        return ReadPair(name, images, labels, classNames, normalization, prefix == "train" ? "train split" : "test split");
    }

    private static string[] Folders(string name, string? dataDirectory)
    {
        if (dataDirectory is not null)
        {
            return [dataDirectory, Path.Combine(dataDirectory, name)];
        }

        return name == "fashion-mnist" ? [DebianFashionMnistFolder] : [];
    }

    private static string Find(string name, string[] folders, string? dataDirectory, string baseName)
    {
        var found = FileBytes.FindFirst(folders, baseName + ".gz", baseName);
        if (found is not null)
        {
            return found;
        }

        string where = folders.Length == 0 ? "(no folder: pass --data-dir)" : string.Join(" or ", folders);
        string hint = name switch
        {
            "fashion-mnist" when dataDirectory is null => $"Install Debian's package dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist, files in {DebianFashionMnistFolder}) or pass --data-dir with the IDX files from https://github.com/zalandoresearch/fashion-mnist.",
            "fashion-mnist" => "Download the IDX files from https://github.com/zalandoresearch/fashion-mnist, or install Debian's dataset-fashion-mnist and omit --data-dir.",
            "kmnist" => "Download the MNIST-format files (train-images-idx3-ubyte.gz etc.) from https://github.com/rois-codh/kmnist and pass --data-dir.",
            _ => "Download train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (e.g. from https://ossci-datasets.s3.amazonaws.com/mnist/) and pass --data-dir.",
        };
        throw new DataFormatException(where, "file", $"{baseName}.gz or {baseName}", "no such file", hint);
    }
}
