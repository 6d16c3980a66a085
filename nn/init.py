"""Initial weights: where training starts, and why it matters.

Schemes (the `init` argument of Neuron, Layer and MLP):

    "uniform"  w ~ U(-1, 1)                                 (the default)
    "normal"   w ~ N(0, 1)
    "xavier"   w ~ U(-a, a), a = sqrt(6 / (fan_in + fan_out))  (Glorot, for tanh/sigmoid)
    "he"       w ~ N(0, 2 / fan_in)                          (for relu)
    "zeros"    every weight and bias 0
    a number   every weight and bias that number

`init_scale` multiplies the weights a random scheme draws: init="normal",
init_scale=0.01 is Serra's W = np.random.randn(...) * 0.01 ("Random
Initialization": keep the values small).

Biases start at 0 under the random schemes. "zeros" and a constant make every
hidden unit of a layer compute the same thing and receive the same gradient,
so they stay identical however long you train: the symmetry problem.
Random numbers come from a `random.Random` made from `seed`, never from the
global generator, so a seed makes a model reproducible.
"""

from __future__ import annotations

import math
import random

from autograd.checks import count, is_finite_real, message, one_of, real, shown

RANDOM_SCHEMES = ("uniform", "normal", "xavier", "he")
SCHEMES = RANDOM_SCHEMES + ("zeros",)

Init = str | float
Seed = int | random.Random | None


def make_rng(seed: Seed, where: str = "make_rng") -> random.Random:
    """A private random generator: `seed` itself if it is one, else a new one.

    Raises TypeError, naming `where`, unless seed is an int, a random.Random or None.
    """
    if isinstance(seed, random.Random):
        return seed
    return random.Random(count(where, "seed", seed, minimum=None, optional=True,
                               example="0 (or a random.Random)"))


def check_init(init: Init, where: str = "check_init", scale: float = 1.0) -> None:
    """Raise a one-line ValueError (TypeError for a scale that is no number), naming
    `where`, unless `init` is a scheme name or a finite number and `scale` a positive
    finite number (other than 1 only for a random scheme)."""
    if not is_finite_real(init):
        one_of(where, "init", init, SCHEMES, also="a finite number")
    real(where, "init_scale", scale, low=0, low_open=True, example="0.01")
    if scale != 1 and init not in RANDOM_SCHEMES:
        raise ValueError(message(where, "init_scale", scale,
                                 f"meaningless with init={shown(init)}: it scales the random "
                                 f"schemes ({', '.join(RANDOM_SCHEMES)})", "init_scale=1"))


def initial_weights(init: Init, fan_in: int, fan_out: int, rng: random.Random,
                    scale: float = 1.0) -> list[float]:
    """The starting weights of one neuron with `fan_in` inputs (`scale` times
    what a random scheme draws)."""
    if init in RANDOM_SCHEMES and scale != 1:
        return [scale * w for w in initial_weights(init, fan_in, fan_out, rng)]
    if init == "uniform":
        return [rng.uniform(-1.0, 1.0) for _ in range(fan_in)]
    if init == "normal":
        return [rng.gauss(0.0, 1.0) for _ in range(fan_in)]
    if init == "xavier":
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        return [rng.uniform(-limit, limit) for _ in range(fan_in)]
    if init == "he":
        std = math.sqrt(2.0 / fan_in)
        return [rng.gauss(0.0, std) for _ in range(fan_in)]
    return [initial_bias(init)] * fan_in


def initial_bias(init: Init) -> float:
    """The starting bias: the constant for a number, else 0."""
    if isinstance(init, str):
        return 0.0
    return float(init)
