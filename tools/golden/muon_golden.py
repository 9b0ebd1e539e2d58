#!/usr/bin/env python3
"""Muon reference trajectories from the reference code itself: KellerJordan/Muon muon.py, run under torch 1.13.

Reference: https://github.com/KellerJordan/Muon, commit 857d1adc159e098212f828d927460782d3da59e9, muon.py
(git blob 8f117329d5f1d646749a2ec6b80d434610104c4a), class SingleDeviceMuonWithAuxAdam. The file is not part of
descent: pass the path of a copy at that commit; the script checks the blob hash.

The one change: muon.py runs Newton–Schulz in bfloat16 (G.bfloat16()); descent runs it in float32, so for the
duration of the run Tensor.bfloat16 returns the float32 tensor unchanged.

Writes golden/matrix/muon_reference*.csv (the matrix problem, see matrix_problem.py) and
golden/pytorch/muon_reference_aux.csv (the 6-parameter problem, which without a layout is all auxiliary AdamW).

Usage (by hand; the output is committed): /usr/bin/python3 tools/golden/muon_golden.py /path/to/muon.py
"""
import hashlib
import importlib.util
import sys

import numpy as np
import torch

import matrix_problem as mp
from golden_io import load_problem, write

BLOB = "8f117329d5f1d646749a2ec6b80d434610104c4a"
SOURCE = "KellerJordan/Muon@857d1adc muon.py SingleDeviceMuonWithAuxAdam, torch %s, Newton-Schulz in float32" % torch.__version__


def load_reference(path):
    data = open(path, "rb").read()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    if blob != BLOB:
        sys.exit("%s is not muon.py at commit 857d1adc (blob %s, expected %s)" % (path, blob, BLOB))
    spec = importlib.util.spec_from_file_location("muon_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_matrix(muon, base_lr, adam_lr_ratio, weight_decay):
    d = mp.load()
    p = d["initial"].copy()
    w1, b, w2 = mp.split(p)
    # torch layout: out × in, the transpose of descent's fan-in × fan-out
    t1 = torch.nn.Parameter(torch.from_numpy(w1.T.copy()))
    tb = torch.nn.Parameter(torch.from_numpy(b.copy()))
    t2 = torch.nn.Parameter(torch.from_numpy(w2.T.copy()))
    groups = [dict(params=[t1, t2], lr=base_lr, momentum=0.95, weight_decay=weight_decay, use_muon=True),
              dict(params=[tb], lr=base_lr * adam_lr_ratio, betas=(0.9, 0.95), eps=1e-10, weight_decay=weight_decay, use_muon=False)]
    opt = muon.SingleDeviceMuonWithAuxAdam(groups)
    out = [p.copy()]
    for t in range(1, mp.STEPS + 1):
        g = mp.gradient(d, p)
        g1, gb, g2 = mp.split(g)
        t1.grad = torch.from_numpy(g1.T.copy())
        tb.grad = torch.from_numpy(gb.copy())
        t2.grad = torch.from_numpy(g2.T.copy())
        lr = mp.lr_at(base_lr, t)
        opt.param_groups[0]["lr"] = lr
        opt.param_groups[1]["lr"] = lr * adam_lr_ratio
        opt.step()
        p = np.concatenate([t1.detach().numpy().T.ravel(), tb.detach().numpy(), t2.detach().numpy().T.ravel()]).astype(np.float32)
        out.append(p.copy())
    return out


def run_vector(muon, adam_lr_ratio):
    initial, steps = load_problem()
    t = torch.nn.Parameter(torch.from_numpy(initial.copy()))
    opt = muon.SingleDeviceMuonWithAuxAdam([dict(params=[t], lr=0.0, betas=(0.9, 0.95), eps=1e-10, weight_decay=0.0, use_muon=False)])
    out = [initial.copy()]
    for _, lr, g in steps:
        t.grad = torch.from_numpy(g.copy())
        opt.param_groups[0]["lr"] = lr * adam_lr_ratio
        opt.step()
        out.append(t.detach().numpy().copy())
    return out


def main():
    muon = load_reference(sys.argv[1])
    torch.Tensor.bfloat16 = lambda self, *args, **kwargs: self.float()
    common = {"convention": "reference", "momentum": 0.95, "nesterov": "true", "ns_steps": 5, "lr_adjust": "original",
              "adam_beta1": 0.9, "adam_beta2": 0.95, "adam_epsilon": 1e-10, "aux_first_last": "false"}
    mp.write("muon_reference", "muon", dict(common, adam_lr_ratio=0.015), SOURCE, 0.02, run_matrix(muon, 0.02, 0.015, 0.0))
    mp.write("muon_reference_weight_decay", "muon", dict(common, adam_lr_ratio=0.5, weight_decay=0.1, weight_decay_mode="decoupled"),
             SOURCE, 0.05, run_matrix(muon, 0.05, 0.5, 0.1))
    write("pytorch", "muon_reference_aux", "muon", dict(common, adam_lr_ratio=1.0), SOURCE + " (no layout: the auxiliary Adam)",
          run_vector(muon, 1.0))


if __name__ == "__main__":
    main()
