"""Generates the PyTorch golden fixtures in tests/fixtures/pytorch/.

    /usr/bin/python3 tools/make_fixtures.py [--out tests/fixtures/pytorch]

Every case is a pair: <case>.safetensors (F32 tensors, I64 for num_batches_tracked) and <case>.json
(what the case is: model spec, loss, labels, hyper-parameters, tensor roles). All reference values
are computed in float64 from float32 inputs and weights and rounded to float32, so they are the
exact answer to within one rounding; the C# side (float32) is compared within a tolerance.

Kinds of cases (see tests/fixtures/pytorch/README.md):
  model  : state.* (weights and buffers), input, out.eval (eval mode, before any train step),
           out.train, loss, grad.input, grad.<param> (train-mode loss gradients), after.<buffer>
           (BatchNorm running stats after the one train-mode forward).
           Large models use "generated" weights (a integer hash any language can reproduce, see
           generated_values()) and store grad.<param> in full only when small, otherwise
           gradhead.<param> (first 256 elements, flattened) and gradstats.<param> = [sum, sum|g|, ||g||2].
  sgd/adam: state.*, inputs (S, N, ...), per-step labels in JSON, losses (S), final.<param>.
  op     : per-op inputs, outputs, upstream gradient gout, input gradients grad.*, and for
           twice-differentiable ops a direction v.* and the Hessian-vector product hvp.* of
           f = sum(gout * op(inputs)) (torch.autograd.grad with create_graph=True).
"""

import argparse
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_models  # noqa: E402

FULL_GRAD_LIMIT = 4096
HEAD = 256


# ----------------------------------------------------------------------------- safetensors

def write_safetensors(path, tensors, metadata=None):
    """Writes {name: torch.Tensor} as safetensors by hand: u64 LE header size, JSON header, raw LE data."""
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().cpu().contiguous()
        if t.dtype in (torch.float64, torch.float32):
            arr = t.to(torch.float32).numpy().astype("<f4")
            dtype = "F32"
        elif t.dtype == torch.int64:
            arr = t.numpy().astype("<i8")
            dtype = "I64"
        else:
            raise TypeError(f"{name}: unsupported dtype {t.dtype}")
        data = arr.tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header["__metadata__"] = {k: str(v) for k, v in metadata.items()}
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        dt = {"F32": "<f4", "I64": "<i8"}[info["dtype"]]
        out[name] = torch.from_numpy(np.frombuffer(data[b:e], dtype=dt).copy().reshape(info["shape"]))
    return out


def save_case(out_dir, name, tensors, info):
    info = dict(info)
    info["case"] = name
    write_safetensors(os.path.join(out_dir, name + ".safetensors"), tensors, {"case": name, "kind": info["kind"]})
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(info, f, indent=1, sort_keys=True)
        f.write("\n")


def f32(x):
    """A Python float holding exactly the float32 value of x (round-trips through JSON)."""
    return float(np.float32(x))


# ----------------------------------------------------------------------------- generated weights

def generated_values(index, numel, offset, scale):
    """value[i] = offset + scale * (u(index, i) - 0.5) in float32, u in [0, 1) from a 32-bit hash.

    h = (i * 0x9E3779B1 + (index + 1) * 0x85EBCA77) mod 2^32
    h ^= h >> 15; h = h * 0x2C1B3C6D mod 2^32; h ^= h >> 12; h = h * 0x297A2D39 mod 2^32; h ^= h >> 15
    u = (h >> 8) * 2^-24 (exact in float32); each float32 operation rounds once (no FMA).
    """
    m = np.uint64(0xFFFFFFFF)
    i = np.arange(numel, dtype=np.uint64)
    h = (i * np.uint64(0x9E3779B1) + np.uint64(((index + 1) * 0x85EBCA77) & 0xFFFFFFFF)) & m
    h ^= h >> np.uint64(15)
    h = (h * np.uint64(0x2C1B3C6D)) & m
    h ^= h >> np.uint64(12)
    h = (h * np.uint64(0x297A2D39)) & m
    h ^= h >> np.uint64(15)
    u = (h >> np.uint64(8)).astype(np.float32) * np.float32(2.0 ** -24)
    return np.float32(offset) + np.float32(scale) * (u - np.float32(0.5))


def generated_spec(key, t):
    """offset and scale of a generated tensor: kaiming-uniform-like weights, BN parameters near 1/0."""
    leaf = key.rsplit(".", 1)[-1]
    if leaf in ("running_mean", "bias"):
        return 0.0, 0.2
    if leaf == "running_var":
        return 1.0, 0.8
    if leaf == "weight" and t.dim() == 1:
        return 1.0, 0.4
    fan_in = t[0].numel()
    gain = 1.0 if t.dim() == 2 else math.sqrt(2.0)
    return 0.0, f32(2.0 * gain * math.sqrt(3.0 / fan_in))


def fill_generated(model):
    """Overwrites every float tensor of the state_dict with generated values; returns the JSON spec."""
    spec = []
    sd = model.state_dict()
    for index, (key, t) in enumerate(sd.items()):
        if t.dtype == torch.int64:
            spec.append({"key": key, "shape": list(t.shape), "dtype": "I64", "value": 0})
            continue
        offset, scale = generated_spec(key, t)
        vals = generated_values(index, t.numel(), offset, scale).reshape(tuple(t.shape))
        with torch.no_grad():
            t.copy_(torch.from_numpy(vals))
        spec.append({"key": key, "index": index, "shape": list(t.shape), "dtype": "F32",
                     "offset": f32(offset), "scale": f32(scale)})
    return spec


def perturb_batchnorm(model, gen):
    """Non-trivial BN affine parameters and running stats so that eval mode is a real test."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=gen))
                m.bias.copy_(0.1 * torch.randn(m.bias.shape, generator=gen))
                m.running_mean.copy_(0.1 * torch.randn(m.running_mean.shape, generator=gen))
                m.running_var.copy_(0.5 + torch.rand(m.running_var.shape, generator=gen))


# ----------------------------------------------------------------------------- model cases

def model_case(out_dir, name, spec, batch, seed, loss, weights="stored"):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed + 1)
    model = reference_models.create(spec["name"], tuple(spec["input_shape"]), spec["classes"],
                                    spec.get("hidden"), spec.get("bias", True))
    info = {"kind": "model", "model": spec, "loss": loss, "batch": batch, "weights": weights}
    if weights == "generated":
        info["generated"] = fill_generated(model)
        info["check_generated"] = {"index": 3, "numel": 1000, "offset": 0.25, "scale": 1.5}
    else:
        perturb_batchnorm(model, gen)
    tensors = {}
    if weights == "generated":
        tensors["check.generated"] = torch.from_numpy(generated_values(3, 1000, 0.25, 1.5))
    if weights == "stored":
        for k, v in model.state_dict().items():
            tensors["state." + k] = v.clone()
    x32 = torch.randn((batch,) + tuple(spec["input_shape"]), generator=gen)
    tensors["input"] = x32
    k = spec["classes"]
    if loss == "bce_with_logits":
        target = torch.randint(0, 2, (batch, k), generator=gen).to(torch.float32)
        tensors["target"] = target
        loss_fn = lambda out: F.binary_cross_entropy_with_logits(out, target.double())  # noqa: E731
    else:
        labels = torch.randint(0, k, (batch,), generator=gen)
        info["labels"] = labels.tolist()
        loss_fn = lambda out: F.cross_entropy(out, labels)  # noqa: E731

    model = model.double()
    model.eval()
    with torch.no_grad():
        tensors["out.eval"] = model(x32.double())
    model.train()
    x = x32.double().requires_grad_(True)
    out = model(x)
    loss_value = loss_fn(out)
    loss_value.backward()
    tensors["out.train"] = out.detach()
    tensors["loss"] = loss_value.detach()
    tensors["grad.input"] = x.grad
    for key, p in model.named_parameters():
        g = p.grad
        if weights == "stored" or g.numel() <= FULL_GRAD_LIMIT:
            tensors["grad." + key] = g
        else:
            flat = g.flatten()
            tensors["gradhead." + key] = flat[:HEAD]
            tensors["gradstats." + key] = torch.stack([flat.sum(), flat.abs().sum(), flat.norm()])
    for key, b in model.named_buffers():
        tensors["after." + key] = b.clone()
    info["parameters"] = [k for k, _ in model.named_parameters()]
    info["buffers"] = [k for k, _ in model.named_buffers()]
    save_case(out_dir, name, tensors, info)


# ----------------------------------------------------------------------------- optimizer cases

def optimizer_case(out_dir, name, spec, batch, steps, seed, opt_name, hp):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed + 1)
    model = reference_models.create(spec["name"], tuple(spec["input_shape"]), spec["classes"],
                                    spec.get("hidden"), spec.get("bias", True))
    tensors = {"state." + k: v.clone() for k, v in model.state_dict().items()}
    inputs = torch.randn((steps, batch) + tuple(spec["input_shape"]), generator=gen)
    labels = torch.randint(0, spec["classes"], (steps, batch), generator=gen)
    tensors["inputs"] = inputs
    model = model.double()
    model.train()
    if opt_name == "sgd":
        opt = torch.optim.SGD(model.parameters(), **hp)
    elif opt_name == "adam":
        opt = torch.optim.Adam(model.parameters(), **hp)
    elif opt_name == "adamw":
        opt = torch.optim.AdamW(model.parameters(), **hp)
    else:
        raise ValueError(opt_name)
    losses = []
    for s in range(steps):
        opt.zero_grad()
        loss = F.cross_entropy(model(inputs[s].double()), labels[s])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    tensors["losses"] = torch.tensor(losses, dtype=torch.float64)
    for k, p in model.named_parameters():
        tensors["final." + k] = p.detach()
    info = {"kind": opt_name, "model": spec, "loss": "cross_entropy", "batch": batch, "steps": steps,
            "labels": labels.tolist(), "hyper": hp, "parameters": [k for k, _ in model.named_parameters()],
            "note": "each step: zero_grad, forward(inputs[s]), mean cross-entropy, backward, step"}
    save_case(out_dir, name, tensors, info)


# ----------------------------------------------------------------------------- per-op cases

def op_case(out_dir, name, fn, inputs, seed, params=None, hvp=True, extra=None, info_extra=None):
    """fn(*inputs as float64) -> output tensor. Stores out, grads of sum(gout*out), and optionally the HVP."""
    gen = torch.Generator().manual_seed(seed)
    xs = {k: v.double().requires_grad_(True) for k, v in inputs.items()}
    out = fn(**xs)
    gout = torch.randn(out.shape, generator=gen) if out.dim() > 0 else torch.tensor(1.0)
    f = (out * gout.double()).sum()
    grads = torch.autograd.grad(f, list(xs.values()), create_graph=hvp)
    tensors = {k: v for k, v in inputs.items()}
    tensors["out"] = out.detach()
    tensors["gout"] = gout
    for k, g in zip(xs, grads):
        tensors["grad." + k] = g.detach()
    if hvp:
        vs = {k: torch.randn(v.shape, generator=gen) for k, v in inputs.items()}
        dot = sum((g * vs[k].double()).sum() for k, g in zip(xs, grads))
        hv = torch.autograd.grad(dot, list(xs.values()), allow_unused=True)
        for k, h in zip(xs, hv):
            tensors["v." + k] = vs[k]
            tensors["hvp." + k] = torch.zeros_like(xs[k]) if h is None else h
    if extra:
        tensors.update(extra)
    info = {"kind": "op", "op": name.split("-", 1)[1], "params": params or {}, "inputs": list(inputs),
            "hvp": hvp,
            "note": "f = sum(gout * out); grad.* = df/dinput; hvp.* = d/dinput <df/dinputs, v>"}
    if info_extra:
        info.update(info_extra)
    save_case(out_dir, name, tensors, info)


def op_cases(out_dir):
    g = torch.Generator().manual_seed(1234)

    def rn(*shape, scale=1.0):
        return scale * torch.randn(shape, generator=g)

    op_case(out_dir, "op-log_softmax", lambda x: F.log_softmax(x, -1), {"x": rn(4, 7, scale=2)}, 1,
            {"axis": -1})
    op_case(out_dir, "op-softmax", lambda x: F.softmax(x, -1), {"x": rn(4, 7, scale=2)}, 2, {"axis": -1})
    op_case(out_dir, "op-logsumexp", lambda x: torch.logsumexp(x, -1), {"x": rn(4, 6, scale=3)}, 3,
            {"axis": -1, "keepDim": False})
    op_case(out_dir, "op-softplus", F.softplus, {"x": rn(3, 5, scale=3)}, 4)
    op_case(out_dir, "op-sigmoid", torch.sigmoid, {"x": rn(3, 5, scale=2)}, 5)
    op_case(out_dir, "op-tanh", torch.tanh, {"x": rn(3, 5, scale=2)}, 6)

    labels = torch.randint(0, 4, (5,), generator=g)
    op_case(out_dir, "op-cross_entropy", lambda logits: F.cross_entropy(logits, labels),
            {"logits": rn(5, 4, scale=2)}, 7, {"reduction": "mean"},
            info_extra={"labels": labels.tolist()})
    op_case(out_dir, "op-cross_entropy_none", lambda logits: F.cross_entropy(logits, labels, reduction="none"),
            {"logits": rn(5, 4, scale=2)}, 8, {"reduction": "none"},
            info_extra={"labels": labels.tolist()})
    targets = F.softmax(rn(5, 4, scale=2), -1)
    op_case(out_dir, "op-soft_cross_entropy",
            lambda logits: -(targets.double() * F.log_softmax(logits, -1)).sum(-1).mean(),
            {"logits": rn(5, 4, scale=2)}, 9, {"reduction": "mean"}, extra={"targets": targets})
    soft = torch.rand((6, 3), generator=g)
    op_case(out_dir, "op-bce_with_logits",
            lambda logits: F.binary_cross_entropy_with_logits(logits, soft.double()),
            {"logits": rn(6, 3, scale=2)}, 10, {"reduction": "mean"}, extra={"targets": soft})
    op_case(out_dir, "op-linear", lambda x, weight, bias: torch.tanh(F.linear(x, weight, bias)),
            {"x": rn(4, 5), "weight": rn(3, 5, scale=0.5), "bias": rn(3)}, 11,
            info_extra={"note2": "out = tanh(linear(x, weight, bias)) so that the HVP is non-zero"})

    op_case(out_dir, "op-conv2d_s2p1_bias", lambda x, weight, bias: F.conv2d(x, weight, bias, stride=2, padding=1),
            {"x": rn(2, 3, 7, 7), "weight": rn(4, 3, 3, 3, scale=0.3), "bias": rn(4)}, 12,
            {"stride": 2, "padding": 1}, hvp=False)
    op_case(out_dir, "op-conv2d_s1p0", lambda x, weight: F.conv2d(x, weight, None, stride=1, padding=0),
            {"x": rn(2, 2, 6, 5), "weight": rn(3, 2, 3, 3, scale=0.3)}, 13, {"stride": 1, "padding": 0},
            hvp=False)
    op_case(out_dir, "op-conv2d_1x1_s2", lambda x, weight: F.conv2d(x, weight, None, stride=2, padding=0),
            {"x": rn(2, 4, 6, 6), "weight": rn(5, 4, 1, 1, scale=0.5)}, 14, {"stride": 2, "padding": 0},
            hvp=False)
    op_case(out_dir, "op-maxpool2d_k2s2", lambda x: F.max_pool2d(x, 2, 2), {"x": rn(2, 3, 6, 7)}, 15,
            {"kernel": 2, "stride": 2, "padding": 0}, hvp=False)
    op_case(out_dir, "op-maxpool2d_k3s2p1", lambda x: F.max_pool2d(x, 3, 2, 1), {"x": rn(2, 2, 7, 7)}, 16,
            {"kernel": 3, "stride": 2, "padding": 1}, hvp=False)
    op_case(out_dir, "op-avgpool2d_k2s2", lambda x: F.avg_pool2d(x, 2, 2), {"x": rn(2, 3, 6, 7)}, 17,
            {"kernel": 2, "stride": 2, "padding": 0}, hvp=False)
    op_case(out_dir, "op-avgpool2d_k4s4", lambda x: F.avg_pool2d(x, 4), {"x": rn(2, 3, 8, 8)}, 18,
            {"kernel": 4, "stride": 4, "padding": 0}, hvp=False)

    for rank, shape in ((4, (3, 4, 5, 5)), (2, (6, 4))):
        for training in (True, False):
            c = shape[1]
            rm, rv = rn(c, scale=0.2), 0.5 + torch.rand((c,), generator=g)
            rm64, rv64 = rm.double().clone(), rv.double().clone()
            name = f"op-batchnorm{rank}d_{'train' if training else 'eval'}"
            op_case(out_dir, name,
                    lambda x, gamma, beta: F.batch_norm(x, rm64, rv64, gamma, beta, training, 0.1, 1e-5),
                    {"x": rn(*shape, scale=2) + 0.5, "gamma": 1 + rn(c, scale=0.2), "beta": rn(c, scale=0.2)},
                    19 + rank + training, {"training": training, "momentum": 0.1, "eps": 1e-5}, hvp=False,
                    extra={"running_mean": rm, "running_var": rv, "after.running_mean": rm64,
                           "after.running_var": rv64})


# ----------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "pytorch"))
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    def spec(name, shape, classes, hidden=None, bias=True):
        s = {"name": name, "input_shape": list(shape), "classes": classes}
        if name == "mlp":
            s["hidden"] = list(hidden)
            s["bias"] = bias
        return s

    model_case(out, "model-logreg-2-1", spec("logreg", (2,), 1), 8, 100, "bce_with_logits")
    model_case(out, "model-logreg-2-2", spec("logreg", (2,), 2), 8, 101, "cross_entropy")
    model_case(out, "model-mlp-2-100-1", spec("mlp", (2,), 1, [100]), 8, 102, "bce_with_logits")
    model_case(out, "model-mlp-784-32-16-10", spec("mlp", (784,), 10, [32, 16]), 4, 103, "cross_entropy")
    model_case(out, "model-mlp-5-8-3-nobias", spec("mlp", (5,), 3, [8], bias=False), 4, 104, "cross_entropy")
    model_case(out, "model-small-cnn-1x12x12", spec("small-cnn", (1, 12, 12), 10), 3, 105, "cross_entropy")
    model_case(out, "model-small-cnn-1x28x28", spec("small-cnn", (1, 28, 28), 10), 2, 106, "cross_entropy",
               weights="generated")
    model_case(out, "model-wrn-10-1", spec("wrn-10-1", (3, 32, 32), 10), 2, 107, "cross_entropy")
    model_case(out, "model-wrn-16-2", spec("wrn-16-2", (3, 32, 32), 10), 2, 108, "cross_entropy",
               weights="generated")
    model_case(out, "model-preact-resnet18", spec("preact-resnet18", (3, 32, 32), 10), 2, 109, "cross_entropy",
               weights="generated")

    mlp = spec("mlp", (4,), 3, [16, 16])
    cnn = spec("small-cnn", (1, 10, 10), 4)
    sgd = {"lr": 0.1, "momentum": 0.9, "weight_decay": 5e-4, "dampening": 0.0}
    optimizer_case(out, "sgd-mlp-momentum", mlp, 8, 5, 200, "sgd", dict(sgd, nesterov=False))
    optimizer_case(out, "sgd-mlp-nesterov", mlp, 8, 5, 201, "sgd", dict(sgd, nesterov=True))
    optimizer_case(out, "sgd-small-cnn-momentum", cnn, 4, 4, 202, "sgd", dict(sgd, lr=0.05, nesterov=False))
    optimizer_case(out, "sgd-small-cnn-nesterov", cnn, 4, 4, 203, "sgd", dict(sgd, lr=0.05, nesterov=True))
    adam = {"lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.0}
    optimizer_case(out, "adam-mlp", mlp, 8, 5, 204, "adam", adam)
    optimizer_case(out, "adam-mlp-weight-decay", mlp, 8, 5, 205, "adam", dict(adam, weight_decay=5e-4))
    optimizer_case(out, "adam-small-cnn", cnn, 4, 4, 206, "adam", dict(adam, lr=1e-3))
    optimizer_case(out, "adamw-mlp", mlp, 8, 5, 207, "adamw", dict(adam, weight_decay=1e-2))

    op_cases(out)

    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print(f"wrote {len(os.listdir(out))} files, {total / 1e6:.2f} MB to {out}")


if __name__ == "__main__":
    main()
