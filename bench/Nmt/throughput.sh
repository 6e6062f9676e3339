#!/usr/bin/env bash
# Training throughput and peak memory: `regurg train` vs the PyTorch peer (bench/Nmt/train_peer.py on
# Debian's python3-torch) on identical batches (the first UPDATES batches of epoch 1, seed 1), one after
# the other, in float32 and in bfloat16 mixed precision.
#
#   bench/Nmt/throughput.sh TOKENIZER_JSON [UPDATES=40] [THREADS=2] [OUT=/tmp/regurg-throughput]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tokenizer="$1"
updates="${2:-40}"
threads="${3:-2}"
out="${4:-/tmp/regurg-throughput}"
data="${REGURG_DATA_DIR:-$root/../shared/corpora}/multi30k"
regurg="$root/regurg"
mkdir -p "$out"
"$regurg" tokenizer encode -t "$tokenizer" -i "$data/train.de.gz" --format ids > "$out/train.de.ids"
"$regurg" tokenizer encode -t "$tokenizer" -i "$data/train.en.gz" --format ids > "$out/train.en.ids"
echo "BLAS of the peer: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"

for precision in fp32 bf16; do
  rm -rf "$out/run-$precision"
  echo "== regurg train, $precision"
  /usr/bin/time -f "peak RSS %M KB, %e s wall" "$regurg" train --train-source "$data/train.de.gz" --train-target "$data/train.en.gz" \
    --tokenizer "$tokenizer" --preset cpu-small --out "$out/run-$precision" --max-updates "$updates" --batch-tokens 4096 \
    --lr 1e-3 --warmup 1000 --save-every 0 --seed 1 --threads "$threads" --precision "$precision" 2>&1 | grep -E "updates \||peak RSS"
  # Target tokens and training seconds of the whole run, from the checkpoint's state.
  /usr/bin/python3 - "$out/run-$precision" <<'PY'
import json, os, sys
run = sys.argv[1]
with open(os.path.join(run, "last.json")) as f:
    state = json.load(open(os.path.join(run, json.load(f)["Checkpoint"], "state.json")))
print(f"regurg: {state['Updates']} updates, {state['TargetTokens']} target tokens in {state['TrainingSeconds']:.1f} s: "
      f"{state['TargetTokens'] / state['TrainingSeconds']:.0f} target tok/s")
PY
  echo "== train_peer.py, $precision"
  /usr/bin/time -f "peak RSS %M KB, %e s wall" /usr/bin/python3 "$root/bench/Nmt/train_peer.py" --source "$out/train.de.ids" \
    --target "$out/train.en.ids" --vocab-size 8000 --updates "$updates" --warmup 1000 --lr 1e-3 --threads "$threads" \
    --precision "$precision" 2>&1 | grep -E "^torch|updates,|peak RSS"
done
