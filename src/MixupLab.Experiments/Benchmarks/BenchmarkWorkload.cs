namespace MixupLab.Experiments.Benchmarks;

/// <summary>One named, timed workload of <c>mixuplab bench</c>: a setup that returns the step to repeat.</summary>
/// <remarks>
/// The names, batch sizes and work per step match <c>tools/pytorch_bench.py</c> so that the two result files
/// join on (<see cref="Name"/>, <see cref="Batch"/>). <see cref="Prepare"/> builds the model and data once
/// (outside the timed region) and returns the step; a training step runs inside its own
/// <see cref="MixupLab.Tensors.TensorScope"/>.
/// </remarks>
/// <param name="Name">Workload name shared with the PyTorch script, e.g. <c>train-small-cnn-mixup</c>.</param>
/// <param name="Batch">Batch size (the matrix size for SGEMM).</param>
/// <param name="SamplesPerStep">Samples processed by one step; 0 when samples/s does not apply (SGEMM).</param>
/// <param name="GflopPerStep">Floating-point work of one step in GFLOP (2 per multiply-add).</param>
/// <param name="Prepare">Builds the workload's state and returns the step to time.</param>
public sealed record BenchmarkWorkload(string Name, int Batch, int SamplesPerStep, double GflopPerStep, Func<Action> Prepare);
