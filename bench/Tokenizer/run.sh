#!/usr/bin/env bash
# Tokenizer throughput: `regurg tokenizer` vs SentencePiece (Debian's spm_train/spm_encode) on the
# Multi30k training text, both sides (58,000 lines), same machine, same run.
#   train:  8k BPE vocabulary, byte fallback, all characters kept (character_coverage 1.0)
#   encode: the 58k lines repeated 5 times (290,000 lines) to ids, written to /dev/null
# Times are wall clock for the whole command (process start, model load and output included),
# median of REPEATS runs. Needs: apt-get install -y sentencepiece; the .NET SDK.
# Usage: bench/Tokenizer/run.sh [corpora dir]   (default: ../shared/corpora from the repo root)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpora="${1:-${REGURG_DATA_DIR:-$root/../shared/corpora}}"
repeats="${REPEATS:-3}"
vocab="${VOCAB:-8000}"
threads="$(nproc)"
command -v spm_train >/dev/null || { echo "spm_train not found: apt-get install -y sentencepiece" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
zcat "$corpora/multi30k/train.de.gz" > "$work/train.de"
zcat "$corpora/multi30k/train.en.gz" > "$work/train.en"
cat "$work/train.de" "$work/train.en" > "$work/train.both"
for _ in 1 2 3 4 5; do cat "$work/train.both"; done > "$work/encode.txt"
lines=$(wc -l < "$work/train.both")
encode_lines=$(wc -l < "$work/encode.txt")

dotnet build "$root/src/Regurgitate.Cli" -c Release -v q -nologo >/dev/null
regurg="$(find "$root/src/Regurgitate.Cli/bin/Release" -name regurg -type f -perm -u+x | head -1)"

# seconds <command string>: wall-clock seconds of one run, output discarded
seconds() { local s e; s=$(date +%s.%N); sh -c "$1" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# pair <ours> <theirs>: runs them alternately REPEATS times (so machine load hits both alike), prints both medians
pair() {
  local a=() b=() i
  for ((i = 0; i < repeats; i++)); do a+=("$(seconds "$1")"); b+=("$(seconds "$2")"); done
  echo "$(median "${a[@]}") $(median "${b[@]}")"
}

read -r ours_train spm_train_s < <(pair \
  "'$regurg' tokenizer train -i '$work/train.de' -i '$work/train.en' --vocab-size $vocab -o '$work/tokenizer.json'" \
  "spm_train --input='$work/train.de,$work/train.en' --model_prefix='$work/spm' --model_type=bpe --vocab_size=$vocab \
     --character_coverage=1.0 --byte_fallback=true --num_threads=$threads --pad_id=0 --bos_id=1 --eos_id=2 --unk_id=3")
[[ -s "$work/tokenizer.json" && -s "$work/spm.model" ]] || { echo "a trainer failed; run its command by hand" >&2; exit 1; }
read -r ours_encode spm_encode_s < <(pair \
  "'$regurg' tokenizer encode -t '$work/tokenizer.json' -i '$work/encode.txt' --format ids" \
  "spm_encode --model='$work/spm.model' --output_format=id < '$work/encode.txt'")

# Segmentation length: subword tokens per sentence (what the translation model sees).
ours_tokens=$("$regurg" tokenizer encode -t "$work/tokenizer.json" -i "$work/train.both" --format ids | wc -w)
spm_tokens=$(spm_encode --model="$work/spm.model" --output_format=id < "$work/train.both" | wc -w)

printf '\nTokenizer benchmark: Multi30k train de+en (%d lines), %s-piece BPE, %d threads available, median of %d\n\n' "$lines" "$vocab" "$threads" "$repeats"
printf '| %-30s | %10s | %13s | %17s |\n' "measure" "regurg" "sentencepiece" "regurg speed-up" 
printf '|%s|%s|%s|%s|\n' "--------------------------------" "------------" "---------------" "-------------------"
ratio() { echo "scale=2; $1 / $2" | bc -l; }
printf '| %-30s | %10.2f | %13.2f | %16.2fx |\n' "train ${vocab} BPE, s (wall)" "$ours_train" "$spm_train_s" "$(ratio "$spm_train_s" "$ours_train")"
printf '| %-30s | %10.2f | %13.2f | %16.2fx |\n' "encode ${encode_lines} lines, s" "$ours_encode" "$spm_encode_s" "$(ratio "$spm_encode_s" "$ours_encode")"
printf '| %-30s | %10.0f | %13.0f | %16.2fx |\n' "encode, sentences/second" "$(echo "$encode_lines / $ours_encode" | bc -l)" "$(echo "$encode_lines / $spm_encode_s" | bc -l)" "$(ratio "$spm_encode_s" "$ours_encode")"
printf '| %-30s | %10.2f | %13.2f | %17s |\n' "subword tokens per sentence" "$(echo "$ours_tokens / $lines" | bc -l)" "$(echo "$spm_tokens / $lines" | bc -l)" "-"
printf '\nspeed-up = sentencepiece time / regurg time (> 1: regurg is faster).\n'
