#!/usr/bin/env python3
"""PyTorch peer of `regurg translate` for decoding speed (same weights, same beam search).

Loads a `regurg train` checkpoint (TorchSharp's state-dict format), decodes subword ids with batched beam
search in the manner of fairseq's SequenceGenerator (as Regurgitate.Neural.Decoding.BeamSearch: 2K
candidates per sentence, EOS among the top K finishes a hypothesis scored logprob / length^alpha, K finished
ends a sentence, output length <= a * (source + 1) + b, PAD/BOS banned), with or without a key/value cache,
and writes the best output's ids, one sentence per line. Runs with Debian's python3-torch:

    regurg tokenizer encode -t RUN/tokenizer.json -i test.de --format ids > test.de.ids
    python3 bench/Nmt/translate_peer.py --checkpoint RUN --input test.de.ids --output peer.ids --beam 5 --threads 2
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_peer import BOS, EOS, PAD, Transformer, read_ids, sinusoidal  # noqa: E402

# TorchSharp ScalarType codes -> (torch dtype, bytes per element).
SCALAR_TYPES = {6: (torch.float32, 4), 7: (torch.float64, 8), 15: (torch.bfloat16, 2), 4: (torch.int64, 8)}


def read_leb128(f):
    result, shift = 0, 0
    while True:
        byte = f.read(1)[0]
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result


def read_torchsharp_state_dict(path):
    """TorchSharp's Module.save format: count, then (name, dtype, rank, shape, raw bytes) per tensor."""
    state = {}
    with open(path, "rb") as f:
        for _ in range(read_leb128(f)):
            name = f.read(read_leb128(f)).decode("utf-8")
            dtype, size = SCALAR_TYPES[read_leb128(f)]
            shape = [read_leb128(f) for _ in range(read_leb128(f))]
            count = math.prod(shape)
            state[name] = torch.frombuffer(bytearray(f.read(count * size)), dtype=dtype).reshape(shape).clone()
    return state


def peer_name(name):
    """Our parameter names (TranslationModel fields) -> train_peer.Transformer's."""
    parts = name.split(".")
    renames = {"encoderLayers": "encoder", "decoderLayers": "decoder", "encoderFinalNorm": "encoder_norm",
               "decoderFinalNorm": "decoder_norm", "selfAttention": "attn", "selfAttentionNorm": "attn_norm",
               "crossAttention": "cross", "crossAttentionNorm": "cross_norm", "feedForward": "ffn",
               "feedForwardNorm": "ffn_norm", "queryProjection": "q", "keyValueProjection": "kv",
               "outputProjection": "out"}
    return ".".join(renames.get(p, p) for p in parts)


def load_model(run, threads):
    checkpoint = run
    if os.path.exists(os.path.join(run, "best.json")):
        with open(os.path.join(run, "best.json")) as f:
            checkpoint = os.path.join(run, json.load(f)["Checkpoint"])
    with open(os.path.join(checkpoint, "config.json")) as f:
        config = json.load(f)
    model = Transformer(config["VocabularySize"], config["EncoderLayers"], config["ModelDim"], config["Heads"],
                        config["FeedForwardDim"], 0.0)
    state = {peer_name(k): v for k, v in read_torchsharp_state_dict(os.path.join(checkpoint, "model.bin")).items()}
    model.load_state_dict(state, strict=True)
    torch.set_num_threads(threads)
    return model.eval(), config


def attend(q, k, v, mask):
    """Scaled dot-product attention (PyTorch 1.13 has no fused kernel for it)."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores + mask
    return scores.softmax(-1) @ v


class Decoder:
    """Next-token log-probabilities step by step; with a cache only the newest position is computed."""

    def __init__(self, model, source, use_cache):
        self.model, self.use_cache = model, use_cache
        self.mask = torch.zeros(source.shape).masked_fill(source.eq(PAD), float("-inf"))[:, None, None, :]
        x = model.embed(source)
        for layer in model.encoder:
            x = layer(x, self.mask)
        self.memory = model.encoder_norm(x)
        self.prefix = None
        self.self_cache = [None] * len(model.decoder)
        self.cross_cache = [None] * len(model.decoder)
        self.length = 0

    def step(self, last):
        m = self.model
        if not self.use_cache:
            self.prefix = last.view(-1, 1) if self.prefix is None else torch.cat([self.prefix, last.view(-1, 1)], 1)
            y = m.embed(self.prefix)
            for layer in m.decoder:
                y = layer(y, self.memory, self.mask)
            return F.linear(m.decoder_norm(y[:, -1]), m.embedding.weight).log_softmax(-1)
        y = m.embedding(last.view(-1, 1)) * math.sqrt(m.d) + sinusoidal(self.length + 1, m.d, last.device)[-1]
        for i, layer in enumerate(m.decoder):
            y = y + self.attend_self(layer.attn, layer.attn_norm(y), i)
            y = y + self.attend_cross(layer.cross, layer.cross_norm(y), i)
            y = y + layer.ffn(layer.ffn_norm(y))
        self.length += 1
        return F.linear(m.decoder_norm(y[:, -1]), m.embedding.weight).log_softmax(-1)

    def attend_self(self, attn, x, i):
        b = x.shape[0]
        q, k, v = attn.q(x).view(b, 1, 3, attn.heads, attn.head_dim).permute(2, 0, 3, 1, 4)
        if self.self_cache[i] is not None:
            k = torch.cat([self.self_cache[i][0], k], 2)
            v = torch.cat([self.self_cache[i][1], v], 2)
        self.self_cache[i] = (k, v)
        return attn.out(attend(q, k, v, None).transpose(1, 2).reshape(b, 1, -1))

    def attend_cross(self, attn, x, i):
        b = x.shape[0]
        if self.cross_cache[i] is None:
            self.cross_cache[i] = attn.kv(self.memory).view(b, -1, 2, attn.heads, attn.head_dim).permute(2, 0, 3, 1, 4)
        k, v = self.cross_cache[i]
        q = attn.q(x).view(b, 1, attn.heads, attn.head_dim).transpose(1, 2)
        return attn.out(attend(q, k, v, self.mask).transpose(1, 2).reshape(b, 1, -1))

    def select(self, rows, same_sentences):
        self.self_cache = [None if c is None else (c[0][rows], c[1][rows]) for c in self.self_cache]
        if self.prefix is not None:
            self.prefix = self.prefix[rows]
        if not same_sentences:
            self.cross_cache = [None if c is None else (c[0][rows], c[1][rows]) for c in self.cross_cache]
            self.mask, self.memory = self.mask[rows], self.memory[rows]


def beam_search(model, sources, k, alpha, max_a, max_b, max_positions, use_cache):
    length = min(max(len(s) for s in sources) + 1, max_positions)
    source = torch.full((len(sources) * k, length), PAD, dtype=torch.long)
    for s, ids in enumerate(sources):
        n = min(len(ids), length - 1)
        source[s * k:(s + 1) * k, :n] = torch.tensor(ids[:n], dtype=torch.long)
        source[s * k:(s + 1) * k, n] = EOS
    limits = [max(1, min(int(max_a * min(len(s) + 1, max_positions)) + max_b, max_positions - 1)) for s in sources]
    beams = [[[] for _ in range(k)] for _ in sources]
    scores = [[0.0] + [float("-inf")] * (k - 1) for _ in sources]
    finished = [[] for _ in sources]
    active = list(range(len(sources)))
    decoder = Decoder(model, source, use_cache)
    last = torch.full((len(sources) * k,), BOS, dtype=torch.long)
    step = 0
    while active:
        lprobs = decoder.step(last)
        vocab = lprobs.shape[1]
        lprobs[:, PAD] = float("-inf")
        lprobs[:, BOS] = float("-inf")
        for a, s in enumerate(active):
            if step + 1 >= limits[s]:
                eos = lprobs[a * k:(a + 1) * k, EOS].clone()
                lprobs[a * k:(a + 1) * k] = float("-inf")
                lprobs[a * k:(a + 1) * k, EOS] = eos
        previous = torch.tensor([x for s in active for x in scores[s]], dtype=torch.float32).view(-1, 1)
        top_scores, top_indices = (lprobs + previous).view(len(active), k * vocab).topk(min(2 * k, k * vocab), 1)
        top_scores, top_indices = top_scores.tolist(), top_indices.tolist()
        rows, tokens, still = [], [], []
        for a, s in enumerate(active):
            chosen = []
            for j, (score, index) in enumerate(zip(top_scores[a], top_indices[a])):
                if len(chosen) >= k or score == float("-inf"):
                    break
                beam, token = divmod(index, vocab)
                if token == EOS:
                    if j < k and len(finished[s]) < k:
                        n = len(beams[s][beam]) + 1
                        finished[s].append((score / n ** alpha, beams[s][beam]))
                    continue
                chosen.append((beam, token, score))
            if len(finished[s]) >= k or not chosen:
                continue
            while len(chosen) < k:
                chosen.append((chosen[0][0], chosen[0][1], float("-inf")))
            beams[s] = [beams[s][b] + [t] for b, t, _ in chosen]
            scores[s] = [x for _, _, x in chosen]
            rows.extend(a * k + b for b, _, _ in chosen)
            tokens.extend(t for _, t, _ in chosen)
            still.append(s)
        if not still:
            break
        decoder.select(torch.tensor(rows, dtype=torch.long), len(still) == len(active))
        active, last, step = still, torch.tensor(tokens, dtype=torch.long), step + 1
    return [max(f, key=lambda h: h[0])[1] if f else [] for f in finished]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True, help="run directory (its best checkpoint) or checkpoint directory")
    parser.add_argument("--input", required=True, help="source ids, one sentence per line")
    parser.add_argument("--output", required=True, help="where to write output ids")
    parser.add_argument("--beam", type=int, default=5)
    parser.add_argument("--length-penalty", type=float, default=1.0)
    parser.add_argument("--max-len-a", type=float, default=1.5)
    parser.add_argument("--max-len-b", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-cache", action="store_true", help="rerun the decoder over the whole prefix at each step")
    args = parser.parse_args()

    model, config = load_model(args.checkpoint, args.threads)
    sources = read_ids(args.input)
    # As `regurg translate`: longest first, batches of sentences of similar length, output in input order.
    order = sorted(range(len(sources)), key=lambda i: (-len(sources[i]), i))
    outputs = [None] * len(sources)
    start = time.perf_counter()
    with torch.no_grad():
        for b in range(0, len(order), args.batch_size):
            chunk = order[b:b + args.batch_size]
            for i, ids in zip(chunk, beam_search(model, [sources[i] for i in chunk], args.beam, args.length_penalty,
                                                 args.max_len_a, args.max_len_b, config["MaxPositions"], not args.no_cache)):
                outputs[i] = ids
    elapsed = time.perf_counter() - start
    with open(args.output, "w", encoding="utf-8") as f:
        for ids in outputs:
            f.write(" ".join(map(str, ids)) + "\n")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, beam {args.beam}, "
          f"{'no cache' if args.no_cache else 'cache'}: {len(sources)} sentences in {elapsed:.1f} s = "
          f"{len(sources) / elapsed:.1f} sentences/s")


if __name__ == "__main__":
    main()
