namespace MixupLab.NN.Serialization;

/// <summary>Where a training run stood when a checkpoint was written: the position, the random streams and free-form notes.</summary>
/// <param name="Epoch">The epoch to resume at (0-based).</param>
/// <param name="Step">The step within that epoch to resume at (0-based).</param>
/// <param name="RandomStates">Named random stream states (<see cref="Tensors.RandomSource.GetState"/>), e.g. "data-order", "mixup".</param>
/// <param name="Notes">Free-form string notes (config hash, metrics), stored verbatim.</param>
public sealed record CheckpointInfo(int Epoch, int Step, IReadOnlyDictionary<string, byte[]> RandomStates, IReadOnlyDictionary<string, string> Notes)
{
    /// <summary>A position with no random states and no notes.</summary>
    public CheckpointInfo(int epoch, int step)
        : this(epoch, step, new Dictionary<string, byte[]>(), new Dictionary<string, string>())
    {
    }
}
