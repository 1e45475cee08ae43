using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MixupLab.Autodiff;
using MixupLab.Data;
using MixupLab.NN;
using MixupLab.NN.Layers;
using MixupLab.NN.Models;
using MixupLab.NN.Optim;
using MixupLab.NN.Serialization;
using MixupLab.Research.Mixup;
using MixupLab.Tensors;
using Spectre.Console;

namespace MixupLab.Experiments.Training;

/// <summary>Runs a training config into a run folder: per epoch shuffle, mix, forward, loss, backward, step; then clean
/// evaluation, metrics and a checkpoint. Resumable bit for bit.</summary>
/// <remarks>
/// Random streams, all derived from the config's seed: "init" (weights), "loader/order/epoch-e" (data order, stateless per
/// epoch, so the loader has no state to save), "mix" (λ, partners, CutMix boxes) and each Dropout module's own stream; the
/// last two are saved in every checkpoint. Progress goes to the injected console: a bar per epoch when interactive,
/// otherwise one line per epoch; a summary table at the end.
/// </remarks>
/// <param name="console">Where progress and the summary table go (stderr in the CLI).</param>
/// <param name="interactive">Draw live progress bars (a terminal, not CI); otherwise print one line per epoch.</param>
public sealed class Trainer(IAnsiConsole console, bool interactive)
{
    /// <summary>Called after every optimizer step with the 0-based epoch and step (tests use it to stop a run mid-epoch).</summary>
    internal Action<int, int>? AfterStep { get; set; }

    /// <summary>Trains <paramref name="config"/> into <paramref name="runFolder"/>, or continues it from its last checkpoint when
    /// <paramref name="resume"/> is set.</summary>
    /// <exception cref="ArgumentException">Invalid config, or a folder holding another run (without resume, or with a different config).</exception>
    /// <exception cref="TrainingDivergedException">A non-finite loss; the last good checkpoint is kept.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired; the last good checkpoint is kept.</exception>
    public TrainingSummary Run(TrainingConfig config, string runFolder, bool resume, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config = config.Resolve();
        var run = new RunDirectory(runFolder);
        CheckFolder(run, config, resume);
        if (config.Threads > 0)
        {
            Engine.Threads = config.Threads;
        }

        var parts = TrainingParts.Build(config);
        var optimizer = parts.CreateOptimizer(config);
        var loader = new DataLoader(parts.Data.Train, new DataLoaderOptions { BatchSize = config.BatchSize, Shuffle = true, Seed = config.Seed });
        var schedule = TrainingParts.CreateSchedule(config, loader.BatchCount);
        var mixStream = RandomSource.Derive(config.Seed, "mix");
        var mixer = new BatchMixer(config.MixupOptions(), mixStream);
        int start = 0;
        if (resume && run.LatestCheckpoint() is string checkpoint)
        {
            start = RestoreStreams(Checkpoint.Load(checkpoint, parts.Model, optimizer), mixStream, parts.Model);
        }

        var rows = run.ReadMetricRows(start);
        RunDirectory.WriteText(run.ConfigFile, config.ToJson());
        run.WriteMetrics(rows);

        void Epochs(Func<int, Action<int, double, string?>> progressFor)
        {
            for (int epoch = start; epoch < config.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                var report = progressFor(epoch);
                var (mixLoss, lr) = TrainEpoch(parts, loader, mixer, optimizer, schedule, epoch, (step, loss) =>
                {
                    report(step, loss, null);
                    AfterStep?.Invoke(epoch, step);
                }, cancellation);
                var train = parts.Evaluate(parts.Data.Train);
                var test = parts.Evaluate(parts.Data.Test);
                var m = new EpochMetrics(epoch + 1, lr, mixLoss, train.Loss, train.Accuracy, test.Loss, test.Accuracy, clock.Elapsed.TotalSeconds);
                rows.Add(m.ToCsv());
                run.WriteMetrics(rows);
                run.CommitCheckpoint(epoch + 1, folder => Checkpoint.Save(folder, parts.Model, optimizer, new CheckpointInfo(epoch + 1, (epoch + 1) * loader.BatchCount, SaveStreams(mixStream, parts.Model), new Dictionary<string, string>())));
                string line = string.Create(CultureInfo.InvariantCulture, $"epoch {m.Epoch}/{config.Epochs}  lr {lr:G4}  mix_loss {mixLoss:F4}  train {train.Loss:F4}/{train.Accuracy:P2}  test {test.Loss:F4}/{test.Accuracy:P2}  gap {m.GenGap:F4}  {m.Seconds:F1}s");
                if (interactive)
                {
                    report(-1, double.NaN, line);
                }
                else
                {
                    console.WriteLine(line);
                }
            }
        }

        try
        {
            if (interactive)
            {
                console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(ctx => Epochs(epoch =>
                    {
                        var task = ctx.AddTask($"epoch {epoch + 1}/{config.Epochs}", maxValue: loader.BatchCount);
                        return (step, loss, done) =>
                        {
                            if (done is not null)
                            {
                                task.Description = Markup.Escape(done);
                                return;
                            }

                            task.Increment(1);
                            task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1}/{config.Epochs} loss {loss:F4} {task.Speed ?? 0:F1} steps/s");
                        };
                    }));
            }
            else
            {
                Epochs(_ => (_, _, _) => { });
            }
        }
        catch (TrainingDivergedException e)
        {
            WriteSummary(run, config, "diverged", e.Message, rows, parts.Model);
            throw;
        }

        Safetensors.Write(run.ModelFile, parts.Model.StateDict(), (parts.Model as NormalizedModel)?.ToMetadata());
        var summary = WriteSummary(run, config, "completed", null, rows, parts.Model);
        ShowTable(summary);
        return summary;
    }

    private static (double MixLoss, double Lr) TrainEpoch(TrainingParts parts, DataLoader loader, BatchMixer mixer, Optimizer optimizer, NN.Schedules.LrSchedule schedule, int epoch, Action<int, double> report, CancellationToken cancellation)
    {
        parts.Model.Train();
        double lossSum = 0;
        long count = 0;
        foreach (var batch in loader.Epoch(epoch))
        {
            using var b = batch;
            cancellation.ThrowIfCancellationRequested();
            optimizer.LearningRate = schedule.LearningRate(epoch, b.Index);
            using var scope = new TensorScope();
            var mixed = mixer.Mix(b.Inputs, b.Labels, parts.Classes);
            var loss = parts.Loss(parts.Model.Forward(new Var(mixed.Inputs)), mixed.Targets);
            double value = loss.Value.ToScalar();
            if (!double.IsFinite(value))
            {
                throw new TrainingDivergedException(epoch + 1, b.Index + 1, value, epoch);
            }

            Autograd.Backward(loss);
            optimizer.Step();
            optimizer.ZeroGrad();
            lossSum += value * b.Count;
            count += b.Count;
            report(b.Index, value);
        }

        return (lossSum / Math.Max(count, 1), optimizer.LearningRate);
    }

    private static void CheckFolder(RunDirectory run, TrainingConfig config, bool resume)
    {
        if (!run.HoldsRun)
        {
            return;
        }

        if (!resume)
        {
            throw new ArgumentException($"Output folder '{run.Path}' already holds a run; pass --resume to continue it, or choose an empty or new folder.", "out");
        }

        var stored = run.ReadConfig().Resolve();
        if (stored.ToJson() != config.ToJson())
        {
            throw new ArgumentException($"Output folder '{run.Path}' holds a run with a different config; --resume needs the same settings (see its config.json), or choose another folder.", "out");
        }
    }

    private static Dictionary<string, byte[]> SaveStreams(RandomSource mix, Module model)
    {
        var states = new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["mix"] = mix.GetState() };
        foreach (var (name, module) in model.NamedModules())
        {
            if (module is Dropout d)
            {
                states[$"dropout/{name}"] = d.Random.GetState();
            }
        }

        return states;
    }

    private static int RestoreStreams(CheckpointInfo info, RandomSource mix, Module model)
    {
        mix.SetState(info.RandomStates["mix"]);
        foreach (var (name, module) in model.NamedModules())
        {
            if (module is Dropout d)
            {
                d.Random.SetState(info.RandomStates[$"dropout/{name}"]);
            }
        }

        return info.Epoch;
    }

    private static TrainingSummary WriteSummary(RunDirectory run, TrainingConfig config, string status, string? message, List<string> rows, Module model)
    {
        var metrics = rows.Select(EpochMetrics.Parse).ToList();
        var final = metrics.Count > 0 ? metrics[^1] : new EpochMetrics(0, config.Lr, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var summary = new TrainingSummary(run.Path, metrics.Count, final, metrics.Count > 0 ? metrics.Max(m => m.TestAccuracy) : double.NaN, model.ParameterCount());
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("status", status);
            if (message is not null)
            {
                w.WriteString("message", message);
            }

            w.WriteString("dataset", config.Dataset);
            w.WriteString("model", config.Model);
            w.WriteString("method", config.Method);
            w.WriteNumber("parameters", summary.ParameterCount);
            w.WriteNumber("epochs_completed", summary.EpochsCompleted);
            if (metrics.Count > 0)
            {
                w.WriteNumber("train_loss", final.TrainLoss);
                w.WriteNumber("train_acc", final.TrainAccuracy);
                w.WriteNumber("test_loss", final.TestLoss);
                w.WriteNumber("test_acc", final.TestAccuracy);
                w.WriteNumber("gen_gap", final.GenGap);
                w.WriteNumber("best_test_acc", summary.BestTestAccuracy);
                w.WriteNumber("seconds", metrics.Sum(m => m.Seconds));
            }

            w.WriteEndObject();
        }

        RunDirectory.WriteText(run.SummaryFile, System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        return summary;
    }

    private void ShowTable(TrainingSummary s)
    {
        var f = s.Final;
        var table = new Table().Title("training summary").AddColumns("epochs", "train loss", "train acc", "test loss", "test acc", "gen gap", "best test acc", "parameters");
        table.AddRow(
            s.EpochsCompleted.ToString(CultureInfo.InvariantCulture),
            f.TrainLoss.ToString("F4", CultureInfo.InvariantCulture),
            f.TrainAccuracy.ToString("P2", CultureInfo.InvariantCulture),
            f.TestLoss.ToString("F4", CultureInfo.InvariantCulture),
            f.TestAccuracy.ToString("P2", CultureInfo.InvariantCulture),
            f.GenGap.ToString("F4", CultureInfo.InvariantCulture),
            s.BestTestAccuracy.ToString("P2", CultureInfo.InvariantCulture),
            s.ParameterCount.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
    }
}
