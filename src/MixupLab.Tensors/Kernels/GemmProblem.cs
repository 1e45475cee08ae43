namespace MixupLab.Tensors.Kernels;

/// <summary>One pinned SGEMM problem C = alpha·op(A)·op(B) + beta·C as raw pointers (valid while the caller pins them).</summary>
internal unsafe struct GemmProblem
{
    /// <summary>A as stored (m×k, or k×m when <see cref="TransposeA"/>).</summary>
    public float* A;

    /// <summary>B as stored (k×n, or n×k when <see cref="TransposeB"/>).</summary>
    public float* B;

    /// <summary>C, m×n row-major.</summary>
    public float* C;

    /// <summary>Rows of op(A) and C.</summary>
    public int M;

    /// <summary>Columns of op(B) and C.</summary>
    public int N;

    /// <summary>Inner dimension.</summary>
    public int K;

    /// <summary>Whether A is stored transposed.</summary>
    public bool TransposeA;

    /// <summary>Whether B is stored transposed.</summary>
    public bool TransposeB;

    /// <summary>Scale of the product.</summary>
    public float Alpha;

    /// <summary>Scale of the existing C (0: C is not read).</summary>
    public float Beta;

    /// <summary>Kernel family.</summary>
    public GemmIsa Isa;
}
