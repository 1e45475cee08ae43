"""PyTorch reference definitions of every model in MixupLab's registry (see MODELS.md / docs).

These classes define the state_dict keys and the forward computation that the C# models
(MixupLab.NN ModelRegistry) must reproduce exactly. They are used by tools/make_fixtures.py
(golden fixtures) and tools/pytorch_bench.py (the PyTorch side of `mixuplab bench`).

Run with Debian's PyTorch: /usr/bin/python3 (torch 1.13).
"""

import math
import re

import torch
import torch.nn as nn
import torch.nn.functional as F


class LogReg(nn.Module):
    """`logreg`: one Linear(d, K) on the flattened input (K = 1: a single logit for BCE)."""

    def __init__(self, d, classes):
        super().__init__()
        self.linear = nn.Linear(d, classes)

    def forward(self, x):
        return self.linear(x.flatten(1))


class Mlp(nn.Module):
    """`mlp`: Linear/ReLU stack; keys layers.0, layers.2, ... (ReLU takes a slot)."""

    def __init__(self, d, hidden, classes, bias=True):
        super().__init__()
        layers = []
        width = d
        for h in hidden:
            layers += [nn.Linear(width, h, bias=bias), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, classes, bias=bias))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x.flatten(1))


class SmallCnn(nn.Module):
    """`small-cnn`: conv32-pool-conv64-pool-fc128-fc(K), convs with bias."""

    def __init__(self, channels, height, width, classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, 32, 3, bias=True), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, bias=True), nn.ReLU(), nn.MaxPool2d(2))
        h = ((height - 2) // 2 - 2) // 2
        w = ((width - 2) // 2 - 2) // 2
        self.classifier = nn.Sequential(nn.Linear(64 * h * w, 128), nn.ReLU(), nn.Linear(128, classes))

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


class BasicBlock(nn.Module):
    """WideResNet-pytorch (xternalz) BasicBlock with dropRate 0."""

    def __init__(self, in_planes, out_planes, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.relu1 = nn.ReLU(inplace=True)
        self.conv1 = nn.Conv2d(in_planes, out_planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_planes)
        self.relu2 = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(out_planes, out_planes, 3, stride=1, padding=1, bias=False)
        self.equalInOut = in_planes == out_planes
        self.convShortcut = None if self.equalInOut else nn.Conv2d(
            in_planes, out_planes, 1, stride=stride, padding=0, bias=False)

    def forward(self, x):
        if not self.equalInOut:
            x = self.relu1(self.bn1(x))
            out = x
        else:
            out = self.relu1(self.bn1(x))
        out = self.relu2(self.bn2(self.conv1(out if self.equalInOut else x)))
        out = self.conv2(out)
        return torch.add(x if self.equalInOut else self.convShortcut(x), out)


class NetworkBlock(nn.Module):
    def __init__(self, nb_layers, in_planes, out_planes, stride):
        super().__init__()
        self.layer = nn.Sequential(*[
            BasicBlock(in_planes if i == 0 else out_planes, out_planes, stride if i == 0 else 1)
            for i in range(nb_layers)])

    def forward(self, x):
        return self.layer(x)


class WideResNet(nn.Module):
    """`wrn-D-K`: the original WideResNet-pytorch definition (kaiming_normal fan_out convs, fc bias 0)."""

    def __init__(self, depth, widen, classes):
        super().__init__()
        if (depth - 4) % 6 != 0:
            raise ValueError(f"depth must satisfy (depth - 4) % 6 == 0, got {depth}")
        ch = [16, 16 * widen, 32 * widen, 64 * widen]
        n = (depth - 4) // 6
        self.conv1 = nn.Conv2d(3, ch[0], 3, stride=1, padding=1, bias=False)
        self.block1 = NetworkBlock(n, ch[0], ch[1], 1)
        self.block2 = NetworkBlock(n, ch[1], ch[2], 2)
        self.block3 = NetworkBlock(n, ch[2], ch[3], 2)
        self.bn1 = nn.BatchNorm2d(ch[3])
        self.relu = nn.ReLU(inplace=True)
        self.fc = nn.Linear(ch[3], classes)
        self.nChannels = ch[3]
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.BatchNorm2d):
                m.weight.data.fill_(1)
                m.bias.data.zero_()
            elif isinstance(m, nn.Linear):
                m.bias.data.zero_()

    def forward(self, x):
        out = self.conv1(x)
        out = self.block3(self.block2(self.block1(out)))
        out = self.relu(self.bn1(out))
        out = F.avg_pool2d(out, 8)
        return self.fc(out.view(-1, self.nChannels))


class PreActBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=1, padding=1, bias=False)
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False))

    def forward(self, x):
        out = F.relu(self.bn1(x))
        shortcut = self.shortcut(out) if hasattr(self, "shortcut") else x
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + shortcut


class PreActResNet18(nn.Module):
    """`preact-resnet18`: mixup-cifar10 / pytorch-cifar PreActResNet18 (no final BN/ReLU)."""

    def __init__(self, classes=10):
        super().__init__()
        self.in_planes = 64
        self.conv1 = nn.Conv2d(3, 64, 3, stride=1, padding=1, bias=False)
        self.layer1 = self._make_layer(64, 2, 1)
        self.layer2 = self._make_layer(128, 2, 2)
        self.layer3 = self._make_layer(256, 2, 2)
        self.layer4 = self._make_layer(512, 2, 2)
        self.linear = nn.Linear(512, classes)

    def _make_layer(self, planes, blocks, stride):
        layers = []
        for s in [stride] + [1] * (blocks - 1):
            layers.append(PreActBlock(self.in_planes, planes, s))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.conv1(x)
        out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
        out = F.avg_pool2d(out, 4)
        return self.linear(out.view(out.size(0), -1))


def create(name, input_shape, classes, hidden=None, bias=True):
    """Builds a registered model by name.

    name: 'logreg', 'mlp', 'small-cnn', 'wrn-D-K', 'preact-resnet18';
    input_shape: per-sample shape, e.g. (2,), (784,), (1, 28, 28), (3, 32, 32);
    hidden: the MLP's hidden widths.
    """
    d = math.prod(input_shape)
    if name == "logreg":
        return LogReg(d, classes)
    if name == "mlp":
        return Mlp(d, list(hidden or []), classes, bias)
    if name == "small-cnn":
        c, h, w = input_shape
        return SmallCnn(c, h, w, classes)
    m = re.fullmatch(r"wrn-(\d+)-(\d+)", name)
    if m:
        return WideResNet(int(m.group(1)), int(m.group(2)), classes)
    if name == "preact-resnet18":
        return PreActResNet18(classes)
    raise ValueError(f"unknown model '{name}'")


def forward_gflop(name, input_shape, classes, hidden=None):
    """Forward multiply-add FLOP (2 per MAC) per sample of Linear and Conv2d layers, in GFLOP."""
    model = create(name, input_shape, classes, hidden)
    flops = 0

    def hook(mod, inp, out):
        nonlocal flops
        if isinstance(mod, nn.Conv2d):
            k = mod.in_channels // mod.groups * mod.kernel_size[0] * mod.kernel_size[1]
            flops += 2 * k * out[0].numel()
        elif isinstance(mod, nn.Linear):
            flops += 2 * mod.in_features * mod.out_features

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model.eval()
        model(torch.zeros((1,) + tuple(input_shape)))
    for h in handles:
        h.remove()
    return flops / 1e9


if __name__ == "__main__":
    for spec in [("small-cnn", (1, 28, 28), 10, None), ("mlp", (784,), 10, [512, 256]),
                 ("wrn-16-2", (3, 32, 32), 10, None), ("wrn-16-4", (3, 32, 32), 10, None),
                 ("wrn-16-8", (3, 32, 32), 10, None), ("preact-resnet18", (3, 32, 32), 10, None)]:
        m = create(spec[0], spec[1], spec[2], spec[3])
        params = sum(p.numel() for p in m.parameters())
        print(f"{spec[0]:16s} params {params:>10d}  forward GFLOP/sample {forward_gflop(*spec):.5f}")
