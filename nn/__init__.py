"""chainrule's networks: neurons, layers and MLPs made of autograd Values.

    >>> import nn
    >>> X, y = nn.datasets.xor()
    >>> model = nn.MLP(2, [4, 1], activation="tanh", seed=0)
    >>> history = nn.fit(model, X, y, loss="mse", epochs=200, progress=False)

Read in this order: module.py (what every piece shares), layers.py (Neuron,
Layer, MLP), losses.py, optim.py, train.py (fit), thresholds.py (which class
an output means); then datasets.py, plot.py (needs matplotlib: figures.py draws,
live.py redraws during fit in Jupyter, replay.py writes the replay page),
snapshots.py (weights per epoch) and io.py (save and load as JSON).
"""

from typing import Any

from . import datasets, losses, optim, plot
from .io import load, save
from .layers import MLP, Dropout, Layer, Network, Neuron
from .live import LiveTraining
from .module import Module
from .thresholds import decision_threshold, predicted_class
from .train import History, accuracy, fit
from .units import Maxout, PReLU

__all__ = [
    "Module", "Network", "Neuron", "Layer", "MLP", "Dropout", "PReLU", "Maxout",
    "fit", "History", "LiveTraining", "accuracy", "decision_threshold", "predicted_class",
    "save", "load", "draw_network",
    "datasets", "losses", "optim", "plot",
]


def draw_network(model: Module, **options: Any) -> Any:
    """The architecture picture of `model` (see nn.diagram; needs graphviz)."""
    from .diagram import draw_network as draw
    return draw(model, **options)
