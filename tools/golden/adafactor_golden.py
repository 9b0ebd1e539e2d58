#!/usr/bin/env python3
"""Adafactor trajectories: NumPy (float32) transcriptions of the two framework implementations, neither of which
runs here (Optax needs JAX; torch.optim.Adafactor needs torch >= 2.5, Debian ships 1.13).

  optax     google-deepmind/optax commit 2edbcbe2390da13983b92cbef94ac0460ecde1c5: optax/_src/alias.py adafactor
            (chain: scale_by_factored_rms -> clip_by_block_rms -> scale_by_learning_rate -> scale_by_param_block_rms
            -> ema(momentum, debias=False) -> scale(-1)), optax/_src/factorized.py scale_by_factored_rms and
            _factored_dims, optax/transforms/_clipping.py clip_by_block_rms, optax/_src/numerics.py
            safe_root_mean_squares. Arrays in Flax's layout, which is descent's (fan-in x fan-out).
  pytorch   pytorch/pytorch commit 051d6a09bb159a48ac11006c454c0c979511d0f3: torch/optim/_adafactor.py
            _single_tensor_adafactor (the default, foreach=None). Matrices in torch's layout (out x in, descent's
            transposed); torch.lerp in float32 as lerp() below.

Writes golden/matrix/adafactor_*.csv (the matrix problem, matrix_problem.py; steps 11..20 at half the base lr) and
golden/numpy/adafactor_*.csv (the 6-parameter problem with its lr column; without a layout it is one vector).
Usage (by hand; the output is committed): /usr/bin/python3 tools/golden/adafactor_golden.py
"""
import numpy as np

import matrix_problem as mp
from golden_io import load_problem, write

F = np.float32
OPTAX = "NumPy transcription of optax.adafactor (google-deepmind/optax@2edbcbe2 optax/_src/alias.py, factorized.py)"
TORCH = "NumPy transcription of torch.optim.Adafactor (pytorch/pytorch@051d6a09 torch/optim/_adafactor.py)"


def lerp(start, end, w):
    """torch.lerp with a scalar weight, in float32."""
    w = F(w)
    return start + w * (end - start) if w < 0.5 else end - (end - start) * (F(1) - w)


def rms(x):
    return F(np.sqrt(np.mean(x.astype(F) * x.astype(F), dtype=F)))


class Optax:
    """optax.adafactor(learning_rate, min_dim_size_to_factor, decay_rate, multiply_by_parameter_scale,
    clipping_threshold, momentum, eps) on a list of float32 arrays."""

    def __init__(self, shapes, min_dim_size_to_factor=128, decay_rate=0.8, multiply_by_parameter_scale=True,
                 clipping_threshold=1.0, momentum=None, eps=1e-30):
        self.min_dim, self.decay_rate, self.by_scale = min_dim_size_to_factor, decay_rate, multiply_by_parameter_scale
        self.threshold, self.momentum, self.eps = clipping_threshold, momentum, eps
        self.count = 0
        self.state = []
        for shape in shapes:
            fd = self.factored_dims(shape)
            if fd is not None:
                d1, d0 = fd
                self.state.append({"v_row": np.zeros(np.delete(shape, d0), F), "v_col": np.zeros(np.delete(shape, d1), F)})
            else:
                self.state.append({"v": np.zeros(shape, F)})
            self.state[-1]["m"] = np.zeros(shape, F)
        self.clipped = 0

    def factored_dims(self, shape):
        if len(shape) < 2:
            return None
        sorted_dims = np.argsort(shape)
        if shape[sorted_dims[-2]] < self.min_dim:
            return None
        return int(sorted_dims[-2]), int(sorted_dims[-1])

    def step(self, params, grads, lr):
        t = F(self.count + 1)
        decay_t = F(1) - t ** F(-self.decay_rate)   # _decay_rate_pow(count, 0.8), jnp float32
        out = []
        for p, g, s in zip(params, grads, self.state):
            fd = self.factored_dims(p.shape)
            grad_sqr = g * g + F(self.eps)
            if fd is not None:
                d1, d0 = fd
                s["v_row"] = decay_t * s["v_row"] + (F(1) - decay_t) * np.mean(grad_sqr, axis=d0, dtype=F)
                s["v_col"] = decay_t * s["v_col"] + (F(1) - decay_t) * np.mean(grad_sqr, axis=d1, dtype=F)
                reduced_d1 = d1 - 1 if d1 > d0 else d1
                row_col_mean = np.mean(s["v_row"], axis=reduced_d1, keepdims=True, dtype=F)
                row_factor = (s["v_row"] / row_col_mean) ** F(-0.5)
                col_factor = s["v_col"] ** F(-0.5)
                u = g * np.expand_dims(row_factor, axis=d0) * np.expand_dims(col_factor, axis=d1)
            else:
                s["v"] = decay_t * s["v"] + (F(1) - decay_t) * grad_sqr
                u = g * s["v"] ** F(-0.5)
            if self.threshold is not None:
                clip_denom = np.maximum(F(1), rms(u) / F(self.threshold))
                self.clipped += int(clip_denom > 1)
                u = u / clip_denom
            u = F(lr) * u
            if self.by_scale:
                r = rms(p)
                u = u * (F(1e-3) if r <= F(1e-3) else r)
            if self.momentum is not None:
                s["m"] = F(1 - self.momentum) * u + F(self.momentum) * s["m"]
                u = s["m"]
            out.append((p + F(-1) * u).astype(F))
        self.count += 1
        return out


class Torch:
    """torch.optim.Adafactor(lr, beta2_decay, eps=(eps1, eps2), d, weight_decay), _single_tensor_adafactor."""

    def __init__(self, shapes, beta2_decay=-0.8, eps1=None, eps2=1e-3, d=1.0, weight_decay=0.0):
        self.beta2_decay, self.eps2, self.d, self.weight_decay = beta2_decay, eps2, d, weight_decay
        self.eps1 = float(np.finfo(np.float32).eps) if eps1 is None else eps1
        self.step_t = 0.0
        self.state = []
        for shape in shapes:
            if len(shape) > 1:
                row = list(shape)
                row[-1] = 1
                col = list(shape)
                col[-2] = 1
                self.state.append({"row_var": np.zeros(row, F), "col_var": np.zeros(col, F)})
            else:
                self.state.append({"variance": np.zeros(shape, F)})
        self.clipped = 0

    def step(self, params, grads, lr):
        self.step_t += 1
        step_float = self.step_t
        out = []
        for param, grad, s in zip(params, grads, self.state):
            one_minus_beta2_t = step_float ** self.beta2_decay
            rho_t = min(lr, 1 / (step_float ** 0.5))
            alpha = max(self.eps2, float(np.linalg.norm(param.astype(F)).astype(F)) / (param.size ** 0.5)) * rho_t
            if self.weight_decay != 0:
                param = param * F(1 - lr * self.weight_decay)
            if grad.ndim > 1:
                row_mean = np.square(np.linalg.norm(grad, axis=-1, keepdims=True).astype(F)) / F(grad.shape[-1])
                s["row_var"] = lerp(s["row_var"], row_mean, one_minus_beta2_t)
                col_mean = np.square(np.linalg.norm(grad, axis=-2, keepdims=True).astype(F)) / F(grad.shape[-2])
                s["col_var"] = lerp(s["col_var"], col_mean, one_minus_beta2_t)
                var_estimate = s["row_var"] @ s["col_var"]
                var_estimate = var_estimate / np.maximum(np.mean(s["row_var"], axis=-2, keepdims=True, dtype=F), F(self.eps1))
            else:
                s["variance"] = lerp(s["variance"], grad * grad, one_minus_beta2_t)
                var_estimate = s["variance"].copy()
            update = F(1) / np.sqrt(np.maximum(var_estimate, F(self.eps1 * self.eps1))) * grad
            denom = max(1.0, float(np.linalg.norm(update).astype(F)) / ((update.size ** 0.5) * self.d))
            self.clipped += int(denom > 1)
            out.append((param + F(-alpha / denom) * update).astype(F))
        return out


def run_matrix(opt, base_lr, torch_layout):
    """The matrix problem: W1 (6x3), b (5), W2 (3x5) in descent's layout; torch's matrices are the transposes."""
    d = mp.load()
    p = d["initial"].copy()
    out = [p.copy()]
    for t in range(1, mp.STEPS + 1):
        g = mp.gradient(d, p)
        ps, gs = [x.copy() for x in mp.split(p)], [x.copy() for x in mp.split(g)]
        if torch_layout:
            ps = [x.T.copy() if x.ndim == 2 else x for x in ps]
            gs = [x.T.copy() if x.ndim == 2 else x for x in gs]
        new = opt.step(ps, gs, mp.lr_at(base_lr, t))
        if torch_layout:
            new = [x.T if x.ndim == 2 else x for x in new]
        p = np.concatenate([x.ravel() for x in new]).astype(F)
        out.append(p.copy())
    return out


def shapes(torch_layout):
    return [(3, 6), (5,), (5, 3)] if torch_layout else [(6, 3), (5,), (3, 5)]


def run_vector(opt, constant_lr=None):
    initial, steps = load_problem()
    p = initial.copy()
    out = [p.copy()]
    for _, lr, g in steps:
        p = opt.step([p], [g.copy()], lr if constant_lr is None else constant_lr)[0]
        out.append(p.copy())
    return out


def main():
    optax_keys = {"convention": "optax", "decay_rate": 0.8, "epsilon1": 1e-30, "epsilon2": 1e-3, "clipping_threshold": 1.0,
                  "relative_step": "false", "multiply_by_parameter_scale": "true", "momentum": 0.0, "factored": "true",
                  "min_dim_size_to_factor": 3}
    torch_keys = {"convention": "pytorch", "decay_rate": 0.8, "epsilon1": float(np.finfo(np.float32).eps), "epsilon2": 1e-3,
                  "clipping_threshold": 1.0, "relative_step": "true", "multiply_by_parameter_scale": "true", "momentum": 0.0,
                  "factored": "true", "min_dim_size_to_factor": 1, "weight_decay_mode": "decoupled"}
    cases = [
        ("adafactor_optax", optax_keys, OPTAX, 0.1, lambda: Optax(shapes(False), min_dim_size_to_factor=3), False),
        ("adafactor_optax_momentum", dict(optax_keys, momentum=0.9, decay_rate=0.5, multiply_by_parameter_scale="false",
                                          clipping_threshold=1.5),
         OPTAX, 0.05, lambda: Optax(shapes(False), min_dim_size_to_factor=3, momentum=0.9, decay_rate=0.5,
                                    multiply_by_parameter_scale=False, clipping_threshold=1.5), False),
        ("adafactor_optax_unfactored", dict(optax_keys, min_dim_size_to_factor=128), OPTAX, 0.1,
         lambda: Optax(shapes(False)), False),
        ("adafactor_pytorch", torch_keys, TORCH, 0.2, lambda: Torch(shapes(True)), True),
        ("adafactor_pytorch_weight_decay", dict(torch_keys, weight_decay=0.1, clipping_threshold=1.2, decay_rate=0.6),
         TORCH, 0.05, lambda: Torch(shapes(True), weight_decay=0.1, d=1.2, beta2_decay=-0.6), True),
    ]
    for name, keys, source, base_lr, make, torch_layout in cases:
        opt = make()
        mp.write(name, "adafactor", keys, source, base_lr, run_matrix(opt, base_lr, torch_layout))
        print("%-32s clipped %d tensor-steps of %d" % (name, opt.clipped, 3 * mp.STEPS))
    # the 6-vector's gradients do not depend on the parameters, so even steps as large as the relative step's
    # ρ = 1/√t (lr 1: the cap never binds) replay without the chaos they cause on the matrix problem
    for name, keys, source, make, lr in [
            ("adafactor_optax", dict(optax_keys, min_dim_size_to_factor=128), OPTAX, lambda: Optax([(6,)]), None),
            ("adafactor_pytorch", torch_keys, TORCH, lambda: Torch([(6,)]), None),
            ("adafactor_pytorch_relative_step", torch_keys, TORCH, lambda: Torch([(6,)]), 1.0)]:
        opt = make()
        write("numpy", name, "adafactor", keys, source, run_vector(opt, lr), constant_lr=lr)
        print("%-32s clipped %d steps of 20 (6-vector)" % (name, opt.clipped))


if __name__ == "__main__":
    main()
