using MixupLab.Data;
using MixupLab.Experiments.Training;

namespace MixupLab.Cli.Tests;

public class CommandGuardTests
{
    [Fact]
    public void Success_returns_the_body_code_and_prints_nothing()
    {
        var error = new StringWriter();
        Assert.Equal(0, CommandGuard.Run(error, () => 0));
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void Argument_errors_are_usage_errors_without_the_parameter_suffix()
    {
        var error = new StringWriter();
        int code = CommandGuard.Run(error, () => throw new ArgumentException("Invalid alpha -1: expected α ≥ 0.", "alpha"));
        Assert.Equal(1, code);
        Assert.Equal("Invalid alpha -1: expected α ≥ 0.", error.ToString().Trim());
    }

    [Theory]
    [InlineData("permission")]
    [InlineData("io")]
    [InlineData("data")]
    [InlineData("diverged")]
    public void Run_failures_print_one_line_and_return_2(string kind)
    {
        var error = new StringWriter();
        Exception failure = kind switch
        {
            "permission" => new UnauthorizedAccessException("Access to the path '/root/x' is denied."),
            "io" => new IOException("Disk full writing 'runs/x/metrics.csv'."),
            "data" => new DataFormatException("train-images: wrong magic 0x00000000, expected 0x00000803."),
            _ => new TrainingDivergedException("Loss became NaN at epoch 3, step 17."),
        };
        int code = CommandGuard.Run(error, () => throw failure);
        Assert.Equal(2, code);
        Assert.Equal(failure.Message, error.ToString().Trim());
    }

    [Fact]
    public void Bugs_are_not_swallowed()
    {
        Assert.Throws<InvalidOperationException>(() => CommandGuard.Run(new StringWriter(), () => throw new InvalidOperationException("bug")));
    }
}
