using MixupLab.Autodiff;
using MixupLab.Data;
using MixupLab.NN;
using MixupLab.NN.Models;
using MixupLab.NN.Optim;
using MixupLab.NN.Schedules;
using MixupLab.Tensors;
using MixupLab.Tensors.Kernels;

namespace MixupLab.Experiments.Training;

/// <summary>The data and model a config describes, and the loss and evaluation shared by training and <c>evaluate</c>.</summary>
/// <param name="Data">Train and test splits (train already subset to the config's train size).</param>
/// <param name="Model">The initialised model (seed stream "init"); for image data wrapped in a <see cref="NormalizedModel"/>.</param>
/// <param name="Outputs">Model outputs: the class count, or 1 for a single binary logit.</param>
public sealed record TrainingParts(DatasetSplits Data, Module Model, int Outputs)
{
    /// <summary>Number of classes of the dataset.</summary>
    public int Classes => Data.Train.ClassCount;

    /// <summary>Loads the data and creates the model of <paramref name="config"/>.</summary>
    /// <exception cref="ArgumentException">The model does not fit the data (e.g. one output on a 3-class dataset).</exception>
    public static TrainingParts Build(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = DatasetRegistry.LoadSplits(config.DatasetRequest());
        int classes = data.Train.ClassCount;
        int outputs = config.Outputs ?? classes;
        if (outputs != classes && !(outputs == 1 && classes == 2))
        {
            throw new ArgumentException($"Invalid outputs '{outputs}': {config.Dataset} has {classes} classes; expected {classes}, or 1 (a single logit) for two classes.", nameof(config));
        }

        int[] shape = config.Model is "mlp" or "logreg" ? [data.Train.SampleSize] : data.Train.SampleShape;
        var spec = new ModelSpec(config.Model, shape, outputs, config.Model == "mlp" ? config.Hidden : null, true, config.Seed);
        var model = ModelRegistry.Create(spec);
        if (data.Train.SampleShape.Length == 3)
        {
            // Images stay in pixel space [0, 1]; the model standardises them with the train split's statistics.
            model = new NormalizedModel(model, data.Train.Normalization.Mean, data.Train.Normalization.Std);
        }

        return new TrainingParts(data, model, outputs);
    }

    /// <summary>The optimizer of <paramref name="config"/> over this model's parameters.</summary>
    public Optimizer CreateOptimizer(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Optimizer == "adam"
            ? new Adam(Model, config.Lr, config.WeightDecay)
            : new Sgd(Model, config.Lr, config.Momentum, config.Nesterov, config.WeightDecay);
    }

    /// <summary>The learning-rate schedule of <paramref name="config"/>.</summary>
    public static LrSchedule CreateSchedule(TrainingConfig config, int stepsPerEpoch)
    {
        ArgumentNullException.ThrowIfNull(config);
        var inner = config.Schedule switch
        {
            "multistep" => LrSchedule.MultiStep(config.Lr, config.Milestones, config.Gamma),
            "cosine" => LrSchedule.Cosine(config.Lr, config.Epochs, 0, stepsPerEpoch),
            _ => LrSchedule.Constant(config.Lr),
        };
        return config.WarmupEpochs > 0 ? LrSchedule.WithWarmup(inner, config.WarmupEpochs, stepsPerEpoch) : inner;
    }

    /// <summary>The loss of logits against soft targets.</summary>
    /// <remarks>K outputs: soft-target cross-entropy −Σ_k y_k log softmax(z)_k averaged over the batch.
    /// One output on two classes: binary cross-entropy with logits against the soft label y_1 (the weight of class 1).
    /// Shapes: logits (N, K) or (N, 1), targets (N, K).</remarks>
    public Var Loss(Var logits, Tensor targets, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (Outputs != 1)
        {
            return Ops.SoftCrossEntropy(logits, new Var(targets), reduction);
        }

        int n = targets.Dim(0);
        var positive = Tensor.Empty(n, 1);
        for (int i = 0; i < n; i++)
        {
            positive.Span[i] = targets.Span[(i * 2) + 1];
        }

        return Ops.BinaryCrossEntropyWithLogits(logits, new Var(positive), reduction);
    }

    /// <summary>Mean loss and accuracy of the model in eval mode on clean data, without gradients; restores the previous mode.</summary>
    /// <param name="dataset">The samples (any split with the training data's shape and classes).</param>
    /// <param name="keepProbabilities">Also return the (N, K) class probabilities.</param>
    public EvaluationResult Evaluate(Dataset dataset, bool keepProbabilities = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        bool wasTraining = Model.IsTraining;
        Model.Eval();
        var probabilities = keepProbabilities ? new float[dataset.Count * Classes] : null;
        double lossSum = 0;
        long correct = 0;
        var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 500, Shuffle = false, Prefetch = false });
        using (GradMode.NoGrad())
        {
            int offset = 0;
            foreach (var batch in loader.Epoch(0))
            {
                using var b = batch;
                using var scope = new TensorScope();
                var logits = Model.Forward(new Var(b.Inputs));
                var targets = Research.Mixup.MixupMath.OneHot(b.Labels, Classes, 0f);
                lossSum += Loss(logits, targets, Reduction.Sum).Value.ToScalar();
                correct += Score(logits.Value, b.Labels, probabilities, offset);
                offset += b.Count;
            }
        }

        Model.Train(wasTraining);
        int count = Math.Max(dataset.Count, 1);
        return new EvaluationResult(lossSum / count, (double)correct / count, probabilities);
    }

    private int Score(Tensor logits, int[] labels, float[]? probabilities, int offset)
    {
        int n = labels.Length;
        int correct = 0;
        var predicted = new int[n];
        if (Outputs == 1)
        {
            for (int i = 0; i < n; i++)
            {
                predicted[i] = logits.Span[i] > 0 ? 1 : 0;
            }
        }
        else
        {
            ReductionKernels.ArgMaxRows(logits.Span, n, Outputs, predicted);
        }

        for (int i = 0; i < n; i++)
        {
            correct += predicted[i] == labels[i] ? 1 : 0;
            if (probabilities is not null)
            {
                WriteProbabilities(logits.Span, i, probabilities.AsSpan((offset + i) * Classes, Classes));
            }
        }

        return correct;
    }

    private void WriteProbabilities(ReadOnlySpan<float> logits, int row, Span<float> destination)
    {
        if (Outputs == 1)
        {
            double p = 1 / (1 + Math.Exp(-logits[row]));
            destination[0] = (float)(1 - p);
            destination[1] = (float)p;
            return;
        }

        var z = logits.Slice(row * Outputs, Outputs);
        float max = float.NegativeInfinity;
        foreach (var v in z)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        foreach (var v in z)
        {
            sum += Math.Exp(v - max);
        }

        for (int k = 0; k < Outputs; k++)
        {
            destination[k] = (float)(Math.Exp(z[k] - max) / sum);
        }
    }
}
