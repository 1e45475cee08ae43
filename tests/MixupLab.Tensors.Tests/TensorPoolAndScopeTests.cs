using MixupLab.Tensors;

namespace MixupLab.Tensors.Tests;

public class TensorPoolAndScopeTests
{
    [Fact]
    public void ScopeReturnsTensorsAndKeepSurvives()
    {
        Tensor inner, kept;
        using (var scope = new TensorScope())
        {
            inner = Tensor.Zeros(3, 4);
            kept = scope.Keep(Tensor.Zeros(2));
        }

        Assert.True(inner.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => inner.Span.Length);
    }

    [Fact]
    public void SteadyStateStepsAllocateNothingNew()
    {
        var pool = TensorPool.Shared;
        for (int warm = 0; warm < 2; warm++)
        {
            using var scope = new TensorScope();
            _ = Tensor.Zeros(17, 31);
        }

        long before = pool.AllocatedBytes;
        for (int step = 0; step < 10; step++)
        {
            using var scope = new TensorScope();
            _ = Tensor.Zeros(17, 31);
        }

        Assert.Equal(before, pool.AllocatedBytes);
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 4, 1, 5 }, new[] { 3, 1 }, new[] { 4, 3, 5 })]
    public void BroadcastShapes(int[] a, int[] b, int[] expected) => Assert.Equal(expected, ShapeHelper.Broadcast(a, b));

    [Fact]
    public void IncompatibleBroadcastNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => ShapeHelper.Broadcast([2, 3], [4]));
        Assert.Contains("(2, 3)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReshapeInfersOneDimension() => Assert.Equal(new[] { 2, 6 }, ShapeHelper.ResolveReshape([3, 4], [2, -1]));
}
