"""PyTorch side of bench/MixupLab.Benchmarks/OpsBenchmarks.cs: forward + backward of the same ops and sizes.

    OMP_NUM_THREADS=N /usr/bin/python3 tools/pytorch_ops_bench.py [N]      (N threads, default 2)

Prints the median microseconds per call of each workload (loss, then torch.autograd.grad with
respect to the one input), to compare with the BenchmarkDotNet 'Mean' column run at the same time.
"""

import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
g = torch.Generator().manual_seed(1)
act = torch.randn(64, 32, 32, 32, generator=g, requires_grad=True)
small = torch.randn(256, 10, generator=g, requires_grad=True)
wide = torch.randn(256, 1000, generator=g, requires_grad=True)
soft = torch.full((256, 10), 0.1)
labels = torch.arange(256) % 10

workloads = {
    "ReluForwardBackward": (lambda: torch.relu(act).sum(), act),
    "SoftplusForwardBackward": (lambda: torch.nn.functional.softplus(act).sum(), act),
    "SumAxisForwardBackward": (lambda: act.sum(1).sum(), act),
    "CrossEntropy256x10": (lambda: torch.nn.functional.cross_entropy(small, labels), small),
    "SoftCrossEntropy256x10": (lambda: -(soft * torch.log_softmax(small, 1)).sum(1).mean(), small),
    "CrossEntropy256x1000": (lambda: torch.nn.functional.cross_entropy(wide, labels), wide),
    "LogSoftmax256x1000": (lambda: (torch.log_softmax(wide, 1) * wide).sum(), wide),
}

for name, (loss, leaf) in workloads.items():
    times = []
    deadline = time.perf_counter() + 3.0
    while time.perf_counter() < deadline or len(times) < 20:
        t0 = time.perf_counter()
        l = loss()
        (gr,) = torch.autograd.grad(l, [leaf])
        float(l) + float(gr.reshape(-1)[0])
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"{name:26s} {times[len(times) // 2] * 1e6:10.1f} us  ({len(times)} runs)")
