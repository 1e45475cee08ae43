using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixupLab.Tensors.Kernels;

/// <summary>Register-blocked SGEMM micro-kernels: one MR×NR tile of C from an MR-row A panel and an NR-column B panel.</summary>
/// <remarks>
/// Packed panels are laid out k-major: the A panel holds <c>a[p·MR + r]</c> = op(A)[i0 + r, p0 + p] and the
/// B panel <c>b[p·NR + j]</c> = op(B)[p0 + p, j0 + j], both zero-padded to full MR / NR. Each kernel accumulates
/// acc = Σ_p a·b over kc steps in registers, then stores C = alpha·acc (beta = 0, C not read) or
/// C = fma(acc, alpha, beta·C). Partial tiles (rows &lt; MR or cols &lt; NR) use masked stores (AVX-512) or spill
/// acc to <c>tmp</c> (MR·NR floats) and merge with the same scalar formula, so every element gets the same
/// bits whichever tile it falls in.
/// </remarks>
internal static unsafe class GemmMicroKernels
{
    /// <summary>AVX-512 kernel: 12 rows × 32 columns, 24 zmm accumulators, two B vectors, broadcast A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel12x32(
        int kc, float* a, float* b, int ldb, float* c, int ldc, int rows, int cols, float alpha, float beta, float* tmp)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        Vector512<float> c80 = default, c81 = default, c90 = default, c91 = default;
        Vector512<float> ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> av = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(av, b1, c01);
            av = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(av, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(av, b1, c11);
            av = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(av, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(av, b1, c21);
            av = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(av, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(av, b1, c31);
            av = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(av, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(av, b1, c41);
            av = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(av, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(av, b1, c51);
            av = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(av, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(av, b1, c61);
            av = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(av, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(av, b1, c71);
            av = Vector512.Create(a[8]);
            c80 = Vector512.FusedMultiplyAdd(av, b0, c80);
            c81 = Vector512.FusedMultiplyAdd(av, b1, c81);
            av = Vector512.Create(a[9]);
            c90 = Vector512.FusedMultiplyAdd(av, b0, c90);
            c91 = Vector512.FusedMultiplyAdd(av, b1, c91);
            av = Vector512.Create(a[10]);
            ca0 = Vector512.FusedMultiplyAdd(av, b0, ca0);
            ca1 = Vector512.FusedMultiplyAdd(av, b1, ca1);
            av = Vector512.Create(a[11]);
            cb0 = Vector512.FusedMultiplyAdd(av, b0, cb0);
            cb1 = Vector512.FusedMultiplyAdd(av, b1, cb1);
            a += 12;
            b += ldb;
        }

        if (rows == 12 && cols == 32)
        {
            Store512(c, c00, c01, alpha, beta);
            Store512(c + ldc, c10, c11, alpha, beta);
            Store512(c + (2 * ldc), c20, c21, alpha, beta);
            Store512(c + (3 * ldc), c30, c31, alpha, beta);
            Store512(c + (4 * ldc), c40, c41, alpha, beta);
            Store512(c + (5 * ldc), c50, c51, alpha, beta);
            Store512(c + (6 * ldc), c60, c61, alpha, beta);
            Store512(c + (7 * ldc), c70, c71, alpha, beta);
            Store512(c + (8 * ldc), c80, c81, alpha, beta);
            Store512(c + (9 * ldc), c90, c91, alpha, beta);
            Store512(c + (10 * ldc), ca0, ca1, alpha, beta);
            Store512(c + (11 * ldc), cb0, cb1, alpha, beta);
            return;
        }

        // Partial tile: masked stores of the first cols columns of the first rows rows (masked-off lanes
        // are neither read nor written, so C past its edge is never touched).
        Vector512<float> limit = Vector512.Create((float)cols);
        Vector512<float> m0 = Vector512.LessThan(Vector512<float>.Indices, limit);
        Vector512<float> m1 = Vector512.LessThan(Vector512<float>.Indices + Vector512.Create(16f), limit);
        StoreMasked512(c, c00, c01, alpha, beta, m0, m1);
        if (rows > 1)
        {
            StoreMasked512(c + ldc, c10, c11, alpha, beta, m0, m1);
        }

        if (rows > 2)
        {
            StoreMasked512(c + (2 * ldc), c20, c21, alpha, beta, m0, m1);
        }

        if (rows > 3)
        {
            StoreMasked512(c + (3 * ldc), c30, c31, alpha, beta, m0, m1);
        }

        if (rows > 4)
        {
            StoreMasked512(c + (4 * ldc), c40, c41, alpha, beta, m0, m1);
        }

        if (rows > 5)
        {
            StoreMasked512(c + (5 * ldc), c50, c51, alpha, beta, m0, m1);
        }

        if (rows > 6)
        {
            StoreMasked512(c + (6 * ldc), c60, c61, alpha, beta, m0, m1);
        }

        if (rows > 7)
        {
            StoreMasked512(c + (7 * ldc), c70, c71, alpha, beta, m0, m1);
        }

        if (rows > 8)
        {
            StoreMasked512(c + (8 * ldc), c80, c81, alpha, beta, m0, m1);
        }

        if (rows > 9)
        {
            StoreMasked512(c + (9 * ldc), c90, c91, alpha, beta, m0, m1);
        }

        if (rows > 10)
        {
            StoreMasked512(c + (10 * ldc), ca0, ca1, alpha, beta, m0, m1);
        }

        if (rows > 11)
        {
            StoreMasked512(c + (11 * ldc), cb0, cb1, alpha, beta, m0, m1);
        }
    }

    /// <summary>AVX-512 kernel for a narrow last column panel (cols ≤ 16): 12 rows × 16 columns, reading the
    /// first 16 lanes of each B row; per element the same FMA sequence as <see cref="Kernel12x32"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel12x16(
        int kc, float* a, float* b, int ldb, float* c, int ldc, int rows, int cols, float alpha, float beta, float* tmp)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<float> c6 = default, c7 = default, c8 = default, c9 = default, ca = default, cb = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[1]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[2]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[3]), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[4]), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[5]), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[6]), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[7]), b0, c7);
            c8 = Vector512.FusedMultiplyAdd(Vector512.Create(a[8]), b0, c8);
            c9 = Vector512.FusedMultiplyAdd(Vector512.Create(a[9]), b0, c9);
            ca = Vector512.FusedMultiplyAdd(Vector512.Create(a[10]), b0, ca);
            cb = Vector512.FusedMultiplyAdd(Vector512.Create(a[11]), b0, cb);
            a += 12;
            b += ldb;
        }

        Vector512<float> m0 = Vector512.LessThan(Vector512<float>.Indices, Vector512.Create((float)cols));
        StoreMaskedOne512(c, c0, alpha, beta, m0);
        if (rows > 1)
        {
            StoreMaskedOne512(c + (ldc), c1, alpha, beta, m0);
        }

        if (rows > 2)
        {
            StoreMaskedOne512(c + (2 * ldc), c2, alpha, beta, m0);
        }

        if (rows > 3)
        {
            StoreMaskedOne512(c + (3 * ldc), c3, alpha, beta, m0);
        }

        if (rows > 4)
        {
            StoreMaskedOne512(c + (4 * ldc), c4, alpha, beta, m0);
        }

        if (rows > 5)
        {
            StoreMaskedOne512(c + (5 * ldc), c5, alpha, beta, m0);
        }

        if (rows > 6)
        {
            StoreMaskedOne512(c + (6 * ldc), c6, alpha, beta, m0);
        }

        if (rows > 7)
        {
            StoreMaskedOne512(c + (7 * ldc), c7, alpha, beta, m0);
        }

        if (rows > 8)
        {
            StoreMaskedOne512(c + (8 * ldc), c8, alpha, beta, m0);
        }

        if (rows > 9)
        {
            StoreMaskedOne512(c + (9 * ldc), c9, alpha, beta, m0);
        }

        if (rows > 10)
        {
            StoreMaskedOne512(c + (10 * ldc), ca, alpha, beta, m0);
        }

        if (rows > 11)
        {
            StoreMaskedOne512(c + (11 * ldc), cb, alpha, beta, m0);
        }
    }

    /// <summary>AVX2 kernel: 6 rows × 16 columns, 12 ymm accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel6x16(
        int kc, float* a, float* b, int ldb, float* c, int ldc, int rows, int cols, float alpha, float beta, float* tmp)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> av = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(av, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(av, b1, c01);
            av = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(av, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(av, b1, c11);
            av = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(av, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(av, b1, c21);
            av = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(av, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(av, b1, c31);
            av = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(av, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(av, b1, c41);
            av = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(av, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(av, b1, c51);
            a += 6;
            b += ldb;
        }

        bool full = rows == 6 && cols == 16;
        float* dst = full ? c : tmp;
        int ld = full ? ldc : 16;
        float beff = full ? beta : 0f;
        float aeff = full ? alpha : 1f;
        Store256(dst, c00, c01, aeff, beff);
        Store256(dst + ld, c10, c11, aeff, beff);
        Store256(dst + (2 * ld), c20, c21, aeff, beff);
        Store256(dst + (3 * ld), c30, c31, aeff, beff);
        Store256(dst + (4 * ld), c40, c41, aeff, beff);
        Store256(dst + (5 * ld), c50, c51, aeff, beff);
        if (!full)
        {
            MergeEdge(tmp, 16, c, ldc, rows, cols, alpha, beta);
        }
    }

    /// <summary>Portable scalar kernel: 4 rows × 4 columns, 16 scalar accumulators.</summary>
    public static void Kernel4x4(
        int kc, float* a, float* b, int ldb, float* c, int ldc, int rows, int cols, float alpha, float beta, float* tmp)
    {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            float av = a[0];
            c00 = MathF.FusedMultiplyAdd(av, b0, c00);
            c01 = MathF.FusedMultiplyAdd(av, b1, c01);
            c02 = MathF.FusedMultiplyAdd(av, b2, c02);
            c03 = MathF.FusedMultiplyAdd(av, b3, c03);
            av = a[1];
            c10 = MathF.FusedMultiplyAdd(av, b0, c10);
            c11 = MathF.FusedMultiplyAdd(av, b1, c11);
            c12 = MathF.FusedMultiplyAdd(av, b2, c12);
            c13 = MathF.FusedMultiplyAdd(av, b3, c13);
            av = a[2];
            c20 = MathF.FusedMultiplyAdd(av, b0, c20);
            c21 = MathF.FusedMultiplyAdd(av, b1, c21);
            c22 = MathF.FusedMultiplyAdd(av, b2, c22);
            c23 = MathF.FusedMultiplyAdd(av, b3, c23);
            av = a[3];
            c30 = MathF.FusedMultiplyAdd(av, b0, c30);
            c31 = MathF.FusedMultiplyAdd(av, b1, c31);
            c32 = MathF.FusedMultiplyAdd(av, b2, c32);
            c33 = MathF.FusedMultiplyAdd(av, b3, c33);
            a += 4;
            b += ldb;
        }

        tmp[0] = c00;
        tmp[1] = c01;
        tmp[2] = c02;
        tmp[3] = c03;
        tmp[4] = c10;
        tmp[5] = c11;
        tmp[6] = c12;
        tmp[7] = c13;
        tmp[8] = c20;
        tmp[9] = c21;
        tmp[10] = c22;
        tmp[11] = c23;
        tmp[12] = c30;
        tmp[13] = c31;
        tmp[14] = c32;
        tmp[15] = c33;
        MergeEdge(tmp, 4, c, ldc, rows, cols, alpha, beta);
    }

    /// <summary>Writes C[r, j] = alpha·acc (beta = 0) or fma(acc, alpha, beta·C) for the valid rows × cols of a tile.</summary>
    private static void MergeEdge(float* acc, int ldAcc, float* c, int ldc, int rows, int cols, float alpha, float beta)
    {
        for (int r = 0; r < rows; r++)
        {
            float* src = acc + (r * ldAcc);
            float* dst = c + ((long)r * ldc);
            if (beta == 0f)
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[j] = alpha * src[j];
                }
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[j] = MathF.FusedMultiplyAdd(src[j], alpha, dst[j] * beta);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* dst, Vector512<float> v0, Vector512<float> v1, float alpha, float beta)
    {
        Vector512<float> al = Vector512.Create(alpha);
        if (beta == 0f)
        {
            (v0 * al).Store(dst);
            (v1 * al).Store(dst + 16);
        }
        else if (beta == 1f)
        {
            Vector512.FusedMultiplyAdd(v0, al, Vector512.Load(dst)).Store(dst);
            Vector512.FusedMultiplyAdd(v1, al, Vector512.Load(dst + 16)).Store(dst + 16);
        }
        else
        {
            Vector512<float> be = Vector512.Create(beta);
            Vector512.FusedMultiplyAdd(v0, al, Vector512.Load(dst) * be).Store(dst);
            Vector512.FusedMultiplyAdd(v1, al, Vector512.Load(dst + 16) * be).Store(dst + 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMasked512(
        float* dst, Vector512<float> v0, Vector512<float> v1, float alpha, float beta, Vector512<float> m0, Vector512<float> m1)
    {
        Vector512<float> al = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Avx512F.MaskStore(dst, m0, v0 * al);
            Avx512F.MaskStore(dst + 16, m1, v1 * al);
        }
        else
        {
            Vector512<float> be = Vector512.Create(beta);
            Vector512<float> old0 = Avx512F.MaskLoad(dst, m0, Vector512<float>.Zero);
            Vector512<float> old1 = Avx512F.MaskLoad(dst + 16, m1, Vector512<float>.Zero);
            Avx512F.MaskStore(dst, m0, Vector512.FusedMultiplyAdd(v0, al, old0 * be));
            Avx512F.MaskStore(dst + 16, m1, Vector512.FusedMultiplyAdd(v1, al, old1 * be));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMaskedOne512(float* dst, Vector512<float> v, float alpha, float beta, Vector512<float> mask)
    {
        Vector512<float> al = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Avx512F.MaskStore(dst, mask, v * al);
        }
        else
        {
            Vector512<float> old = Avx512F.MaskLoad(dst, mask, Vector512<float>.Zero);
            Avx512F.MaskStore(dst, mask, Vector512.FusedMultiplyAdd(v, al, old * Vector512.Create(beta)));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* dst, Vector256<float> v0, Vector256<float> v1, float alpha, float beta)
    {
        Vector256<float> al = Vector256.Create(alpha);
        if (beta == 0f)
        {
            (v0 * al).Store(dst);
            (v1 * al).Store(dst + 8);
        }
        else if (beta == 1f)
        {
            Vector256.FusedMultiplyAdd(v0, al, Vector256.Load(dst)).Store(dst);
            Vector256.FusedMultiplyAdd(v1, al, Vector256.Load(dst + 8)).Store(dst + 8);
        }
        else
        {
            Vector256<float> be = Vector256.Create(beta);
            Vector256.FusedMultiplyAdd(v0, al, Vector256.Load(dst) * be).Store(dst);
            Vector256.FusedMultiplyAdd(v1, al, Vector256.Load(dst + 8) * be).Store(dst + 8);
        }
    }
}
