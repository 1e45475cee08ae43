using MixupLab.Autodiff;
using MixupLab.NN;
using MixupLab.NN.Models;
using MixupLab.NN.Optim;
using MixupLab.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MixupLab.Experiments.Benchmarks;

/// <summary>Training, inference and FGSM workloads on the registered models, as in <c>tools/pytorch_bench.py</c>.</summary>
/// <remarks>
/// A training step: forward, mean loss (cross-entropy; BCE with logits for a single logit), backward,
/// SGD(lr 0.01, momentum 0.9, weight decay 5e-4), zero the gradients, all inside one <see cref="TensorScope"/>.
/// The Mixup variant draws λ ~ Beta(1, 1) and a permutation each step, mixes the inputs
/// x̃ = λ·x + (1 − λ)·x[π] and trains on the soft targets λ·y + (1 − λ)·y[π] (soft-target cross-entropy).
/// Data are synthetic and stay in memory: one fixed batch per workload (two-moons points for the 2-d models,
/// standard normal images otherwise), so only the engine is timed.
/// </remarks>
public static class ModelWorkloads
{
    /// <summary>Forward FLOP per sample (2 per multiply-add of Linear and Conv2d layers), from
    /// <c>reference_models.forward_gflop</c>; a training step counts 3×, FGSM 2×, inference 1×.</summary>
    public static double ForwardFlop(string label) => label switch
    {
        "logreg-moons" => 4,
        "mlp-moons" => 600,
        "mlp-784" => 1_070_080,
        "small-cnn" => 5_262_080,
        "wrn-16-2" => 202_213_888,
        "wrn-16-4" => 785_224_704,
        "wrn-16-8" => 3_096_291_328,
        "preact-resnet18" => 1_110_845_440,
        _ => throw new ArgumentException($"No FLOP count for workload model '{label}'.", nameof(label)),
    };

    /// <summary>The model behind a workload label.</summary>
    public static ModelSpec Spec(string label) => label switch
    {
        "logreg-moons" => new ModelSpec("logreg", [2], 1, Seed: 1),
        "mlp-moons" => new ModelSpec("mlp", [2], 1, [100], Seed: 1),
        "mlp-784" => new ModelSpec("mlp", [784], 10, [512, 256], Seed: 1),
        "small-cnn" => new ModelSpec("small-cnn", [1, 28, 28], 10, Seed: 1),
        "wrn-16-2" or "wrn-16-4" or "wrn-16-8" or "preact-resnet18" => new ModelSpec(label, [3, 32, 32], 10, Seed: 1),
        _ => throw new ArgumentException($"Unknown workload model '{label}'.", nameof(label)),
    };

    /// <summary>Every model workload in the PyTorch script's order.</summary>
    public static IEnumerable<BenchmarkWorkload> All()
    {
        (string Label, int[] Batches)[] plan =
        [
            ("logreg-moons", [64, 1000]), ("mlp-moons", [64, 1000]), ("mlp-784", [64, 256]), ("small-cnn", [64]),
            ("wrn-16-2", [64]), ("wrn-16-4", [64]), ("wrn-16-8", [64]), ("preact-resnet18", [64]),
        ];
        foreach (var (label, batches) in plan)
        {
            foreach (int batch in batches)
            {
                yield return Train(label, batch, mixup: false);
                yield return Train(label, batch, mixup: true);
            }
        }

        yield return Eval("small-cnn", 1000);
        yield return Eval("wrn-16-8", 64);
        yield return Fgsm();
    }

    /// <summary><c>train-LABEL[-mixup]</c>: one SGD training step per call.</summary>
    public static BenchmarkWorkload Train(string label, int batch, bool mixup)
    {
        var spec = Spec(label);
        string name = $"train-{label}" + (mixup ? "-mixup" : string.Empty);
        return new BenchmarkWorkload(name, batch, batch, 3 * ForwardFlop(label) * batch / 1e9, () =>
        {
            var model = ModelRegistry.Create(spec);
            model.Train();
            var optimizer = new Sgd(model, learningRate: 0.01, momentum: 0.9, nesterov: false, weightDecay: 5e-4);
            var rng = RandomSource.Derive(2, name);
            var (x, labels) = Data(spec, batch, rng);
            int k = spec.Classes;
            bool binary = k == 1;
            var oneHot = TensorScope.Untracked(() => Tensor.Zeros(batch, binary ? 1 : k));
            for (int i = 0; i < batch; i++)
            {
                oneHot.Span[binary ? i : (i * k) + labels[i]] = binary ? labels[i] : 1f;
            }

            return () =>
            {
                using var scope = new TensorScope();
                Var loss;
                if (mixup)
                {
                    float lambda = (float)rng.NextBeta(1, 1);
                    int[] perm = rng.Permutation(batch);
                    var logits = model.Forward(new Var(MixRows(x, perm, lambda)));
                    var targets = new Var(MixRows(oneHot, perm, lambda));
                    loss = binary ? Ops.BinaryCrossEntropyWithLogits(logits, targets) : Ops.SoftCrossEntropy(logits, targets);
                }
                else
                {
                    var logits = model.Forward(new Var(x));
                    loss = binary ? Ops.BinaryCrossEntropyWithLogits(logits, new Var(oneHot)) : Ops.CrossEntropy(logits, labels);
                }

                Autograd.Backward(loss);
                optimizer.Step();
                optimizer.ZeroGrad();
            };
        });
    }

    /// <summary><c>eval-LABEL</c>: an eval-mode forward pass without gradients.</summary>
    public static BenchmarkWorkload Eval(string label, int batch)
    {
        var spec = Spec(label);
        return new BenchmarkWorkload($"eval-{label}", batch, batch, ForwardFlop(label) * batch / 1e9, () =>
        {
            var model = ModelRegistry.Create(spec);
            model.Eval();
            var (x, _) = Data(spec, batch, RandomSource.Derive(2, "eval-" + label));
            return () =>
            {
                using var scope = new TensorScope();
                using var noGrad = GradMode.NoGrad();
                model.Forward(new Var(x));
            };
        });
    }

    /// <summary><c>fgsm-small-cnn</c>: FGSM (ε = 0.1) on 10,000 images in batches of 1000: input gradient of the
    /// cross-entropy and x + ε·sign(g) clamped to [0, 1]; one call is the whole pass.</summary>
    public static BenchmarkWorkload Fgsm()
    {
        const int images = 10_000;
        const int batch = 1000;
        const float epsilon = 0.1f;
        var spec = Spec("small-cnn");
        return new BenchmarkWorkload("fgsm-small-cnn", batch, images, 2 * ForwardFlop("small-cnn") * images / 1e9, () =>
        {
            var model = ModelRegistry.Create(spec);
            model.Eval();
            var rng = RandomSource.Derive(2, "fgsm-small-cnn");
            int size = 28 * 28;
            var data = new float[images * size];
            rng.FillUniform(data);
            int[][] labels = Enumerable.Range(0, images / batch)
                .Select(_ => Enumerable.Range(0, batch).Select(_ => rng.NextInt(10)).ToArray())
                .ToArray();
            return () =>
            {
                for (int start = 0; start < images; start += batch)
                {
                    using var scope = new TensorScope();
                    var x = new Var(Tensor.FromArray(data.AsSpan(start * size, batch * size), batch, 1, 28, 28), requiresGrad: true);
                    var loss = Ops.CrossEntropy(model.Forward(x), labels[start / batch]);
                    var g = Autograd.Grad(loss, [x])[0].Value;
                    var adversarial = Tensor.Empty(x.Shape);
                    var xs = x.Value.Span;
                    var gs = g.Span;
                    var adv = adversarial.Span;
                    for (int i = 0; i < adv.Length; i++)
                    {
                        adv[i] = Math.Clamp(xs[i] + (epsilon * MathF.Sign(gs[i])), 0f, 1f);
                    }
                }
            };
        });
    }

    /// <summary>The fixed batch: two-moons points (noise 0.1) for 2-d inputs, standard normal otherwise.</summary>
    private static (Tensor X, int[] Labels) Data(ModelSpec spec, int batch, RandomSource rng)
    {
        int[] shape = [batch, .. spec.InputShape];
        var x = TensorScope.Untracked(() => Tensor.Empty(shape));
        var labels = new int[batch];
        var xs = x.Span;
        if (spec.InputShape is [2])
        {
            for (int i = 0; i < batch; i++)
            {
                double t = rng.NextDouble() * Math.PI;
                bool upper = rng.NextDouble() < 0.5;
                xs[2 * i] = (float)((upper ? Math.Cos(t) : 1 - Math.Cos(t)) + (0.1 * rng.NextNormal()));
                xs[(2 * i) + 1] = (float)((upper ? Math.Sin(t) : 0.5 - Math.Sin(t)) + (0.1 * rng.NextNormal()));
                labels[i] = upper ? 1 : 0;
            }
        }
        else
        {
            rng.FillNormal(xs);
            for (int i = 0; i < batch; i++)
            {
                labels[i] = rng.NextInt(spec.Classes);
            }
        }

        return (x, labels);
    }

    /// <summary>Row-wise λ·a[i] + (1 − λ)·a[π(i)] (a new tensor in the current scope).</summary>
    private static Tensor MixRows(Tensor a, int[] perm, float lambda)
    {
        var mixed = Tensor.Empty(a.Shape);
        int row = a.Length / a.Dim(0);
        var src = a.Span;
        var dst = mixed.Span;
        for (int i = 0; i < perm.Length; i++)
        {
            var d = dst.Slice(i * row, row);
            TensorPrimitives.Multiply(src.Slice(i * row, row), lambda, d);
            TensorPrimitives.MultiplyAdd(src.Slice(perm[i] * row, row), 1 - lambda, d, d);
        }

        return mixed;
    }
}
