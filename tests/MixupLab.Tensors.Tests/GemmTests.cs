using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Tensors.Tests;

public class GemmTests
{
    private static readonly int[] _sizes = [0, 1, 2, 5, 7, 13, 31, 33, 64, 65, 127, 200];

    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    public static TheoryData<int> Isas => new() { (int)GemmIsa.Scalar, (int)GemmIsa.Vector256, (int)GemmIsa.Vector512 };

    private static float[] RandomArray(int length, int seed)
    {
        var random = new RandomSource((ulong)seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (2f * random.NextFloat()) - 1f;
        }

        return x;
    }

    /// <summary>|got − want| ≤ tol·(1 + Σ|a||b|) per element, with tol growing with k (float accumulation).</summary>
    private static void AssertClose(
        float[] want, float[] got, float[] a, float[] b, int m, int n, int k, bool ta, bool tb, float alpha, float beta, float[] c0)
    {
        float tol = 4e-7f * (k + 8);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double mag = 0;
                for (int p = 0; p < k; p++)
                {
                    float av = ta ? a[(p * m) + i] : a[(i * k) + p];
                    float bv = tb ? b[(j * k) + p] : b[(p * n) + j];
                    mag += Math.Abs((double)av * bv);
                }

                mag = (Math.Abs(alpha) * mag) + (beta == 0 ? 0 : Math.Abs(beta * c0[(i * n) + j]));
                double diff = Math.Abs(want[(i * n) + j] - got[(i * n) + j]);
                Assert.True(
                    diff <= tol * (1 + mag),
                    $"m={m} n={n} k={k} ta={ta} tb={tb} alpha={alpha} beta={beta}: C[{i},{j}] = {got[(i * n) + j]}, reference {want[(i * n) + j]}");
            }
        }
    }

    private static void CheckAgainstReference(
        int m, int n, int k, bool ta, bool tb, float alpha, float beta, GemmIsa isa, int threads, int seed)
    {
        float[] a = RandomArray(m * k, seed);
        float[] b = RandomArray(k * n, seed + 1);
        float[] c0 = RandomArray(m * n, seed + 2);
        float[] want = (float[])c0.Clone();
        float[] got = (float[])c0.Clone();
        GemmReference.Multiply(a, b, want, m, n, k, ta, tb, alpha, beta);
        Gemm.MultiplyWith(a, b, got, m, n, k, ta, tb, alpha, beta, isa, threads);
        AssertClose(want, got, a, b, m, n, k, ta, tb, alpha, beta, c0);
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void MatchesReferenceOnAllSizeCombinations(bool ta, bool tb)
    {
        int seed = 1;
        foreach (int m in _sizes)
        {
            foreach (int n in _sizes)
            {
                foreach (int k in _sizes)
                {
                    var got = new float[m * n];
                    float[] a = RandomArray(m * k, seed);
                    float[] b = RandomArray(k * n, seed + 1);
                    var want = new float[m * n];
                    GemmReference.Multiply(a, b, want, m, n, k, ta, tb);
                    Gemm.Multiply(a, b, got, m, n, k, ta, tb);
                    AssertClose(want, got, a, b, m, n, k, ta, tb, 1f, 0f, got);
                    seed += 3;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void EveryKernelFamilyMatchesReference(int isa)
    {
        if (!GemmDriver.IsSupported((GemmIsa)isa))
        {
            Assert.Throws<PlatformNotSupportedException>(() => Gemm.MultiplyWith(new float[1], new float[1], new float[1], 1, 1, 1, false, false, 1f, 0f, (GemmIsa)isa, 1));
            return;
        }

        int[] sizes = [1, 3, 4, 6, 12, 17, 32, 33, 70];
        int seed = 100;
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                foreach (int m in sizes)
                {
                    foreach (int n in sizes)
                    {
                        CheckAgainstReference(m, n, 37, ta, tb, 1f, 0f, (GemmIsa)isa, 1, seed++);
                    }
                }
            }
        }

        CheckAgainstReference(150, 140, 900, false, false, 0.5f, 2f, (GemmIsa)isa, 2, seed);
    }

    [Theory]
    [InlineData(1f, 0f)]
    [InlineData(2.5f, 0f)]
    [InlineData(1f, 1f)]
    [InlineData(-0.75f, 0.5f)]
    [InlineData(0.5f, -2f)]
    public void AlphaBetaMatchReference(float alpha, float beta)
    {
        int seed = 7;
        foreach (var (m, n, k) in new[] { (13, 33, 7), (65, 31, 200), (200, 127, 65), (1, 200, 900), (64, 64, 64), (300, 70, 41), (1300, 17, 20) })
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    CheckAgainstReference(m, n, k, ta, tb, alpha, beta, GemmDriver.BestIsa, 2, seed++);
                }
            }
        }
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0f, 0.5f)]
    [InlineData(1.5f, 2f)]
    public void EmptyDepthOrZeroAlphaScalesC(float alpha, float beta)
    {
        float[] c = [1f, -2f, 3f, 4f, 5f, 6f];
        float[] a = [float.NaN, 1f, 2f];
        float[] b = [3f, 4f];
        Gemm.Multiply(a, b, c, 3, 2, alpha == 0f ? 1 : 0, alpha: alpha, beta: beta);
        Assert.Equal(new[] { beta * 1f, beta * -2f, beta * 3f, beta * 4f, beta * 5f, beta * 6f }, c);
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void BetaZeroOverwritesNaNInC(int isa)
    {
        if (!GemmDriver.IsSupported((GemmIsa)isa))
        {
            Assert.Throws<PlatformNotSupportedException>(() => Gemm.MultiplyWith(new float[1], new float[1], new float[1], 1, 1, 1, false, false, 1f, 0f, (GemmIsa)isa, 1));
            return;
        }

        foreach (var (m, n, k) in new[] { (12, 32, 5), (13, 33, 7), (100, 70, 400), (3, 2, 1) })
        {
            float[] a = RandomArray(m * k, 3);
            float[] b = RandomArray(k * n, 4);
            var c = new float[m * n];
            Array.Fill(c, float.NaN);
            Gemm.MultiplyWith(a, b, c, m, n, k, false, false, 1f, 0f, (GemmIsa)isa, 2);
            var want = new float[m * n];
            GemmReference.Multiply(a, b, want, m, n, k);
            Assert.DoesNotContain(c, float.IsNaN);
            AssertClose(want, c, a, b, m, n, k, false, false, 1f, 0f, want);
        }
    }

    [Fact]
    public void ResultBitsDoNotDependOnThreadCount()
    {
        foreach (var (m, n, k) in new[] { (300, 290, 500), (1000, 40, 300), (40, 1000, 300), (128, 1024, 1152), (517, 519, 800) })
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    float[] a = RandomArray(m * k, m);
                    float[] b = RandomArray(k * n, n);
                    float[] c0 = RandomArray(m * n, k);
                    float[][] results = new float[4][];
                    for (int t = 1; t <= 4; t++)
                    {
                        results[t - 1] = (float[])c0.Clone();
                        Gemm.MultiplyWith(a, b, results[t - 1], m, n, k, ta, tb, 0.7f, 0.3f, GemmDriver.BestIsa, t);
                    }

                    for (int t = 1; t < 4; t++)
                    {
                        Assert.True(
                            results[0].AsSpan().SequenceEqual(results[t]),
                            $"m={m} n={n} k={k} ta={ta} tb={tb}: {t + 1} threads differ from 1 thread");
                    }
                }
            }
        }
    }

    [Fact]
    public void EngineThreadsSettingGivesIdenticalBits()
    {
        const int m = 515, n = 509, k = 700;
        float[] a = RandomArray(m * k, 5);
        float[] b = RandomArray(k * n, 6);
        var one = new float[m * n];
        var two = new float[m * n];
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = 1;
            Gemm.Multiply(a, b, one, m, n, k);
            Engine.Threads = 2;
            Gemm.Multiply(a, b, two, m, n, k);
        }
        finally
        {
            Engine.Threads = saved;
        }

        Assert.True(one.AsSpan().SequenceEqual(two));
    }

    [Fact]
    public void ConcurrentCallsFromManyThreadsAreIndependent()
    {
        var shapes = new[] { (32, 676, 9), (64, 121, 288), (128, 300, 500), (7, 5, 3), (300, 301, 302), (64, 100, 2) };
        var expected = new float[shapes.Length][];
        var inputs = new (float[] A, float[] B)[shapes.Length];
        for (int s = 0; s < shapes.Length; s++)
        {
            var (m, n, k) = shapes[s];
            inputs[s] = (RandomArray(m * k, 10 + s), RandomArray(k * n, 20 + s));
            expected[s] = new float[m * n];
            Gemm.Multiply(inputs[s].A, inputs[s].B, expected[s], m, n, k, s % 2 == 1, s % 3 == 1);
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = new Thread[8];
        for (int t = 0; t < threads.Length; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                for (int r = 0; r < 12; r++)
                {
                    int s = (id + r) % shapes.Length;
                    var (m, n, k) = shapes[s];
                    var c = new float[m * n];
                    Array.Fill(c, float.NaN);
                    Gemm.Multiply(inputs[s].A, inputs[s].B, c, m, n, k, s % 2 == 1, s % 3 == 1);
                    if (!c.AsSpan().SequenceEqual(expected[s]))
                    {
                        failures.Add($"thread {id} round {r} shape {shapes[s]}");
                    }
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void ParallelForBodiesMayCallGemm()
    {
        const int m = 64, n = 121, k = 288;
        float[] a = RandomArray(m * k, 1);
        float[] b = RandomArray(k * n, 2);
        var want = new float[m * n];
        Gemm.Multiply(a, b, want, m, n, k);
        var outs = new float[16][];
        Engine.ParallelFor(outs.Length, i =>
        {
            outs[i] = new float[m * n];
            Gemm.Multiply(a, b, outs[i], m, n, k);
        });
        Assert.All(outs, o => Assert.True(o.AsSpan().SequenceEqual(want)));
    }

    [Fact]
    public void SteadyStateCallsDoNotAllocate()
    {
        const int m = 200, n = 300, k = 150;
        float[] a = RandomArray(m * k, 1);
        float[] b = RandomArray(k * n, 2);
        var c = new float[m * n];
        Gemm.MultiplyWith(a, b, c, m, n, k, false, true, 1f, 0f, GemmDriver.BestIsa, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Gemm.MultiplyWith(a, b, c, m, n, k, false, true, 1f, 0f, GemmDriver.BestIsa, 1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BadArgumentsThrowWithShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[6], new float[4], 2, 2, 3));
        Assert.Equal("a", ex.ParamName);
        Assert.Contains("A has 5 elements", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2×3", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[6], new float[5], new float[4], 2, 2, 3));
        Assert.Equal("b", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[6], new float[6], new float[3], 2, 2, 3));
        Assert.Equal("c", ex.ParamName);
        Assert.Contains("C has 3 elements", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[6], new float[6], new float[4], -1, 2, 3));
        Assert.Equal("m", ex.ParamName);
        Assert.Contains("m=-1", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => GemmReference.Multiply(new float[6], new float[6], new float[4], 2, 2, -3));
        Assert.Equal("k", ex.ParamName);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[6], new float[5], new float[4], 2, 2, 3, alpha: 0f));
    }

    [Fact]
    public void LargerBuffersAreAllowedAndUntouchedPastMTimesN()
    {
        float[] a = RandomArray(20 * 30, 1);
        float[] b = RandomArray(30 * 40, 2);
        var c = new float[(20 * 40) + 5];
        Array.Fill(c, 9f);
        Gemm.Multiply(a, b, c, 20, 40, 30);
        Assert.Equal(new[] { 9f, 9f, 9f, 9f, 9f }, c[^5..]);
    }

    [Fact]
    public void RandomShapesMatchReference()
    {
        var random = new RandomSource(2024);
        for (int trial = 0; trial < 40; trial++)
        {
            int m = 1 + random.NextInt(150), n = 1 + random.NextInt(150), k = 1 + random.NextInt(600);
            bool ta = random.NextInt(2) == 1, tb = random.NextInt(2) == 1;
            float beta = random.NextInt(3) switch { 0 => 0f, 1 => 1f, _ => -0.5f };
            CheckAgainstReference(m, n, k, ta, tb, 1.25f, beta, GemmDriver.BestIsa, 2, 1000 + trial);
        }
    }
}
