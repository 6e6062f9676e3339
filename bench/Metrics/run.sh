#!/usr/bin/env bash
# Metrics throughput: Regurgitate (C#) vs NLTK's corpus_bleu on the WMT17 en-de system outputs.
# Needs python3-nltk (apt-get install -y python3-nltk). Runs in about a minute on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${REGURG_DATA_DIR:-$root/../shared/corpora}/wmt17-newstest-en-de-systems"
nltk_systems="${NLTK_SYSTEMS:-4}"
dotnet build "$root/bench/Metrics/Regurgitate.Bench.Metrics.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
bench="$(find "$root/bench/Metrics/bin/Release" -name Regurgitate.Bench.Metrics.dll | head -n 1)"
python=/usr/bin/python3; [ -x "$python" ] || python=python3

echo "## Regurgitate, all cores"
dotnet "$bench" "$data" 16 4 | tee /tmp/regurg-bench-all.tsv
echo "## Regurgitate, one core (DOTNET_PROCESSOR_COUNT=1)"
DOTNET_PROCESSOR_COUNT=1 dotnet "$bench" "$data" 16 4 | tee /tmp/regurg-bench-one.tsv
echo "## NLTK $($python -c 'import nltk; print(nltk.__version__)') corpus_bleu"
$python "$root/bench/Metrics/nltk_bleu.py" "$data" "$nltk_systems" | tee /tmp/regurg-bench-nltk.tsv

nltk=$(awk -F'\t' '{print $5}' /tmp/regurg-bench-nltk.tsv)
for mode in all one; do
  for metric in "BLEU tok:13a" "BLEU tok:none"; do
    ours=$(awk -F'\t' -v m="$metric" '$1==m {print $5}' /tmp/regurg-bench-$mode.tsv)
    echo "ratio ($mode cores) $metric / NLTK corpus_bleu: $(awk -v a="$ours" -v b="$nltk" 'BEGIN {printf "%.1fx", a/b}')"
  done
done
