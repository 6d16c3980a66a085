"""Adapters that let one benchmark program run on several scalar engines.

Each engine offers the same few operations: make a leaf, relu, backward. The
programs are written once against this interface, so every engine computes
exactly the same graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Engine:
    """How to build and differentiate a scalar graph with one library."""

    name: str
    leaf: Callable[[float], Any]
    parameter: Callable[[float], Any]
    relu: Callable[[Any], Any]
    backward: Callable[[Any], None]


def chainrule() -> Engine:
    from autograd import Value
    return Engine("chainrule", Value, Value, Value.relu, Value.backward)


def micrograd() -> Engine | None:
    try:
        from micrograd.engine import Value
    except ImportError:
        return None
    return Engine("micrograd 0.1.0", Value, Value, Value.relu, Value.backward)


def torch_scalars() -> Engine | None:
    try:
        import torch
    except ImportError:
        return None

    def leaf(x: float) -> Any:
        return torch.tensor(x, dtype=torch.float64)

    def parameter(x: float) -> Any:
        return torch.tensor(x, dtype=torch.float64, requires_grad=True)

    return Engine(f"PyTorch {torch.__version__} scalars", leaf, parameter, torch.relu,
                  lambda root: root.backward())
