#!/usr/bin/env python3
"""Peer benchmark: NLTK's corpus_bleu on the same WMT17 files (whitespace tokens, like tok:none).

Usage: nltk_bleu.py <wmt17-folder> [systems=4]
Prints the same tab-separated columns as the C# benchmark.
"""
import os
import sys
import time

from nltk.translate.bleu_score import corpus_bleu

folder = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 4


def read(path):
    # As sacreBLEU: split on '\n' only, right-strip each line.
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip() for line in f]


reference = read(os.path.join(folder, "reference.de"))
names = sorted(f for f in os.listdir(folder) if f.endswith(".de") and f != "reference.de")[:count]
systems = [read(os.path.join(folder, n)) for n in names]

start = time.perf_counter()
first = None
for hyps in systems:
    score = 100 * corpus_bleu([[r.split()] for r in reference], [h.split() for h in hyps])
    first = score if first is None else first
seconds = time.perf_counter() - start
segments = len(systems) * len(reference)
print(f"NLTK corpus_bleu (split)\t{len(systems)}\t{segments}\t{seconds:.3f}\t{segments / seconds:.0f}\t{first:.4f}")
