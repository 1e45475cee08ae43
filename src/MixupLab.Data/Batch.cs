using MixupLab.Tensors;

namespace MixupLab.Data;

/// <summary>One mini-batch: inputs <c>(B, sample shape…)</c> in a pooled tensor, labels and source indices.</summary>
/// <remarks>The loader owns the batch and returns its tensor to the pool when the enumeration advances or ends;
/// call <see cref="KeepInputs"/> to take ownership of the tensor instead (then dispose it yourself).</remarks>
public sealed class Batch : IDisposable
{
    private bool _ownsInputs = true;

    internal Batch(Tensor inputs, int[] labels, int[] indices, int epoch, int index)
    {
        Inputs = inputs;
        Labels = labels;
        Indices = indices;
        Epoch = epoch;
        Index = index;
    }

    /// <summary>Inputs <c>(B, C, H, W)</c> or <c>(B, d)</c>, float32 in the dataset's stored scale (pixels in [0, 1]).</summary>
    public Tensor Inputs { get; }

    /// <summary>The B labels.</summary>
    public int[] Labels { get; }

    /// <summary>The dataset index of each sample.</summary>
    public int[] Indices { get; }

    /// <summary>Samples in this batch (B).</summary>
    public int Count => Labels.Length;

    /// <summary>The epoch this batch belongs to.</summary>
    public int Epoch { get; }

    /// <summary>Position of this batch within its epoch.</summary>
    public int Index { get; }

    /// <summary>Takes ownership of <see cref="Inputs"/>: the loader will no longer return it to the pool.</summary>
    public Tensor KeepInputs()
    {
        _ownsInputs = false;
        return Inputs;
    }

    /// <summary>Returns the inputs to the pool unless <see cref="KeepInputs"/> was called.</summary>
    public void Dispose()
    {
        if (_ownsInputs)
        {
            Inputs.Dispose();
        }
    }
}
