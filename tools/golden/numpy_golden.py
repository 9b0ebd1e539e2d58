#!/usr/bin/env python3
"""Reference trajectories written independently in NumPy (float32), from the papers' algorithm boxes and,
for framework conventions, from the frameworks' documented update equations (TF1 training_ops.cc op docs,
Keras optimizer docstrings). Used where neither PyTorch 1.13 nor TensorFlow ships an optimizer (Lion,
AdaBelief) and to pin conventions PyTorch does not have (lr inside the momentum buffer, epsilon hat, ε
inside the RMSProp sqrt), independently of the TF-Java references.

Written from the papers, not from the Java code. Every operation is on float32 arrays; scalars that the
frameworks compute in Python (bias corrections, learning-rate factors) are computed in float64 and then
used as float32, as the frameworks do.

Usage (by hand; the output is committed): /usr/bin/python3 tools/golden/numpy_golden.py
"""
import math

import numpy as np

from golden_io import load_problem, write

F = np.float32


def lion(beta1=0.9, beta2=0.99, wd=0.0):
    """Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2."""
    def init(theta):
        return {"m": np.zeros_like(theta)}

    def step(theta, g, st, t, lr):
        m = st["m"]
        c = F(beta1) * m + F(1 - beta1) * g                      # c_t = β1 m_{t-1} + (1-β1) g_t
        theta = theta - F(lr) * (np.sign(c) + F(wd) * theta)     # θ_t = θ_{t-1} - η (sign(c_t) + λ θ_{t-1})
        st["m"] = F(beta2) * m + F(1 - beta2) * g                # m_t = β2 m_{t-1} + (1-β2) g_t
        return theta
    return init, step


def adabelief(beta1=0.9, beta2=0.999, eps=1e-16):
    """Zhuang et al. 2020, "AdaBelief Optimizer", Algorithm 2."""
    def init(theta):
        return {"m": np.zeros_like(theta), "s": np.zeros_like(theta)}

    def step(theta, g, st, t, lr):
        m = F(beta1) * st["m"] + F(1 - beta1) * g                 # m_t
        s = F(beta2) * st["s"] + F(1 - beta2) * (g - m) ** 2 + F(eps)  # s_t = β2 s + (1-β2)(g-m)² + ε
        st["m"], st["s"] = m, s
        m_hat = m / F(1 - beta1 ** t)
        s_hat = s / F(1 - beta2 ** t)
        return theta - F(lr) * m_hat / (np.sqrt(s_hat) + F(eps))
    return init, step


def momentum_keras(mu=0.9, nesterov=False):
    """Keras SGD: v = μ v − lr g; θ += v (nesterov: θ += μ v − lr g). Sutskever et al. 2013, eq. (1)-(2)."""
    def init(theta):
        return {"v": np.zeros_like(theta)}

    def step(theta, g, st, t, lr):
        v = F(mu) * st["v"] - F(lr) * g
        st["v"] = v
        return theta + (F(mu) * v - F(lr) * g if nesterov else v)
    return init, step


def rmsprop_tf(rho=0.9, eps=1e-10, mu=0.0, centered=False, ms0=1.0):
    """TF1 ApplyRMSProp / ApplyCenteredRMSProp:
    ms = ρ ms + (1-ρ) g²;  [mg = ρ mg + (1-ρ) g;  ms' = ms - mg²];  mom = μ mom + lr g / sqrt(ms' + ε);  θ -= mom."""
    def init(theta):
        return {"ms": np.full_like(theta, F(ms0)), "mg": np.zeros_like(theta), "mom": np.zeros_like(theta)}

    def step(theta, g, st, t, lr):
        st["ms"] = F(rho) * st["ms"] + F(1 - rho) * g * g
        denom = st["ms"]
        if centered:
            st["mg"] = F(rho) * st["mg"] + F(1 - rho) * g
            denom = denom - st["mg"] * st["mg"]
        st["mom"] = F(mu) * st["mom"] + F(lr) * g / np.sqrt(denom + F(eps))
        return theta - st["mom"]
    return init, step


def adam_epsilon_hat(beta1=0.9, beta2=0.999, eps=1e-8, amsgrad=False):
    """TF1 ApplyAdam / Keras Adam: lr_t = lr sqrt(1-β2^t)/(1-β1^t); θ -= lr_t m / (sqrt(v) + ε̂).
    Kingma & Ba 2015, end of section 2 ("the last three lines ... ε̂")."""
    def init(theta):
        return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "vmax": np.zeros_like(theta)}

    def step(theta, g, st, t, lr):
        st["m"] = F(beta1) * st["m"] + F(1 - beta1) * g
        st["v"] = F(beta2) * st["v"] + F(1 - beta2) * g * g
        v = st["v"]
        if amsgrad:
            st["vmax"] = np.maximum(st["vmax"], v)
            v = st["vmax"]
        lr_t = F(lr * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t))
        return theta - lr_t * st["m"] / (np.sqrt(v) + F(eps))
    return init, step


def adagrad_tf(acc0=0.1, eps=0.0):
    """TF1 ApplyAdagrad: accum += g²; θ -= lr g / sqrt(accum) (Keras adds ε to sqrt(accum))."""
    def init(theta):
        return {"acc": np.full_like(theta, F(acc0))}

    def step(theta, g, st, t, lr):
        st["acc"] = st["acc"] + g * g
        return theta - F(lr) * g / (np.sqrt(st["acc"]) + F(eps))
    return init, step


def adamax_tf(beta1=0.9, beta2=0.999, eps=1e-7):
    """TF ApplyAdaMax: m = β1 m + (1-β1) g; v = max(β2 v, |g|); θ -= lr/(1-β1^t) m/(v + ε).
    Kingma & Ba 2015, Algorithm 2 (plus the frameworks' ε)."""
    def init(theta):
        return {"m": np.zeros_like(theta), "u": np.zeros_like(theta)}

    def step(theta, g, st, t, lr):
        st["m"] = F(beta1) * st["m"] + F(1 - beta1) * g
        st["u"] = np.maximum(F(beta2) * st["u"], np.abs(g))
        return theta - F(lr / (1 - beta1 ** t)) * (st["m"] / (st["u"] + F(eps)))
    return init, step


def nadam_dozat(beta1=0.9, beta2=0.999, eps=1e-8, psi=0.004):
    """Dozat 2016, Algorithm 2 with the schedule μ_t = β1 (1 - ½ 0.96^(tψ)):
    θ -= lr [ (1-μ_t)/(1-Π_t) g + μ_{t+1}/(1-Π_{t+1}) m ] / (sqrt(v/(1-β2^t)) + ε), Π_t = Π μ_1..μ_t."""
    def init(theta):
        return {"m": np.zeros_like(theta), "v": np.zeros_like(theta), "prod": 1.0}

    def step(theta, g, st, t, lr):
        mu = beta1 * (1 - 0.5 * 0.96 ** (t * psi))
        mu_next = beta1 * (1 - 0.5 * 0.96 ** ((t + 1) * psi))
        st["prod"] *= mu
        prod_next = st["prod"] * mu_next
        st["m"] = F(beta1) * st["m"] + F(1 - beta1) * g
        st["v"] = F(beta2) * st["v"] + F(1 - beta2) * g * g
        d = np.sqrt(st["v"] / F(1 - beta2 ** t)) + F(eps)
        theta = theta - F(lr * (1 - mu) / (1 - st["prod"])) * (g / d)
        return theta - F(lr * mu_next / (1 - prod_next)) * (st["m"] / d)
    return init, step


# case -> (registry name, registry keys, rule, source)
CASES = {
    "lion": ("lion", {"beta1": 0.9, "beta2": 0.99}, lion(), "numpy transcription of Chen et al. 2023 Algorithm 2"),
    "lion_weight_decay": ("lion", {"beta1": 0.9, "beta2": 0.99, "weight_decay": 1.0, "weight_decay_mode": "decoupled"},
                          lion(wd=1.0), "numpy transcription of Chen et al. 2023 Algorithm 2"),
    "adabelief": ("adabelief", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-16}, adabelief(),
                  "numpy transcription of Zhuang et al. 2020 Algorithm 2"),
    "adabelief_eps": ("adabelief", {"beta1": 0.8, "beta2": 0.99, "epsilon": 1e-8}, adabelief(0.8, 0.99, 1e-8),
                      "numpy transcription of Zhuang et al. 2020 Algorithm 2"),
    "momentum_keras": ("momentum", {"momentum": 0.9, "convention": "keras"}, momentum_keras(),
                       "numpy transcription of Keras SGD (v = mu v - lr g; theta += v)"),
    "nesterov_keras": ("nesterov", {"momentum": 0.9, "convention": "keras"}, momentum_keras(nesterov=True),
                       "numpy transcription of Keras SGD nesterov (theta += mu v - lr g)"),
    "rmsprop_tensorflow": ("rmsprop", {"rho": 0.9, "epsilon": 1e-10, "momentum": 0.0, "centered": "false",
                                       "initial_mean_square": 1.0, "convention": "tensorflow"},
                           rmsprop_tf(), "numpy transcription of TF1 ApplyRMSProp"),
    "rmsprop_tensorflow_centered_momentum": ("rmsprop", {"rho": 0.9, "epsilon": 1e-10, "momentum": 0.9, "centered": "true",
                                                         "initial_mean_square": 1.0, "convention": "tensorflow"},
                                             rmsprop_tf(mu=0.9, centered=True), "numpy transcription of TF1 ApplyCenteredRMSProp"),
    "rmsprop_keras_momentum": ("rmsprop", {"rho": 0.9, "epsilon": 1e-7, "momentum": 0.5, "centered": "false",
                                           "initial_mean_square": 0.0, "convention": "keras"},
                               rmsprop_tf(eps=1e-7, mu=0.5, ms0=0.0), "numpy transcription of Keras RMSprop"),
    "adam_tensorflow": ("adam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "convention": "tensorflow"},
                        adam_epsilon_hat(), "numpy transcription of TF1 ApplyAdam (epsilon hat)"),
    "adam_keras_amsgrad": ("adam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "amsgrad": "true", "convention": "keras"},
                           adam_epsilon_hat(eps=1e-7, amsgrad=True), "numpy transcription of Keras Adam(amsgrad=True)"),
    "adagrad_tensorflow": ("adagrad", {"initial_accumulator": 0.1, "epsilon": 0.0, "convention": "tensorflow"},
                           adagrad_tf(), "numpy transcription of TF1 ApplyAdagrad"),
    "adamax_tensorflow": ("adamax", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-7, "convention": "tensorflow"},
                          adamax_tf(), "numpy transcription of TF ApplyAdaMax"),
    "nadam_keras": ("nadam", {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8, "momentum_decay": 0.004, "convention": "keras"},
                    nadam_dozat(), "numpy transcription of Dozat 2016 Algorithm 2"),
}


def run(rule, initial, steps):
    init, step = rule
    theta = initial.copy()
    st = init(theta)
    trajectory = [theta.copy()]
    for t, lr, g in steps:
        theta = step(theta, g, st, t, lr).astype(np.float32)
        trajectory.append(theta.copy())
    return trajectory


def main():
    initial, steps = load_problem()
    for case, (name, params, rule, source) in CASES.items():
        trajectory = run(rule, initial, steps)
        assert all(np.all(np.isfinite(p)) for p in trajectory), case
        write("numpy", case, name, params, source + " (numpy %s, float32)" % np.__version__, trajectory)
        print("wrote numpy/%s.csv" % case)


if __name__ == "__main__":
    main()
