#!/usr/bin/env bash
# Runs studies/llm-arm.yaml end to end on this machine: pretrains the base LM once (lm-small as a language
# model on Tatoeba de-en, as bench/Nmt/multi30k-lm.sh's first step), starts `regurg serve --fine-tuning`
# on it at 127.0.0.1:8400, runs the study against it (arguments go to `study run`), and stops the server.
#
#   studies/llm-arm.sh [--jobs N ...]
#   REGURG_LLM_BASE=DIR studies/llm-arm.sh     # use a base pretrained elsewhere (a run directory)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
regurg="$root/regurg"
corpora="${REGURG_DATA_DIR:-$root/../shared/corpora}"
export REGURG_DATA_DIR="$corpora"
base="${REGURG_LLM_BASE:-runs/llm-base/pretrain}"
port=8400

# The pretraining resumes after a kill and does nothing once finished, so it runs unless a base is given.
if [ -z "${REGURG_LLM_BASE:-}" ]; then
  tokenizer="runs/llm-base/tokenizer.json"
  mkdir -p runs/llm-base
  if [ ! -f "$tokenizer" ]; then
    unzip -p "$corpora/tatoeba-manythings/deu-eng.zip" deu.txt | cut -f2 > runs/llm-base/tatoeba.de
    unzip -p "$corpora/tatoeba-manythings/deu-eng.zip" deu.txt | cut -f1 > runs/llm-base/tatoeba.en
    "$regurg" tokenizer train -i "$corpora/multi30k/train.de.gz" -i "$corpora/multi30k/train.en.gz" \
      -i runs/llm-base/tatoeba.de -i runs/llm-base/tatoeba.en --vocab-size 8000 --out "$tokenizer"
  fi
  "$regurg" train --train-corpus tatoeba:train:de-en --valid-corpus tatoeba:valid:de-en --tokenizer "$tokenizer" \
    --preset lm-small --objective lm --out "$base" --batch-tokens 4096 --lr 2e-3 --warmup 400 --label-smoothing 0.1 \
    --clip-norm 1.0 --no-valid-bleu --max-updates 600 --patience 5 --save-every 200 --seed 1
fi

log="runs/llm-arm-server.log"
mkdir -p runs
"$regurg" serve --fine-tuning --base "$base" --model llm-base --state runs/llm-arm-server --port "$port" --greedy > "$log" 2>&1 &
server=$!
# SIGTERM: a background job of a script starts with SIGINT ignored.
trap 'kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "Ctrl+C stops" "$log" && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
"$regurg" study run studies/llm-arm.yaml "$@"
