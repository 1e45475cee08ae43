using MixupLab.Autodiff;
using MixupLab.NN.Models;
using MixupLab.NN.Optim;
using MixupLab.NN.Schedules;
using MixupLab.NN.Serialization;
using MixupLab.Tensors;

namespace MixupLab.NN.Tests;

public sealed class ResumeTests : IDisposable
{
    private const int StepsPerEpoch = 4;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mixuplab-resume-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static readonly LrSchedule _schedule = LrSchedule.WithWarmup(LrSchedule.Cosine(0.2, 3, 0.01, StepsPerEpoch), 1, StepsPerEpoch, 0.1);

    private static (Module Model, Optimizer Optimizer, RandomSource Data) Fresh(bool adam)
    {
        var model = ModelRegistry.Create(new ModelSpec("mlp", [6], 3, [8], Seed: 3));
        Optimizer opt = adam ? new Adam(model.NamedParameters(), 0.01, weightDecay: 1e-3) : new Sgd(model.NamedParameters(), 0.1, 0.9, 0, true, 1e-3);
        return (model, opt, RandomSource.Derive(3, "data"));
    }

    private static float Step(Module model, Optimizer opt, RandomSource data, int epoch, int step)
    {
        using var scope = new TensorScope();
        var x = Tensor.Empty(5, 6);
        data.FillNormal(x.Span);
        var labels = new int[5];
        for (int i = 0; i < 5; i++)
        {
            labels[i] = data.NextInt(3);
        }

        opt.LearningRate = _schedule.LearningRate(epoch, step);
        opt.ZeroGrad();
        var loss = Ops.CrossEntropy(model.Forward(new Var(x)), labels);
        Autograd.Backward(loss);
        opt.Step();
        return loss.ToScalar();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResumingFromACheckpointGivesTheSameLossesBitForBit(bool adam)
    {
        var (m, o, d) = Fresh(adam);
        var straight = new List<float>();
        for (int e = 0; e < 3; e++)
        {
            for (int s = 0; s < StepsPerEpoch; s++)
            {
                straight.Add(Step(m, o, d, e, s));
            }
        }

        var (m1, o1, d1) = Fresh(adam);
        var resumed = new List<float>();
        for (int s = 0; s < StepsPerEpoch + 2; s++)
        {
            resumed.Add(Step(m1, o1, d1, s / StepsPerEpoch, s % StepsPerEpoch));
        }

        Checkpoint.Save(_dir, m1, o1, new CheckpointInfo(1, 2, new Dictionary<string, byte[]> { ["data"] = d1.GetState() }, new Dictionary<string, string>()));
        var (m2, o2, d2) = Fresh(adam);
        var info = Checkpoint.Load(_dir, m2, o2);
        d2.SetState(info.RandomStates["data"]);
        for (int e = info.Epoch, s = info.Step; e < 3; e++, s = 0)
        {
            for (; s < StepsPerEpoch; s++)
            {
                resumed.Add(Step(m2, o2, d2, e, s));
            }
        }

        Assert.Equal(straight.Select(BitConverter.SingleToInt32Bits), resumed.Select(BitConverter.SingleToInt32Bits));
        foreach (var ((_, a), (_, b)) in m.NamedParameters().Zip(m2.NamedParameters()))
        {
            Assert.Equal(a.Value.ToArray(), b.Value.ToArray());
        }
    }
}
