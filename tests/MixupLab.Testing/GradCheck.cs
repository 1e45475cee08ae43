using MixupLab.Autodiff;
using MixupLab.Tensors;
using Xunit;

namespace MixupLab.Testing;

/// <summary>Compares autodiff gradients with central finite differences (first and second order).</summary>
/// <remarks>A non-scalar output is contracted with a fixed random weight tensor W, so the checked
/// function is Σ W·f(x), accumulated in double.</remarks>
public static class GradCheck
{
    /// <summary>Checks d(Σ W·f)/dx_i elementwise for every input that requires a gradient.</summary>
    public static void First(Func<Var[], Var> f, Tensor[] inputs, double eps = 1e-3, double rtol = 2e-2, double atol = 2e-3, bool[]? requiresGrad = null, ulong seed = 7)
    {
        var vars = MakeVars(inputs, requiresGrad);
        var output = f(vars);
        var w = RandomLike(output.Value, seed);
        var wanted = vars.Where(v => v.RequiresGrad).ToArray();
        Assert.True(wanted.Any(v => v.Length > 0), "GradCheck.First: no non-empty input requires a gradient, so nothing would be checked.");
        var grads = Autograd.Grad(output, wanted, new Var(w), allowUnused: true);
        int gi = 0;
        for (int i = 0; i < vars.Length; i++)
        {
            if (!vars[i].RequiresGrad)
            {
                continue;
            }

            var analytic = grads[gi++].Value;
            var x = inputs[i];
            for (int e = 0; e < x.Length; e++)
            {
                float saved = x[e];
                x[e] = saved + (float)eps;
                double plus = Contract(f, inputs, requiresGrad, w);
                x[e] = saved - (float)eps;
                double minus = Contract(f, inputs, requiresGrad, w);
                x[e] = saved;
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic[e];
                Assert.True(
                    Math.Abs(a - numeric) <= atol + (rtol * Math.Abs(numeric)),
                    $"Input {i} element {e}: analytic {a:G6} vs numeric {numeric:G6}.");
            }
        }
    }

    /// <summary>Checks Hessian-vector products: the gradient of ⟨∂(Σ W·f)/∂x_j, V⟩ with respect to every input,
    /// along random directions, against central differences of the first gradient.</summary>
    public static void Second(Func<Var[], Var> f, Tensor[] inputs, double eps = 1e-3, double rtol = 3e-2, double atol = 3e-3, int directions = 3, ulong seed = 11)
    {
        var rng = new RandomSource(seed);
        var vars = MakeVars(inputs, null);
        var output = f(vars);
        var w = RandomLike(output.Value, seed + 1);
        for (int j = 0; j < inputs.Length; j++)
        {
            var gj = Autograd.Grad(output, [vars[j]], new Var(w), createGraph: true, allowUnused: true)[0];
            var v = RandomLike(inputs[j], seed + 2 + (ulong)j);

            // A gradient without a graph means the analytic second derivative is zero; it is still
            // compared with finite differences, so a backward rule that forgot to record fails here.
            var hv = gj.RequiresGrad
                ? Autograd.Grad(gj, vars, new Var(v), allowUnused: true)
                : inputs.Select(t => new Var(Tensor.Zeros(t.Shape))).ToArray();
            for (int k = 0; k < inputs.Length; k++)
            {
                for (int d = 0; d < directions; d++)
                {
                    var u = RandomLike(inputs[k], rng.NextUInt64());
                    double analytic = Dot(hv[k].Value, u);
                    double plus = DirectionalGradDot(f, inputs, j, k, u, eps, w, v);
                    double minus = DirectionalGradDot(f, inputs, j, k, u, -eps, w, v);
                    double numeric = (plus - minus) / (2 * eps);
                    Assert.True(
                        Math.Abs(analytic - numeric) <= atol + (rtol * Math.Abs(numeric)),
                        $"Second order, gradient of input {j} along input {k} (direction {d}): analytic {analytic:G6} vs numeric {numeric:G6}.");
                }
            }
        }
    }

    /// <summary>A tensor of the given shape with uniform values in [low, high).</summary>
    public static Tensor Uniform(ulong seed, float low, float high, params int[] shape)
    {
        var t = Tensor.Empty(shape);
        new RandomSource(seed).FillUniform(t.Span, low, high);
        return t;
    }

    /// <summary>Asserts two tensors have the same shape and agree within tolerance elementwise.</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double rtol = 1e-5, double atol = 1e-6, string what = "value")
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= atol + (rtol * Math.Abs(expected[i])),
                $"{what} element {i}: expected {expected[i]:G8}, got {actual[i]:G8}.");
        }
    }

    private static double DirectionalGradDot(Func<Var[], Var> f, Tensor[] inputs, int j, int k, Tensor u, double step, Tensor w, Tensor v)
    {
        var x = inputs[k];
        var saved = x.ToArray();
        for (int e = 0; e < x.Length; e++)
        {
            x[e] = (float)(saved[e] + (step * u[e]));
        }

        var vars = MakeVars(inputs, null);
        var g = Autograd.Grad(f(vars), [vars[j]], new Var(w), allowUnused: true)[0];
        double dot = Dot(g.Value, v);
        saved.CopyTo(x.Span);
        return dot;
    }

    private static double Contract(Func<Var[], Var> f, Tensor[] inputs, bool[]? requiresGrad, Tensor w)
    {
        using var noGrad = GradMode.NoGrad();
        var output = f(MakeVars(inputs, requiresGrad));
        return Dot(output.Value, w);
    }

    private static Var[] MakeVars(Tensor[] inputs, bool[]? requiresGrad) =>
        inputs.Select((t, i) => new Var(t, requiresGrad?[i] ?? true)).ToArray();

    private static Tensor RandomLike(Tensor t, ulong seed) => Uniform(seed, -1f, 1f, t.Shape);

    private static double Dot(Tensor a, Tensor b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += (double)a[i] * b[i];
        }

        return s;
    }
}
