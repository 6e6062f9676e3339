#!/usr/bin/env python3
"""PyTorch peer of `regurg train` for throughput comparison (same architecture, same batches).

Runs with Debian's python3-torch (OpenBLAS): `apt-get install -y python3-torch`.
Inputs are subword ids written by our tokenizer, so both sides see identical tokens:

    regurg tokenizer encode -t runs/x/tokenizer.json -i train.de.gz --format ids > train.de.ids
    regurg tokenizer encode -t runs/x/tokenizer.json -i train.en.gz --format ids > train.en.ids
    python3 bench/Nmt/train_peer.py --source train.de.ids --target train.en.ids --vocab-size 8000 \
        --updates 200 --threads 2

Architecture = ModelConfig preset cpu-small: 3+3 pre-norm layers, d_model 256, 4 heads, FFN 1024,
ReLU, dropout 0.1 (residual, attention, activation), sinusoidal positions (sin/cos interleaved),
embeddings scaled by sqrt(d), one embedding matrix shared by encoder, decoder and output projection,
fused QKV projection. Training = Adam(0.9, 0.98, eps 1e-9), inverse-sqrt warm-up, fairseq-style label
smoothing 0.1, gradient-norm clipping 1.0, loss summed and divided by target tokens. Batches = the
same SplitMix64 shuffle, chunked length sort and token budget as Regurgitate.Neural.Training.TokenBatcher,
so epoch e's batches are identical to ours for the same seed.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, BOS, EOS = 0, 1, 2
MASK64 = (1 << 64) - 1


class DataOrder:
    """SplitMix64 seeded from (seed, epoch), as Regurgitate.Neural.Training.DataOrder."""

    def __init__(self, seed, epoch):
        self.state = ((seed * 0x9E3779B97F4A7C15) ^ (epoch * 0xD1B54A32D192ED03)) & MASK64
        self.next()

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next() % (i + 1)
            items[i], items[j] = items[j], items[i]


def epoch_batches(pairs, max_tokens, seed, epoch, chunk_size=16384):
    order = DataOrder(seed, epoch)
    indices = list(range(len(pairs)))
    order.shuffle(indices)
    padded = lambda i: max(len(pairs[i][0]), len(pairs[i][1])) + 1
    batches = []
    for start in range(0, len(indices), chunk_size):
        chunk = sorted(indices[start:start + chunk_size], key=lambda i: (padded(i), len(pairs[i][0]), i))
        current, longest = [], 0
        for i in chunk:
            new_longest = max(longest, padded(i))
            if current and new_longest * (len(current) + 1) > max_tokens:
                batches.append(current)
                current, new_longest = [], padded(i)
            current.append(i)
            longest = new_longest
        if current:
            batches.append(current)
    order.shuffle(batches)
    return batches


def sinusoidal(length, dim, device):
    positions = torch.arange(length, dtype=torch.float32, device=device).unsqueeze(1)
    frequencies = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32, device=device) * (-math.log(10000.0) / dim))
    angles = positions * frequencies.unsqueeze(0)
    return torch.stack([angles.sin(), angles.cos()], 2).reshape(length, dim)


class Attention(nn.Module):
    def __init__(self, d, heads, dropout, self_attention):
        super().__init__()
        self.heads, self.head_dim, self.dropout, self.self_attention = heads, d // heads, dropout, self_attention
        self.q = nn.Linear(d, 3 * d if self_attention else d)
        self.kv = None if self_attention else nn.Linear(d, 2 * d)
        self.out = nn.Linear(d, d)

    def forward(self, x, memory=None, mask=None, causal=False):
        b, t, _ = x.shape
        if self.self_attention:
            q, k, v = self.q(x).view(b, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        else:
            q = self.q(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
            k, v = self.kv(memory).view(b, memory.shape[1], 2, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if mask is not None:
            scores = scores + mask
        if causal:
            future = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
            scores = scores.masked_fill(future, float("-inf"))
        weights = F.dropout(scores.softmax(-1), self.dropout, self.training)
        return self.out((weights @ v).transpose(1, 2).reshape(b, t, -1))


class FeedForward(nn.Module):
    def __init__(self, d, inner, dropout):
        super().__init__()
        self.inner, self.outer, self.dropout = nn.Linear(d, inner), nn.Linear(inner, d), dropout

    def forward(self, x):
        return self.outer(F.dropout(F.relu(self.inner(x)), self.dropout, self.training))


class EncoderLayer(nn.Module):
    def __init__(self, d, heads, inner, dropout):
        super().__init__()
        self.attn, self.attn_norm = Attention(d, heads, dropout, True), nn.LayerNorm(d)
        self.ffn, self.ffn_norm = FeedForward(d, inner, dropout), nn.LayerNorm(d)
        self.dropout = dropout

    def forward(self, x, mask):
        x = x + F.dropout(self.attn(self.attn_norm(x), mask=mask), self.dropout, self.training)
        return x + F.dropout(self.ffn(self.ffn_norm(x)), self.dropout, self.training)


class DecoderLayer(nn.Module):
    def __init__(self, d, heads, inner, dropout):
        super().__init__()
        self.attn, self.attn_norm = Attention(d, heads, dropout, True), nn.LayerNorm(d)
        self.cross, self.cross_norm = Attention(d, heads, dropout, False), nn.LayerNorm(d)
        self.ffn, self.ffn_norm = FeedForward(d, inner, dropout), nn.LayerNorm(d)
        self.dropout = dropout

    def forward(self, x, memory, mask):
        x = x + F.dropout(self.attn(self.attn_norm(x), causal=True), self.dropout, self.training)
        x = x + F.dropout(self.cross(self.cross_norm(x), memory, mask), self.dropout, self.training)
        return x + F.dropout(self.ffn(self.ffn_norm(x)), self.dropout, self.training)


class Transformer(nn.Module):
    def __init__(self, vocab, layers=3, d=256, heads=4, inner=1024, dropout=0.1):
        super().__init__()
        self.d, self.dropout = d, dropout
        self.embedding = nn.Embedding(vocab, d, padding_idx=PAD)
        nn.init.normal_(self.embedding.weight, 0, d ** -0.5)
        with torch.no_grad():
            self.embedding.weight[PAD].zero_()
        self.encoder = nn.ModuleList(EncoderLayer(d, heads, inner, dropout) for _ in range(layers))
        self.decoder = nn.ModuleList(DecoderLayer(d, heads, inner, dropout) for _ in range(layers))
        self.encoder_norm, self.decoder_norm = nn.LayerNorm(d), nn.LayerNorm(d)

    def embed(self, tokens):
        x = self.embedding(tokens) * math.sqrt(self.d) + sinusoidal(tokens.shape[1], self.d, tokens.device)
        return F.dropout(x, self.dropout, self.training)

    def forward(self, source, target_input):
        mask = torch.zeros(source.shape, device=source.device).masked_fill(source.eq(PAD), float("-inf"))[:, None, None, :]
        x = self.embed(source)
        for layer in self.encoder:
            x = layer(x, mask)
        memory = self.encoder_norm(x)
        y = self.embed(target_input)
        for layer in self.decoder:
            y = layer(y, memory, mask)
        return F.linear(self.decoder_norm(y), self.embedding.weight)


def label_smoothed_loss(logits, target, epsilon):
    lprobs = logits.float().log_softmax(-1).view(-1, logits.shape[-1])
    target = target.reshape(-1, 1)
    padding = target.eq(PAD)
    nll = -lprobs.gather(1, target).masked_fill(padding, 0).sum()
    smooth = -lprobs.sum(-1, keepdim=True).masked_fill(padding, 0).sum()
    spread = epsilon / (lprobs.shape[-1] - 1)
    return (1 - epsilon - spread) * nll + spread * smooth


def make_batch(pairs, indices, device):
    src_len = max(len(pairs[i][0]) for i in indices) + 1
    tgt_len = max(len(pairs[i][1]) for i in indices) + 1
    source = torch.full((len(indices), src_len), PAD, dtype=torch.long)
    target_in = torch.full((len(indices), tgt_len), PAD, dtype=torch.long)
    target_out = torch.full((len(indices), tgt_len), PAD, dtype=torch.long)
    tokens = 0
    for r, i in enumerate(indices):
        s, t = pairs[i]
        source[r, :len(s)] = torch.tensor(s)
        source[r, len(s)] = EOS
        target_in[r, 0] = BOS
        target_in[r, 1:len(t) + 1] = torch.tensor(t, dtype=torch.long)
        target_out[r, :len(t)] = torch.tensor(t, dtype=torch.long)
        target_out[r, len(t)] = EOS
        tokens += len(t) + 1
    return source.to(device), target_in.to(device), target_out.to(device), tokens


def read_ids(path):
    with open(path, encoding="utf-8") as f:
        return [[int(x) for x in line.split()] for line in f]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--vocab-size", type=int, required=True)
    parser.add_argument("--batch-tokens", type=int, default=4096)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--warmup", type=int, default=1000)
    parser.add_argument("--updates", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                        help="bf16: CPU autocast (matrix products in bfloat16), as `regurg train --precision bf16`")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    pairs = list(zip(read_ids(args.source), read_ids(args.target)))
    model = Transformer(args.vocab_size).to(args.device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-9)
    schedule = lambda u: (1e-7 + (args.lr - 1e-7) * u / args.warmup) if u < args.warmup else args.lr * math.sqrt(args.warmup / u)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.precision}, {sum(p.numel() for p in model.parameters()):,} parameters")

    model.train()
    updates, epoch, tokens_seen, loss_seen = 0, 1, 0, 0.0
    start = time.perf_counter()
    while updates < args.updates:
        for indices in epoch_batches(pairs, args.batch_tokens, args.seed, epoch):
            source, target_in, target_out, tokens = make_batch(pairs, indices, args.device)
            optimizer.zero_grad()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.precision == "bf16"):
                logits = model(source, target_in)
            loss = label_smoothed_loss(logits, target_out, 0.1)
            loss.backward()
            for p in model.parameters():
                if p.grad is not None:
                    p.grad.div_(tokens)
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            updates += 1
            for group in optimizer.param_groups:
                group["lr"] = schedule(updates)
            optimizer.step()
            tokens_seen += tokens
            loss_seen += loss.item()
            if updates % 10 == 0:
                elapsed = time.perf_counter() - start
                print(f"update {updates}: loss {loss_seen / tokens_seen:.3f} {tokens_seen / elapsed:.0f} target tok/s", flush=True)
            if updates >= args.updates:
                break
        epoch += 1
    elapsed = time.perf_counter() - start
    print(f"{updates} updates, {tokens_seen} target tokens in {elapsed:.1f} s: {tokens_seen / elapsed:.0f} target tok/s")


if __name__ == "__main__":
    main()
