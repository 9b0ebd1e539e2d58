#!/usr/bin/env python3
"""SOAP reference trajectories from the reference code itself: nikhilvyas/SOAP soap.py, run under torch 1.13.

Reference: https://github.com/nikhilvyas/SOAP, commit a1e553530fde97d0e6b307d7c82ac6d38b072340, soap.py (git blob
a6362cc9ed2f50ed299204eb3bf07715e7280757), class SOAP, unchanged. The file is not part of descent: pass the path of a
copy at that commit; the script checks the blob hash.

The matrix problem (matrix_problem.py) with max_precond_dim = 4: only the 3-sides of W1 (descent 6x3, torch 3x6) and
W2 (3x5, torch 5x3) get factors. Their first factor (1 - beta_s) G G^T is 3x3 of rank 3, so its eigenvalues are
distinct and the eigenbasis is unique up to signs, which SOAP's update does not see. A factor on the 6- or 5-side
would have rank 3 after the first gradient: its null space has no preferred basis, LAPACK's choice and descent's
differ, and so would the trajectories (see Soap's javadoc). Also golden/pytorch/soap_reference.csv: the 6-vector,
which without a layout is a vector SOAP does not precondition (Adam, first step skipped).

Usage (by hand; the output is committed): /usr/bin/python3 tools/golden/soap_golden.py /path/to/soap.py
"""
import hashlib
import importlib.util
import sys

import numpy as np
import torch

import matrix_problem as mp
from golden_io import load_problem, write

BLOB = "a6362cc9ed2f50ed299204eb3bf07715e7280757"
SOURCE = "nikhilvyas/SOAP@a1e55353 soap.py SOAP, torch %s" % torch.__version__


def load_reference(path):
    data = open(path, "rb").read()
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    if blob != BLOB:
        sys.exit("%s is not soap.py at commit a1e55353 (blob %s, expected %s)" % (path, blob, BLOB))
    spec = importlib.util.spec_from_file_location("soap_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_matrix(soap, base_lr, **kwargs):
    d = mp.load()
    p = d["initial"].copy()
    w1, b, w2 = mp.split(p)
    t1 = torch.nn.Parameter(torch.from_numpy(w1.T.copy()))
    tb = torch.nn.Parameter(torch.from_numpy(b.copy()))
    t2 = torch.nn.Parameter(torch.from_numpy(w2.T.copy()))
    opt = soap.SOAP([t1, tb, t2], lr=base_lr, **kwargs)
    out = [p.copy()]
    for t in range(1, mp.STEPS + 1):
        g = mp.gradient(d, p)
        g1, gb, g2 = mp.split(g)
        t1.grad = torch.from_numpy(g1.T.copy())
        tb.grad = torch.from_numpy(gb.copy())
        t2.grad = torch.from_numpy(g2.T.copy())
        opt.param_groups[0]["lr"] = mp.lr_at(base_lr, t)
        opt.step()
        p = np.concatenate([t1.detach().numpy().T.ravel(), tb.detach().numpy(), t2.detach().numpy().T.ravel()]).astype(np.float32)
        out.append(p.copy())
    return out


def run_vector(soap, **kwargs):
    initial, steps = load_problem()
    t = torch.nn.Parameter(torch.from_numpy(initial.copy()))
    opt = soap.SOAP([t], lr=0.0, **kwargs)
    out = [initial.copy()]
    for _, lr, g in steps:
        t.grad = torch.from_numpy(g.copy())
        opt.param_groups[0]["lr"] = lr
        opt.step()
        out.append(t.detach().numpy().copy())
    return out


def keys(betas=(0.95, 0.95), shampoo_beta=-1, eps=1e-8, weight_decay=0.01, precondition_frequency=10,
         max_precond_dim=10000, precondition_1d=False, normalize_grads=False, correct_bias=True):
    """The registry keys of the same settings."""
    return {"beta1": betas[0], "beta2": betas[1], "shampoo_beta": shampoo_beta, "epsilon": eps,
            "precondition_frequency": precondition_frequency, "max_precond_dim": max_precond_dim,
            "precondition1d": str(precondition_1d).lower(), "normalize_grads": str(normalize_grads).lower(),
            "correct_bias": str(correct_bias).lower(), "weight_decay": weight_decay, "weight_decay_mode": "decoupled"}


def main():
    soap = load_reference(sys.argv[1])
    cases = [
        ("soap_reference", 0.01, dict(max_precond_dim=4, precondition_frequency=5)),
        ("soap_reference_variants", 0.02, dict(betas=(0.9, 0.99), shampoo_beta=0.8, weight_decay=0.1, max_precond_dim=4,
                                               precondition_frequency=3, normalize_grads=True)),
        ("soap_reference_no_bias_correction", 0.005, dict(max_precond_dim=4, precondition_frequency=10, correct_bias=False,
                                                          weight_decay=0.0, eps=1e-6)),
    ]
    for name, lr, kwargs in cases:
        mp.write(name, "soap", keys(**kwargs), SOURCE + ", max_precond_dim 4: factors on the 3-sides only", lr,
                 run_matrix(soap, lr, **kwargs))
    write("pytorch", "soap_reference", "soap", keys(), SOURCE + " (no layout: one vector, not preconditioned)",
          run_vector(soap))


if __name__ == "__main__":
    main()
