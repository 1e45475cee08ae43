using MixupLab.Data.Formats;

namespace MixupLab.Data.Tests;

/// <summary>A fact that the runner reports as skipped (not passed) when Debian's dataset-fashion-mnist is not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!Directory.Exists(MnistFamily.DebianFashionMnistFolder))
        {
            Skip = $"{MnistFamily.DebianFashionMnistFolder} is absent: install Debian's dataset-fashion-mnist (scripts/setup.sh does).";
        }
    }
}
