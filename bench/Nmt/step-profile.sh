#!/usr/bin/env bash
# Where a training step's CPU time goes, by kind of work (matrix products, softmax, other element-wise
# kernels, autograd, dispatch, allocation, .NET, kernel), from `perf` samples of bench/Nmt/TrainStep's
# steady state. Needs Debian's linux-perf and kernel.perf_event_paranoid <= 2 (or root).
#
#   bench/Nmt/step-profile.sh [THREADS=1] [BATCH_TOKENS=1024] [PRESET=tiny] [VOCABULARY=4000] [PRECISION=fp32] [SECONDS=20]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
threads="${1:-1}" batch="${2:-1024}" preset="${3:-tiny}" vocabulary="${4:-4000}" precision="${5:-fp32}" seconds="${6:-20}"
data="${REGURG_DATA_DIR:-$root/../shared/corpora}/multi30k"
out="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet build -c Release "$root/bench/Nmt/TrainStep" >/dev/null
bench="$root/bench/Nmt/TrainStep/bin/Release/net10.0/linux-x64/Regurgitate.Bench.TrainStep"
# Enough updates to outlast the sampling window; sampling starts once the warm-up steps are done.
"$bench" "$data" "$threads" 100000 "$precision" "$preset" "$batch" "$vocabulary" > "$out/bench.log" 2>&1 &
pid=$!
until grep -q '^|---' "$out/bench.log"; do kill -0 "$pid" || { cat "$out/bench.log"; exit 1; }; sleep 1; done
sleep 5
perf record -e cpu-clock -F 999 -p "$pid" -o "$out/perf.data" -- sleep "$seconds" >/dev/null 2>&1
perf report -i "$out/perf.data" --no-children --sort dso,sym -q -g none 2>/dev/null > "$out/report.txt"
echo "$preset, $precision, $threads thread(s), batches of $batch tokens, vocabulary $vocabulary: share of CPU samples"
echo "| work | share |"
echo "|---|---:|"
python3 "$root/bench/Nmt/perf_categories.py" "$out/report.txt"
