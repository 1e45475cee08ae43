namespace MixupLab.Data;

/// <summary>Which part of a dataset to use.</summary>
public enum DatasetSplit
{
    /// <summary>The training split (after the validation carve and the train-size subset, if asked).</summary>
    Train,

    /// <summary>The validation split carved from the published training split.</summary>
    Validation,

    /// <summary>The published test split.</summary>
    Test,
}
