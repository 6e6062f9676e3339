#!/usr/bin/env python3
"""Sums `perf report --sort dso,sym -g none` percentages into where a training step's CPU time goes.

Each symbol is put in the first category whose pattern it matches: libtorch's MKL products first, then the
softmax family, layer norm, the other element-wise and reduction kernels, autograd, dispatch, allocation,
.NET and the kernel. Usage: perf_categories.py REPORT.txt [-v: also the largest uncategorized symbols]
"""
import re,sys,collections
cats=collections.OrderedDict([
 ("matrix products (MKL sgemm/bf16 gemm)", r"mkl_blas|gemm|mkl_serv|dnnl|brgemm"),
 ("softmax / log-softmax and their backward", r"softmax|Sleef_.*exp"),
 ("layer norm", r"LayerNorm|RowwiseMoments"),
 ("element-wise and reductions (add, mul, fill, copy, masks, Adam, dropout)", r"at::native|at::vec::|VectorizedLoop|serial_for_each|DimCounter|mkl_vml|cpu_kernel|Sleef"),
 ("autograd engine", r"torch::autograd"),
 ("dispatch and tensor bookkeeping (c10, TensorIterator set-up, operator lookup)", r"c10::|at::TensorIterator|at::_ops|OperatorEntry|at::Tensor|at::detail|at::TensorBase|at::"),
 ("allocation (glibc malloc/free, memset, memmove)", r"malloc|_int_free|cfree|unlink_chunk|memmove|memset|memcpy|__tls_get_addr"),
 ("threads waiting for each other (OpenMP)", r"libgomp|gomp_|omp_"),
 (".NET: JIT code, runtime, TorchSharp interop", r"doublemapper|coreclr|clrjit|LibTorchSharp|System\.|\.dll"),
 ("kernel and scheduler (yield, page faults)", r"\[k\]|sched_yield"),
])
tot=collections.Counter(); other=collections.Counter()
for line in open(sys.argv[1]):
    m=re.match(r"\s*([\d.]+)%\s+(.*)",line)
    if not m: continue
    p=float(m.group(1)); s=m.group(2)
    for c,rx in cats.items():
        if re.search(rx,s): tot[c]+=p; break
    else: tot["other"]+=p; other[s[:120]]+=p
for c in list(cats)+["other"]: print(f"| {c} | {tot[c]:.1f}% |")
if "-v" in sys.argv:
    for s,p in other.most_common(15): print(p,s)
