#!/usr/bin/env bash
# Beam-search speed on Multi30k test_2016_flickr (1,000 sentences) with a trained run: `regurg translate`
# with and without the key/value cache, and the PyTorch peer (bench/Nmt/translate_peer.py, Debian's
# python3-torch) on the same weights, both with the cache. Also checks that the peer finds the same outputs.
#
#   bench/Nmt/decode.sh RUN [THREADS=2] [BEAM=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run="$1"
threads="${2:-2}"
beam="${3:-5}"
data="${REGURG_DATA_DIR:-$root/../shared/corpora}/multi30k"
regurg="$root/regurg"
work="$run/decode-bench"
mkdir -p "$work"
zcat "$data/test_2016_flickr.de.gz" > "$work/test.de"
zcat "$data/test_2016_flickr.en.gz" > "$work/test.en"
"$regurg" tokenizer encode -t "$run/tokenizer.json" -i "$work/test.de" --format ids > "$work/test.de.ids"

echo "== regurg translate, beam $beam, cache"
"$regurg" translate -c "$run" -i "$work/test.de" -o "$work/ours.cache.en" --beam "$beam" --threads "$threads"
echo "== regurg translate, beam $beam, no cache"
"$regurg" translate -c "$run" -i "$work/test.de" -o "$work/ours.nocache.en" --beam "$beam" --threads "$threads" --no-cache
echo "== PyTorch peer, beam $beam, cache"
/usr/bin/python3 "$root/bench/Nmt/translate_peer.py" --checkpoint "$run" --input "$work/test.de.ids" --output "$work/peer.ids" \
  --beam "$beam" --threads "$threads"
"$regurg" tokenizer decode -t "$run/tokenizer.json" -i "$work/peer.ids" > "$work/peer.en"

echo "== agreement"
echo "cache vs no cache: $(paste -d '\t' "$work/ours.cache.en" "$work/ours.nocache.en" | awk -F '\t' '$1 == $2' | wc -l) of 1000 outputs identical"
echo "ours vs peer:      $(paste -d '\t' "$work/ours.cache.en" "$work/peer.en" | awk -F '\t' '$1 == $2' | wc -l) of 1000 outputs identical"
"$regurg" score --ref "$work/test.en" --hyp "$work/ours.cache.en" --metrics bleu
"$regurg" score --ref "$work/test.en" --hyp "$work/peer.en" --metrics bleu
