"""PyTorch (oneDNN) forward+backward time of the convolution layers of small-cnn, WRN-16-8 and
PreActResNet-18 at batch 64, 2 threads: the peer for ConvBenchmarks / ConvTiming.
Run: OMP_NUM_THREADS=2 /usr/bin/python3 bench/scripts/conv_layers_torch.py [name filter]
(THREADS=1 OMP_NUM_THREADS=1 for one thread)."""
import os
import sys
import time
import torch

torch.set_num_threads(int(os.environ.get("THREADS", "2")))
# name, N, C, H, O, k, stride, pad, input needs grad
LAYERS = [
    ("small-cnn conv1 1-32 28", 64, 1, 28, 32, 3, 1, 0, False),
    ("small-cnn conv2 32-64 13", 64, 32, 13, 64, 3, 1, 0, True),
    ("wrn conv1 3-16 32", 64, 3, 32, 16, 3, 1, 1, False),
    ("wrn b1 16-128 32", 64, 16, 32, 128, 3, 1, 1, True),
    ("wrn b1 128-128 32", 64, 128, 32, 128, 3, 1, 1, True),
    ("wrn b1 sc 16-128 1x1", 64, 16, 32, 128, 1, 1, 0, True),
    ("wrn b2 128-256 s2", 64, 128, 32, 256, 3, 2, 1, True),
    ("wrn b2 256-256 16", 64, 256, 16, 256, 3, 1, 1, True),
    ("wrn b2 sc 128-256 1x1 s2", 64, 128, 32, 256, 1, 2, 0, True),
    ("wrn b3 256-512 s2", 64, 256, 16, 512, 3, 2, 1, True),
    ("wrn b3 512-512 8", 64, 512, 8, 512, 3, 1, 1, True),
    ("wrn b3 sc 256-512 1x1 s2", 64, 256, 16, 512, 1, 2, 0, True),
    ("preact conv1 3-64 32", 64, 3, 32, 64, 3, 1, 1, False),
    ("preact l1 64-64 32", 64, 64, 32, 64, 3, 1, 1, True),
    ("preact l2 64-128 s2", 64, 64, 32, 128, 3, 2, 1, True),
    ("preact l2 128-128 16", 64, 128, 16, 128, 3, 1, 1, True),
    ("preact l3 128-256 s2", 64, 128, 16, 256, 3, 2, 1, True),
    ("preact l3 256-256 8", 64, 256, 8, 256, 3, 1, 1, True),
    ("preact l4 256-512 s2", 64, 256, 8, 512, 3, 2, 1, True),
    ("preact l4 512-512 4", 64, 512, 4, 512, 3, 1, 1, True),
    ("preact l4 sc 256-512 1x1 s2", 64, 256, 8, 512, 1, 2, 0, True),
]

def timeit(fn, reps):
    """Best of reps (ms): the machine is shared, the minimum is the least disturbed run."""
    fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return min(ts) * 1000

only = sys.argv[1] if len(sys.argv) > 1 else None
for name, n, c, h, o, k, s, p, xgrad in LAYERS:
    if only and only not in name:
        continue
    x = torch.randn(n, c, h, h, requires_grad=xgrad)
    conv = torch.nn.Conv2d(c, o, k, s, p, bias=False)
    y = conv(x)
    g = torch.randn_like(y)
    flops = 2 * y.numel() * c * k * k
    reps = max(3, min(20, int(2e10 / (3 * flops))))
    def fwd():
        with torch.no_grad():
            conv(x)
    def step():
        conv.weight.grad = None
        x.grad = None
        conv(x).backward(g)
    tf = timeit(fwd, reps)
    tb = timeit(step, reps)
    mult = 3 if xgrad else 2
    print(f"{name:30s} fwd {tf:8.2f} ms  fwd+bwd {tb:8.2f} ms  ({mult * flops / tb / 1e6:6.1f} GFLOP/s)", flush=True)
