#!/usr/bin/env bash
# Multi30k de→en with the decoder-only lm-small: pretrain it as a language model on Tatoeba de-en (each pair
# written as prompt + completion, loss on every token), fine-tune it on the 29k Multi30k training pairs with the
# loss on the completion only, translate test_2016_flickr with beam 5, score with sacreBLEU-exact BLEU.
#
#   bench/Nmt/multi30k-lm.sh [PRETRAIN_UPDATES=600] [FINETUNE_UPDATES=1200] [THREADS=2] [RUN=runs/multi30k-lm-small] [PRECISION=bf16] [MAX_MINUTES=30]
#
# The budget is counted in optimizer updates of 4,096-token batches (so that a busy machine changes how long it
# takes, not what is trained); MAX_MINUTES caps each of the two runs in wall time (validation included).
# The tokenizer is one 8,000-piece joint BPE over both corpora's training text (both runs must share it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pretrain_updates="${1:-600}"
finetune_updates="${2:-1200}"
threads="${3:-2}"
run="${4:-runs/multi30k-lm-small}"
precision="${5:-bf16}"
max_minutes="${6:-30}"
corpora="${REGURG_DATA_DIR:-$root/../shared/corpora}"
data="$corpora/multi30k"
regurg="${REGURG:-$root/regurg}"  # REGURG: another build of the CLI (e.g. a frozen copy while editing)
export REGURG_DATA_DIR="$corpora"

mkdir -p "$run"
if [ ! -f "$run/tokenizer.json" ]; then
  unzip -p "$corpora/tatoeba-manythings/deu-eng.zip" deu.txt | cut -f1 > "$run/tatoeba.en"
  unzip -p "$corpora/tatoeba-manythings/deu-eng.zip" deu.txt | cut -f2 > "$run/tatoeba.de"
  "$regurg" tokenizer train -i "$data/train.de.gz" -i "$data/train.en.gz" -i "$run/tatoeba.de" -i "$run/tatoeba.en" \
    --vocab-size 8000 --out "$run/tokenizer.json"
fi

# 1. Language-model pretraining on Tatoeba (validation loss only: the LM is not yet a translator).
"$regurg" train --train-corpus tatoeba:train:de-en --valid-corpus tatoeba:valid:de-en \
  --tokenizer "$run/tokenizer.json" --preset lm-small --objective lm --out "$run/pretrain" \
  --batch-tokens 4096 --lr 2e-3 --warmup 400 --label-smoothing 0.1 --clip-norm 1.0 --precision "$precision" \
  --no-valid-bleu --max-updates "$pretrain_updates" --max-minutes "$max_minutes" --patience 5 --save-every 200 --seed 1 --threads "$threads" --device cpu 2>&1 | tee -a "$run/pretrain.log"

# 2. Translation fine-tuning on Multi30k from the pretrained weights (completion-only loss, the default).
"$regurg" train --train-corpus multi30k:train:de-en --valid-corpus multi30k:val:de-en \
  --init "$run/pretrain" --preset lm-small --objective completion --out "$run/finetune" \
  --batch-tokens 4096 --lr 1e-3 --warmup 200 --label-smoothing 0.1 --clip-norm 1.0 --precision "$precision" \
  --max-updates "$finetune_updates" --max-minutes "$max_minutes" --patience 5 --save-every 200 --seed 1 --threads "$threads" --device cpu 2>&1 | tee -a "$run/finetune.log"

zcat "$data/test_2016_flickr.de.gz" > "$run/test_2016_flickr.de"
zcat "$data/test_2016_flickr.en.gz" > "$run/test_2016_flickr.en"
/usr/bin/time -f "translate: %e s wall" "$regurg" translate --checkpoint "$run/finetune" --input "$run/test_2016_flickr.de" \
  --out "$run/test_2016_flickr.hyp.en" --beam 5 --batch-size 64 --threads "$threads" --scores "$run/test_2016_flickr.scores.jsonl"
"$regurg" score --ref "$run/test_2016_flickr.en" --hyp "$run/test_2016_flickr.hyp.en" --metrics bleu,chrf
