"""PyTorch side of `mixuplab bench`: the same workloads, names and JSON fields, on this machine.

    /usr/bin/python3 tools/pytorch_bench.py [--threads 2] [--quick] [--workload SUBSTRING] [--json FILE]

Prints one JSON object per line (workload, batch, threads, samples_per_sec, gflops, blas, ...) to
stdout and, with --json, to FILE; progress goes to stderr. Give FILE to `mixuplab bench --reference`.

The script re-executes itself once with the environment set before the interpreter starts:
OMP_NUM_THREADS / OPENBLAS_NUM_THREADS = --threads, GLIBC_TUNABLES (no malloc trim: PyTorch's best
case, see /work/shared/perf-reference.md) and, when the libblas.so.3 alternative is not OpenBLAS,
LD_LIBRARY_PATH pointing at OpenBLAS. It refuses to time anything unless OpenBLAS is mapped into
the process (/proc/self/maps): the reference BLAS is 20-40 times slower and would be a straw man.

Workloads (batch in parentheses; "+mixup" variants use lambda ~ Beta(1,1), a random permutation as
partner and soft-target cross-entropy, BCE with soft targets for single-logit models):
  sgemm-N                          C = A·B, N×N×N, float32 (N = 256, 512, 1024, 2048)
  train-logreg-moons[-mixup]       Linear 2→1, BCE with logits (64, 1000)
  train-mlp-moons[-mixup]          2-100-1 ReLU MLP, BCE with logits (64, 1000)
  train-mlp-784[-mixup]            784-512-256-10 (64, 256)
  train-small-cnn[-mixup]          small-cnn 1×28×28, 10 classes (64)
  train-wrn-16-{2,4,8}[-mixup]     3×32×32, 10 classes (64)
  train-preact-resnet18[-mixup]    3×32×32, 10 classes (64)
  eval-small-cnn (1000), eval-wrn-16-8 (64)   eval mode, no grad
  fgsm-small-cnn (1000)            10,000 images per pass: input gradient of CE and x + eps·sign(g), clamped
A training step is forward + mean loss + backward + SGD(lr 0.01, momentum 0.9, weight decay 5e-4).
GFLOP/s count 2 FLOP per multiply-add of Linear/Conv2d layers: training 3× forward, eval 1×,
FGSM 2× (forward + input gradient).
"""

import argparse
import json
import os
import sys
import time

NOTRIM = "glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296"
OPENBLAS_DIR = "/usr/lib/x86_64-linux-gnu/openblas-pthread"
MARKER = "MIXUPLAB_PYTORCH_BENCH_CHILD"


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="short budgets (~2 minutes in all)")
    ap.add_argument("--workload", default=None, help="run only workloads whose name contains this")
    ap.add_argument("--json", default=None, help="also write the JSON lines to this file")
    ap.add_argument("--budget", type=float, default=None, help="seconds timed per workload (default 8, quick 1.5)")
    ap.add_argument("--trim", action="store_true", help="keep glibc's default malloc trimming (no notrim)")
    return ap.parse_args()


def blas_alternative_is_openblas():
    try:
        return "openblas" in os.path.realpath("/etc/alternatives/libblas.so.3-x86_64-linux-gnu")
    except OSError:
        return False


def reexec_with_environment(args):
    if os.environ.get(MARKER) == "1":
        return
    env = dict(os.environ)
    env[MARKER] = "1"
    env["OMP_NUM_THREADS"] = str(args.threads)
    env["OPENBLAS_NUM_THREADS"] = str(args.threads)
    env["MKL_NUM_THREADS"] = str(args.threads)
    if not args.trim:
        env["GLIBC_TUNABLES"] = NOTRIM
    if not blas_alternative_is_openblas() and os.path.isdir(OPENBLAS_DIR):
        env["LD_LIBRARY_PATH"] = OPENBLAS_DIR + (":" + env["LD_LIBRARY_PATH"] if env.get("LD_LIBRARY_PATH") else "")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


def loaded_blas():
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            name = os.path.basename(path)
            if "blas" in name.lower() or "lapack" in name.lower():
                libs.add(path)
    return sorted(libs)


def main():
    args = parse_args()
    reexec_with_environment(args)

    import numpy as np
    import torch
    import torch.nn.functional as F

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import reference_models

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    torch.mm(torch.ones(8, 8), torch.ones(8, 8))
    libs = loaded_blas()
    openblas = [p for p in libs if "openblas" in os.path.basename(p).lower()]
    if not openblas:
        print(f"refusing to time: OpenBLAS is not loaded (mapped BLAS libraries: {libs}). "
              f"Install libopenblas0 or set LD_LIBRARY_PATH={OPENBLAS_DIR}.", file=sys.stderr)
        return 2
    blas = os.path.basename(openblas[0])
    budget = args.budget if args.budget is not None else (1.5 if args.quick else 8.0)
    warmup = 0.3 if args.quick else 1.0
    rng = np.random.default_rng(0)
    out_file = open(args.json, "w") if args.json else None
    common = {"tool": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas,
              "notrim": os.environ.get("GLIBC_TUNABLES") == NOTRIM,
              "loadavg_at_start": os.getloadavg()[0]}
    print(f"pytorch {torch.__version__}, {torch.get_num_threads()} threads, BLAS {blas}, "
          f"notrim {common['notrim']}, budget {budget}s", file=sys.stderr)

    def timed(step, samples_per_step):
        """Warm-up (>= 2 steps and `warmup` s), then whole steps until `budget` s: samples/s, steps, s."""
        t0 = time.perf_counter()
        n = 0
        while n < 2 or time.perf_counter() - t0 < warmup:
            step()
            n += 1
        steps = 0
        t0 = time.perf_counter()
        while True:
            step()
            steps += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= budget:
                break
        return steps * samples_per_step / elapsed, steps, elapsed

    def emit(name, batch, sps, gflops, steps, seconds):
        rec = dict(common, workload=name, batch=batch, samples_per_sec=sps, gflops=gflops, steps=steps,
                   seconds=round(seconds, 3))
        line = json.dumps(rec)
        print(line, flush=True)
        if out_file:
            out_file.write(line + "\n")
            out_file.flush()
        print(f"  {name:32s} batch {batch:5d}  {sps or 0:12.1f} samples/s  {gflops or 0:8.2f} GFLOP/s",
              file=sys.stderr)

    def selected(name):
        return args.workload is None or args.workload in name

    # ---- SGEMM
    for n in (256, 512, 1024, 2048):
        name = f"sgemm-{n}"
        if not selected(name):
            continue
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        c = torch.empty(n, n)
        rate, steps, secs = timed(lambda: torch.mm(a, b, out=c), 1)
        emit(name, n, None, rate * 2.0 * n ** 3 / 1e9, steps, secs)

    # ---- training steps
    def moons(n):
        t = rng.uniform(0, np.pi, n)
        upper = rng.random(n) < 0.5
        x = np.where(upper, np.cos(t), 1 - np.cos(t))
        y = np.where(upper, np.sin(t), 0.5 - np.sin(t))
        pts = np.stack([x, y], 1) + rng.normal(0, 0.1, (n, 2))
        return torch.tensor(pts, dtype=torch.float32), torch.tensor(upper.astype(np.int64))

    def train_workload(name, model_name, shape, classes, hidden, batch, mixup):
        if not selected(name):
            return
        model = reference_models.create(model_name, shape, classes, hidden)
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
        if shape == (2,):
            x, y = moons(batch)
        else:
            x = torch.randn((batch,) + shape)
            y = torch.randint(0, classes, (batch,))
        binary = classes == 1
        onehot = y.float().unsqueeze(1) if binary else F.one_hot(y, classes).float()

        def step():
            if mixup:
                lam = float(rng.beta(1.0, 1.0))
                perm = torch.randperm(batch)
                xm = lam * x + (1 - lam) * x[perm]
                t = lam * onehot + (1 - lam) * onehot[perm]
                out = model(xm)
                if binary:
                    loss = F.binary_cross_entropy_with_logits(out, t)
                else:
                    loss = -(t * F.log_softmax(out, 1)).sum(1).mean()
            else:
                out = model(x)
                loss = F.binary_cross_entropy_with_logits(out, onehot) if binary else F.cross_entropy(out, y)
            opt.zero_grad(set_to_none=False)
            loss.backward()
            opt.step()

        sps, steps, secs = timed(step, batch)
        gf = reference_models.forward_gflop(model_name, shape, classes, hidden)
        emit(name, batch, sps, sps * 3 * gf, steps, secs)

    img = (3, 32, 32)
    mnist = (1, 28, 28)
    plan = [("logreg-moons", "logreg", (2,), 1, None, (64, 1000)),
            ("mlp-moons", "mlp", (2,), 1, [100], (64, 1000)),
            ("mlp-784", "mlp", (784,), 10, [512, 256], (64, 256)),
            ("small-cnn", "small-cnn", mnist, 10, None, (64,)),
            ("wrn-16-2", "wrn-16-2", img, 10, None, (64,)),
            ("wrn-16-4", "wrn-16-4", img, 10, None, (64,)),
            ("wrn-16-8", "wrn-16-8", img, 10, None, (64,)),
            ("preact-resnet18", "preact-resnet18", img, 10, None, (64,))]
    for label, model_name, shape, classes, hidden, batches in plan:
        for batch in batches:
            for mixup in (False, True):
                train_workload(f"train-{label}" + ("-mixup" if mixup else ""), model_name, shape, classes, hidden,
                               batch, mixup)

    # ---- inference
    for name, model_name, shape, batch in (("eval-small-cnn", "small-cnn", mnist, 1000),
                                            ("eval-wrn-16-8", "wrn-16-8", img, 64)):
        if not selected(name):
            continue
        model = reference_models.create(model_name, shape, 10)
        model.eval()
        x = torch.randn((batch,) + shape)

        def infer():
            with torch.no_grad():
                model(x)

        sps, steps, secs = timed(infer, batch)
        emit(name, batch, sps, sps * reference_models.forward_gflop(model_name, shape, 10), steps, secs)

    # ---- FGSM on 10,000 images, batch 1000
    if selected("fgsm-small-cnn"):
        model = reference_models.create("small-cnn", mnist, 10)
        model.eval()
        for p in model.parameters():
            p.requires_grad_(False)
        images = torch.rand((10000,) + mnist)
        labels = torch.randint(0, 10, (10000,))
        eps = 0.1

        def fgsm_pass():
            for s in range(0, 10000, 1000):
                x = images[s:s + 1000].clone().requires_grad_(True)
                loss = F.cross_entropy(model(x), labels[s:s + 1000])
                (g,) = torch.autograd.grad(loss, [x])
                (x.detach() + eps * g.sign()).clamp_(0, 1)

        sps, steps, secs = timed(fgsm_pass, 10000)
        emit("fgsm-small-cnn", 1000, sps, sps * 2 * reference_models.forward_gflop("small-cnn", mnist, 10),
             steps, secs)
    if out_file:
        out_file.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
