#!/usr/bin/env bash
# Runs the PyTorch reference (tools/pytorch_bench.py) and `mixuplab bench` one workload group after the other,
# so both sides see the same machine load, and writes OUT/table.md (the comparison) plus the JSON lines.
# Usage: scripts/bench-side-by-side.sh [OUT_DIR] [--quick] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/mixuplab-bench}"
shift || true
mkdir -p "$out"
: > "$out/pytorch.json"; : > "$out/mixuplab.json"; : > "$out/table.md"
dotnet build src/MixupLab.Cli -c Release -v q -nologo > "$out/build.log"
groups=(sgemm train-logreg-moons train-mlp-moons train-mlp-784 train-small-cnn train-wrn-16-2 train-wrn-16-4
        train-wrn-16-8 train-preact-resnet18 eval-small-cnn eval-wrn-16-8 fgsm-small-cnn)
first=1
for g in "${groups[@]}"; do
  echo "== $g (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  /usr/bin/python3 tools/pytorch_bench.py --workload "$g" --json "$out/pt-$g.json" "$@" > /dev/null
  dotnet run --project src/MixupLab.Cli -c Release --no-build -- bench --workload "$g" --reference "$out/pt-$g.json" \
    --json "$out/ml-$g.json" --markdown "$out/md-$g.md" "$@" > /dev/null
  cat "$out/pt-$g.json" >> "$out/pytorch.json"; cat "$out/ml-$g.json" >> "$out/mixuplab.json"
  if [ $first -eq 1 ]; then cat "$out/md-$g.md" >> "$out/table.md"; first=0; else tail -n +3 "$out/md-$g.md" >> "$out/table.md"; fi
done
cat "$out/table.md"
