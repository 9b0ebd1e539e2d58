#!/usr/bin/env python3
"""Matrix-optimizer trajectories transcribed to NumPy (float32) from code that torch 1.13 cannot run.

  torch.optim.Muon   pytorch/pytorch torch/optim/_muon.py at commit 098e03f91de9384cc3afdf5c8b9a6bbc442bd66a
                     (torch 2.9); the tensors it refuses (the bias) are stepped as torch.optim.AdamW would
                     (torch/optim/adamw.py, single-tensor path: lerp_, mul_().addcmul_(), sqrt(v)/sqrt(bc2) + eps).
  keras Muon         keras-team/keras keras/src/optimizers/muon.py at commit dc26458f0a17ec533b560ffeeb6e0ed9c3f8173e
                     (rms_rate 0.2, adam_lr_ratio, adam_weight_decay; Keras' (in, out) layout is descent's).

Problem: golden/matrix/problem.csv (matrix_problem.py). Writes golden/matrix/muon_pytorch*.csv, muon_keras.csv.
Usage (by hand; the output is committed): /usr/bin/python3 tools/golden/matrix_numpy_golden.py
"""
import numpy as np

import matrix_problem as mp

F = np.float32
NS = (F(3.4445), F(-4.7750), F(2.0315))


def lerp(start, end, w):
    """torch.lerp in float32: w < 0.5 ? start + w·(end − start) : end − (end − start)·(1 − w)."""
    w = F(w)
    return start + w * (end - start) if w < 0.5 else end - (end - start) * (F(1) - w)


def newton_schulz(g, steps, eps, clamp):
    """Newton–Schulz on g (a 2-D float32 array) as torch/optim/_muon.py (clamp) or Keras (+ eps) write it."""
    x = g.astype(F)
    tall = x.shape[0] > x.shape[1]
    if tall:
        x = x.T
    norm = F(np.sqrt(np.sum(x.astype(np.float64) ** 2)))
    x = x / (max(norm, F(eps)) if clamp else norm + F(eps))
    a, b, c = NS
    for _ in range(steps):
        gram = x @ x.T
        upd = b * gram + c * (gram @ gram)
        x = a * x + upd @ x
    return (x.T if tall else x).astype(F)


def torch_muon(base_lr, weight_decay, adjust, adam=(0.9, 0.999, 1e-8)):
    """torch.optim.Muon on W1, W2 (torch layout out × in = descent's transposed); torch AdamW on b."""
    d = mp.load()
    p = d["initial"].copy()
    bufs = [np.zeros((3, 6), F), np.zeros((5, 3), F)]
    m, v = np.zeros(5, F), np.zeros(5, F)
    b1, b2, eps = adam
    out = [p.copy()]
    for t in range(1, mp.STEPS + 1):
        lr = mp.lr_at(base_lr, t)
        g = mp.gradient(d, p)
        w1, b, w2 = (x.copy() for x in mp.split(p))
        g1, gb, g2 = mp.split(g)
        new = []
        for k, (param, grad) in enumerate(((w1.T, g1.T), (w2.T, g2.T))):
            bufs[k] = lerp(bufs[k], grad, 1 - 0.95)
            update = lerp(grad, bufs[k], 0.95)
            update = newton_schulz(update, 5, 1e-7, clamp=True)
            A, B = param.shape
            ratio = np.sqrt(max(1, A / B)) if adjust == "original" else 0.2 * np.sqrt(max(A, B))
            param = param * F(1 - lr * weight_decay)
            param = param + F(-(lr * ratio)) * update
            new.append(param.T)
        # torch.optim.AdamW, single tensor
        b = b * F(1 - lr * weight_decay)
        m = lerp(m, gb, 1 - b1)
        v = v * F(b2) + F(1 - b2) * gb * gb
        bc1, bc2 = 1 - b1 ** t, 1 - b2 ** t
        denom = np.sqrt(v) / F(np.sqrt(bc2)) + F(eps)
        b = b + F(-(lr / bc1)) * (m / denom)
        p = np.concatenate([new[0].ravel(), b, new[1].ravel()]).astype(F)
        out.append(p.copy())
    return out


def keras_muon(base_lr, weight_decay, adam_weight_decay, momentum=0.95, adam=(0.9, 0.999, 1e-7), rms_rate=0.2):
    """keras.optimizers.Muon: weight decay first (_apply_weight_decay), then update_step per variable."""
    d = mp.load()
    p = d["initial"].copy()
    ms = [np.zeros((6, 3), F), np.zeros((3, 5), F)]
    m, v = np.zeros(5, F), np.zeros(5, F)
    b1, b2, eps = adam
    out = [p.copy()]
    for t in range(1, mp.STEPS + 1):
        lr = F(mp.lr_at(base_lr, t))
        g = mp.gradient(d, p)
        w1, b, w2 = (x.copy() for x in mp.split(p))
        g1, gb, g2 = mp.split(g)
        new = []
        for k, (var, grad) in enumerate(((w1, g1), (w2, g2))):
            var = var - var * F(weight_decay) * lr
            ms[k] = ms[k] + (grad + ms[k] * F(momentum - 1))
            u = grad + F(momentum) * ms[k]
            upd = newton_schulz(u, 5, 1e-7, clamp=False)
            x = lr * upd
            x = x * F(np.sqrt(max(x.shape[0], x.shape[1]))) * F(rms_rate)
            new.append(var - x)
        b = b - b * F(adam_weight_decay) * lr
        alpha = lr * np.sqrt(F(1) - F(b2) ** F(t)) / (F(1) - F(b1) ** F(t))
        m = m + (gb - m) * F(1 - b1)
        v = v + (gb * gb - v) * F(1 - b2)
        b = b - (m * alpha) / (np.sqrt(v) + F(eps))
        p = np.concatenate([new[0].ravel(), b, new[1].ravel()]).astype(F)
        out.append(p.copy())
    return out


def main():
    torch_src = "NumPy transcription of torch.optim.Muon (pytorch/pytorch@098e03f9 torch/optim/_muon.py) + torch.optim.AdamW for the bias"
    common = {"convention": "pytorch", "momentum": 0.95, "nesterov": "true", "ns_steps": 5, "adam_lr_ratio": 1.0,
              "adam_beta1": 0.9, "adam_beta2": 0.999, "adam_epsilon": 1e-8, "aux_first_last": "false",
              "weight_decay": 0.1, "weight_decay_mode": "decoupled"}
    mp.write("muon_pytorch", "muon", dict(common, lr_adjust="original"), torch_src, 0.05, torch_muon(0.05, 0.1, "original"))
    mp.write("muon_pytorch_match_rms_adamw", "muon", dict(common, lr_adjust="match_rms_adamw"), torch_src, 0.01,
             torch_muon(0.01, 0.1, "match_rms_adamw"))
    keras_src = "NumPy transcription of keras.optimizers.Muon (keras-team/keras@dc26458f keras/src/optimizers/muon.py)"
    mp.write("muon_keras", "muon", {"convention": "keras", "momentum": 0.95, "nesterov": "true", "ns_steps": 5,
                                    "lr_adjust": "match_rms_adamw", "adam_lr_ratio": 1.0, "adam_beta1": 0.9, "adam_beta2": 0.999,
                                    "adam_epsilon": 1e-7, "aux_first_last": "false", "weight_decay": 0.004,
                                    "weight_decay_mode": "decoupled"},
             keras_src, 0.01, keras_muon(0.01, 0.004, 0.004))


if __name__ == "__main__":
    main()
