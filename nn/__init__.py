"""chainrule's networks: neurons, layers and MLPs made of autograd Values.

    >>> import nn
    >>> X, y = nn.datasets.xor()
    >>> model = nn.MLP(2, [4, 1], activation="tanh", seed=0)

Read in this order: module.py (what every piece shares), layers.py (Neuron,
Layer, MLP), losses.py, optim.py, train.py (fit), then datasets, plot and io.
"""

from typing import Any

from .layers import MLP, Dropout, Layer, Network, Neuron
from .module import Module

__all__ = ["Module", "Network", "Neuron", "Layer", "MLP", "Dropout", "draw_network"]


def draw_network(model: Module, **options: Any) -> Any:
    """The architecture picture of `model` (see nn.diagram; needs graphviz)."""
    from .diagram import draw_network as draw
    return draw(model, **options)
