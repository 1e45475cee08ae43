using MixupLab.Tensors;

namespace MixupLab.Data;

/// <summary>Seeded validation carves and subsets, optionally with equal counts per class.</summary>
/// <remarks>
/// Uniform selection takes the first <c>size</c> entries of a seeded permutation. Class-balanced selection
/// takes ⌊size/K⌋ samples of each class (the first size mod K classes take one more), each class's samples
/// chosen by its own seeded permutation; a class with too few samples is an error. Selected indices are
/// returned in ascending order so that subsets keep the published order (the loader shuffles).
/// </remarks>
public static class DatasetSplitter
{
    /// <summary>Chooses <paramref name="size"/> indices of <paramref name="dataset"/>.</summary>
    public static int[] Choose(Dataset dataset, int size, bool classBalanced, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(rng);
        if (size < 0 || size > dataset.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A subset of {dataset.Name} must have between 0 and {dataset.Count} samples.");
        }

        int[] chosen;
        if (!classBalanced)
        {
            chosen = rng.Permutation(dataset.Count)[..size];
        }
        else
        {
            int k = dataset.ClassCount;
            var byClass = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
            for (int i = 0; i < dataset.Count; i++)
            {
                byClass[dataset.Label(i)].Add(i);
            }

            var result = new List<int>(size);
            for (int c = 0; c < k; c++)
            {
                int take = (size / k) + (c < size % k ? 1 : 0);
                var members = byClass[c].ToArray();
                if (members.Length < take)
                {
                    throw new ArgumentOutOfRangeException(nameof(size), size, $"A class-balanced subset of {size} needs {take} samples of class {c} ('{dataset.ClassNames[c]}'); {dataset.Name} has {members.Length}.");
                }

                rng.Shuffle(members.AsSpan());
                result.AddRange(members.Take(take));
            }

            chosen = [.. result];
        }

        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>Splits <paramref name="train"/> into a remaining training set and a validation set of <paramref name="validationSize"/>.</summary>
    public static (Dataset Train, Dataset Validation) CarveValidation(Dataset train, int validationSize, bool classBalanced, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(train);
        var validation = Choose(train, validationSize, classBalanced, rng);
        var isValidation = new bool[train.Count];
        foreach (var i in validation)
        {
            isValidation[i] = true;
        }

        var rest = Enumerable.Range(0, train.Count).Where(i => !isValidation[i]).ToArray();
        var mode = classBalanced ? "class-balanced" : "uniform";
        return (train.Subset(rest, $"train minus a {mode} validation carve of {validationSize}"), train.Subset(validation, $"{mode} validation carve of {validationSize}"));
    }

    /// <summary>A seeded subset of <paramref name="size"/> samples.</summary>
    public static Dataset Subset(Dataset dataset, int size, bool classBalanced, RandomSource rng)
    {
        var chosen = Choose(dataset, size, classBalanced, rng);
        return dataset.Subset(chosen, $"{(classBalanced ? "class-balanced" : "uniform")} subset of {size}");
    }
}
