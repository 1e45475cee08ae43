namespace MixupLab.Experiments.Benchmarks;

/// <summary>Settings of a benchmark run (<c>mixuplab bench</c>).</summary>
/// <param name="Threads">Engine threads (default 2, the PyTorch script's default).</param>
/// <param name="Quick">Short budgets: about two minutes for the whole suite.</param>
/// <param name="Workload">Runs only workloads whose name contains this text; null runs all.</param>
/// <param name="BudgetSeconds">Timed seconds per workload; null means 8 (1.5 when quick), as in the PyTorch script.</param>
public sealed record BenchmarkOptions(int Threads = 2, bool Quick = false, string? Workload = null, double? BudgetSeconds = null)
{
    /// <summary>Timed seconds per workload.</summary>
    public double Budget => BudgetSeconds ?? (Quick ? 1.5 : 8.0);

    /// <summary>Minimum warm-up seconds (at least two steps are always run first).</summary>
    public double WarmupSeconds => Quick ? 0.3 : 1.0;

    /// <summary>Whether a workload name passes the <see cref="Workload"/> filter.</summary>
    public bool Selects(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Workload is null || name.Contains(Workload, StringComparison.Ordinal);
    }
}
