using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixupLab.Tensors.Kernels;

/// <summary>The Goto/BLIS loop nest around the micro-kernels for one rectangle of C.</summary>
/// <remarks>
/// Loops, outermost first: depth blocks of KC (k is never split otherwise, and each C element always
/// accumulates its depth blocks in the same order: bits do not depend on how C is partitioned);
/// row blocks of MB (pack A: KC×MB, L3-resident); column blocks of NB (pack B: KC×NB, L2-resident);
/// MR-row A panels (kept hot in L1 across the next loop); NR-column B panels streamed from L2.
/// A non-transposed B is read in place (row stride n) when the row block is short, since its panels are
/// then reused too few times to repay packing. A last column panel of at most NR/2 columns uses a half-width
/// kernel. Neither choice changes any element's sequence of FMAs, so the bits stay partition-independent.
/// </remarks>
internal static unsafe class GemmDriver
{
    /// <summary>The widest kernel family this machine runs natively.</summary>
    public static GemmIsa BestIsa { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? GemmIsa.Vector512
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? GemmIsa.Vector256
        : GemmIsa.Scalar;

    /// <summary>Whether <paramref name="isa"/> can run here (the AVX-512 kernel needs masked stores; the others
    /// run everywhere, in software if need be).</summary>
    public static bool IsSupported(GemmIsa isa) => isa != GemmIsa.Vector512 || Avx512F.IsSupported;

    /// <summary>Micro-tile rows (MR) of a kernel family.</summary>
    public static int TileRows(GemmIsa isa) => isa switch { GemmIsa.Vector512 => 12, GemmIsa.Vector256 => 6, _ => 4 };

    /// <summary>Micro-tile columns (NR) of a kernel family.</summary>
    public static int TileCols(GemmIsa isa) => isa switch { GemmIsa.Vector512 => 32, GemmIsa.Vector256 => 16, _ => 4 };

    /// <summary>Depth block (KC): fixed per kernel family, never dependent on the partition or thread count.</summary>
    public static int DepthBlock(GemmIsa isa) => isa == GemmIsa.Scalar ? 256 : 384;

    private const int RowBlock = 1200;

    private static int ColBlock(GemmIsa isa) => isa == GemmIsa.Vector512 ? 480 : 256;

    /// <summary>Computes C[m0..m1, n0..n1] of <paramref name="p"/> on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem p, int m0, int m1, int n0, int n1)
    {
        if (m1 <= m0 || n1 <= n0)
        {
            return;
        }

        GemmIsa isa = p.Isa;
        int mr = TileRows(isa), nr = TileCols(isa);
        int kcMax = Math.Min(DepthBlock(isa), p.K);
        int mbMax = Math.Min(RowBlock, m1 - m0);
        int nbMax = Math.Min(ColBlock(isa), n1 - n0);
        GemmWorkspace ws = GemmWorkspace.Current;
        float* ap = ws.PackedA((long)kcMax * RoundUp(mbMax, mr));
        float* bp = ws.PackedB((long)kcMax * RoundUp(nbMax, nr));
        float* tmp = ws.Tmp;
        delegate*<int, float*, float*, int, float*, int, int, int, float, float, float*, void> kernel = isa switch
        {
            GemmIsa.Vector512 => &GemmMicroKernels.Kernel12x32,
            GemmIsa.Vector256 => &GemmMicroKernels.Kernel6x16,
            _ => &GemmMicroKernels.Kernel4x4,
        };
        delegate*<int, float*, float*, int, float*, int, int, int, float, float, float*, void> narrow =
            isa == GemmIsa.Vector512 ? &GemmMicroKernels.Kernel12x16 : kernel;

        int n = p.N;
        for (int pc = 0; pc < p.K; pc += kcMax)
        {
            int kc = Math.Min(kcMax, p.K - pc);
            float beta = pc == 0 ? p.Beta : 1f;
            for (int i0 = m0; i0 < m1; i0 += mbMax)
            {
                int mb = Math.Min(mbMax, m1 - i0);
                GemmPacking.PackA(p.A, p.M, p.K, p.TransposeA, i0, mb, pc, kc, mr, ap);

                // With few row panels, packing a non-transposed B costs more than reading it in place:
                // full-width panels are then read straight from B (row stride n); only a ragged last panel is packed.
                bool direct = !p.TransposeB && mb <= DirectRows(isa);
                for (int j0 = n0; j0 < n1; j0 += nbMax)
                {
                    int nb = Math.Min(nbMax, n1 - j0);
                    int ragged = nb % nr;
                    if (!direct)
                    {
                        GemmPacking.PackB(p.B, n, p.K, p.TransposeB, j0, nb, pc, kc, nr, bp);
                    }
                    else if (ragged != 0)
                    {
                        GemmPacking.PackB(p.B, n, p.K, false, j0 + nb - ragged, ragged, pc, kc, nr, bp);
                    }

                    for (int ir = 0; ir < mb; ir += mr)
                    {
                        int rows = Math.Min(mr, mb - ir);
                        float* aPanel = ap + ((long)ir * kc);
                        float* cRow = p.C + ((long)(i0 + ir) * n) + j0;
                        for (int jr = 0; jr < nb; jr += nr)
                        {
                            int cols = Math.Min(nr, nb - jr);
                            float* bPanel;
                            int ldb;
                            if (!direct)
                            {
                                bPanel = bp + ((long)jr * kc);
                                ldb = nr;
                            }
                            else if (cols == nr)
                            {
                                bPanel = p.B + ((long)pc * n) + j0 + jr;
                                ldb = n;
                            }
                            else
                            {
                                bPanel = bp;
                                ldb = nr;
                            }

                            var micro = cols <= nr / 2 ? narrow : kernel;
                            micro(kc, aPanel, bPanel, ldb, cRow + jr, n, rows, cols, p.Alpha, beta, tmp);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Row blocks up to this size read a non-transposed B in place instead of packing it (measured on
    /// Zen 5: equal speed at 1024², +15% at 64×784·784×512).</summary>
    private static int DirectRows(GemmIsa isa) => isa == GemmIsa.Vector512 ? 256 : 0;

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
