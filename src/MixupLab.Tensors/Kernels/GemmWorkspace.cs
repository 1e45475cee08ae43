namespace MixupLab.Tensors.Kernels;

/// <summary>Per-thread packing buffers for <see cref="Gemm"/>: grown on demand, reused by every later call on the same thread.</summary>
/// <remarks>Arrays live on the pinned object heap, so their addresses are stable without <c>fixed</c>; the
/// pointers handed out are 64-byte aligned. A thread's workspace dies with the thread.</remarks>
internal sealed unsafe class GemmWorkspace
{
    private const int AlignFloats = 16;

    [ThreadStatic]
    private static GemmWorkspace? _current;

    private float[] _a = [];
    private float[] _b = [];
    private readonly float[] _tmp = GC.AllocateUninitializedArray<float>(512 + AlignFloats, pinned: true);

    /// <summary>The calling thread's workspace.</summary>
    public static GemmWorkspace Current => _current ??= new GemmWorkspace();

    /// <summary>Scratch tile for partial-tile stores (at least 12·32 floats).</summary>
    public float* Tmp => Align(_tmp);

    /// <summary>A 64-byte aligned buffer of at least <paramref name="floats"/> floats for packed A.</summary>
    public float* PackedA(long floats) => Ensure(ref _a, floats);

    /// <summary>A 64-byte aligned buffer of at least <paramref name="floats"/> floats for packed B.</summary>
    public float* PackedB(long floats) => Ensure(ref _b, floats);

    private static float* Ensure(ref float[] buffer, long floats)
    {
        if (buffer.Length < floats + AlignFloats)
        {
            buffer = GC.AllocateUninitializedArray<float>(checked((int)(floats + AlignFloats)), pinned: true);
        }

        return Align(buffer);
    }

    private static float* Align(float[] buffer)
    {
        nint p = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((p + 63) & ~(nint)63);
    }
}
