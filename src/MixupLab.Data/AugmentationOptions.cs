namespace MixupLab.Data;

/// <summary>Which standard image augmentations the loader applies: random crop with zero padding and horizontal flip.</summary>
/// <param name="RandomCrop">Pad each side with <paramref name="Padding"/> zeros and crop back to H×W at a random offset.</param>
/// <param name="HorizontalFlip">Mirror left–right with probability 1/2.</param>
/// <param name="Padding">Zero padding per side for the crop (4 for CIFAR, as in the paper's training code).</param>
public sealed record AugmentationOptions(bool RandomCrop, bool HorizontalFlip, int Padding = 4)
{
    /// <summary>No augmentation.</summary>
    public static AugmentationOptions None { get; } = new(false, false, 0);

    /// <summary>Random crop with padding 4 and horizontal flip.</summary>
    public static AugmentationOptions Standard { get; } = new(true, true, 4);

    /// <summary>Whether anything is applied.</summary>
    public bool Enabled => RandomCrop || HorizontalFlip;

    /// <summary>The standard choice for <paramref name="dataset"/>: crop and flip for natural images, none for digits
    /// (a flipped or shifted digit can change meaning) and for feature vectors.</summary>
    public static AugmentationOptions DefaultFor(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.IsImage && !dataset.IsDigits ? Standard : None;
    }
}
