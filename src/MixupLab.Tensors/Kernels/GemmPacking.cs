using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixupLab.Tensors.Kernels;

/// <summary>Copies blocks of op(A) and op(B) into the k-major, zero-padded panels the micro-kernels read.</summary>
/// <remarks>
/// A block rows [i0, i0 + mb) × depth [p0, p0 + kc) becomes ⌈mb/MR⌉ panels of kc·MR floats with
/// panel[p·MR + r] = op(A)[i0 + r, p0 + p]; B block depth [p0, p0 + kc) × columns [j0, j0 + nb) becomes
/// ⌈nb/NR⌉ panels of kc·NR floats with panel[p·NR + j] = op(B)[p0 + p, j0 + j]. Rows or columns past the
/// edge are zero. All four storage variants are handled here, so the kernels never see a transpose.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>Packs op(A)[i0 .. i0+mb, p0 .. p0+kc] into MR-row panels at dst; A is stored m×k (row stride k)
    /// or, when transposed, k×m (row stride m).</summary>
    public static void PackA(
        float* a, int m, int k, bool transposed, int i0, int mb, int p0, int kc, int mr, float* dst)
    {
        for (int ip = 0; ip < mb; ip += mr)
        {
            int rows = Math.Min(mr, mb - ip);
            float* panel = dst + ((long)ip * kc);
            if (transposed)
            {
                // Element (i, p) at a[p·m + i]: each depth step is a contiguous run of rows.
                float* src = a + ((long)p0 * m) + i0 + ip;
                CopyRuns(src, m, kc, rows, mr, panel);
            }
            else
            {
                // Element (i, p) at a[i·k + p]: a transpose of rows × kc into the panel.
                float* src = a + ((long)(i0 + ip) * k) + p0;
                Transpose(src, k, rows, kc, mr, panel);
            }
        }
    }

    /// <summary>Packs op(B)[p0 .. p0+kc, j0 .. j0+nb] into NR-column panels at dst; B is stored k×n (row stride n)
    /// or, when transposed, n×k (row stride k).</summary>
    public static void PackB(
        float* b, int n, int k, bool transposed, int j0, int nb, int p0, int kc, int nr, float* dst)
    {
        for (int jp = 0; jp < nb; jp += nr)
        {
            int cols = Math.Min(nr, nb - jp);
            float* panel = dst + ((long)jp * kc);
            if (transposed)
            {
                // Element (p, j) at b[j·k + p].
                float* src = b + ((long)(j0 + jp) * k) + p0;
                Transpose(src, k, cols, kc, nr, panel);
            }
            else
            {
                // Element (p, j) at b[p·n + j]: each depth step is a contiguous run of columns.
                float* src = b + ((long)p0 * n) + j0 + jp;
                CopyRuns(src, n, kc, cols, nr, panel);
            }
        }
    }

    /// <summary>dst[p·width + j] = src[p·ld + j] for j &lt; count, zero for count ≤ j &lt; width, p &lt; depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRuns(float* src, int ld, int depth, int count, int width, float* dst)
    {
        if (count == width && width == 32 && Vector512.IsHardwareAccelerated)
        {
            for (int p = 0; p < depth; p++)
            {
                float* s = src + ((long)p * ld);
                Vector512.Store(Vector512.Load(s), dst);
                Vector512.Store(Vector512.Load(s + 16), dst + 16);
                dst += 32;
            }

            return;
        }

        if (count == width && width % 8 == 0 && Vector256.IsHardwareAccelerated)
        {
            for (int p = 0; p < depth; p++)
            {
                float* s = src + ((long)p * ld);
                for (int j = 0; j < width; j += 8)
                {
                    Vector256.Store(Vector256.Load(s + j), dst + j);
                }

                dst += width;
            }

            return;
        }

        for (int p = 0; p < depth; p++)
        {
            float* s = src + ((long)p * ld);
            int j = 0;
            for (; j < count; j++)
            {
                dst[j] = s[j];
            }

            for (; j < width; j++)
            {
                dst[j] = 0f;
            }

            dst += width;
        }
    }

    /// <summary>dst[p·width + r] = src[r·ld + p] for r &lt; count (zero for count ≤ r &lt; width), p &lt; depth.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* src, int ld, int count, int depth, int width, float* dst)
    {
        if (count < width)
        {
            for (int p = 0; p < depth; p++)
            {
                float* d = dst + ((long)p * width);
                for (int r = count; r < width; r++)
                {
                    d[r] = 0f;
                }
            }
        }

        // Four source rows at a time keeps four read streams; with SSE each 4×4 block is transposed in registers.
        int r0 = 0;
        for (; r0 + 4 <= count; r0 += 4)
        {
            float* s0 = src + ((long)r0 * ld);
            float* s1 = s0 + ld;
            float* s2 = s1 + ld;
            float* s3 = s2 + ld;
            float* d = dst + r0;
            int p = 0;
            if (Sse.IsSupported)
            {
                for (; p + 4 <= depth; p += 4)
                {
                    Vector128<float> x0 = Sse.LoadVector128(s0 + p);
                    Vector128<float> x1 = Sse.LoadVector128(s1 + p);
                    Vector128<float> x2 = Sse.LoadVector128(s2 + p);
                    Vector128<float> x3 = Sse.LoadVector128(s3 + p);
                    Vector128<float> t0 = Sse.UnpackLow(x0, x1);
                    Vector128<float> t1 = Sse.UnpackLow(x2, x3);
                    Vector128<float> t2 = Sse.UnpackHigh(x0, x1);
                    Vector128<float> t3 = Sse.UnpackHigh(x2, x3);
                    Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
                    Sse.Store(d + width, Sse.MoveHighToLow(t1, t0));
                    Sse.Store(d + (2 * width), Sse.MoveLowToHigh(t2, t3));
                    Sse.Store(d + (3 * width), Sse.MoveHighToLow(t3, t2));
                    d += 4 * width;
                }
            }

            for (; p < depth; p++)
            {
                d[0] = s0[p];
                d[1] = s1[p];
                d[2] = s2[p];
                d[3] = s3[p];
                d += width;
            }
        }

        for (; r0 < count; r0++)
        {
            float* s = src + ((long)r0 * ld);
            float* d = dst + r0;
            for (int p = 0; p < depth; p++)
            {
                *d = s[p];
                d += width;
            }
        }
    }
}
