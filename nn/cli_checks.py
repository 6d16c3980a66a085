"""`chainrule train` and `demo`: every setting checked before any work starts.

A bad command line exits with code 2 (argparse's convention, documented in the
README) and one line, before the data is made, the folder created or an epoch
run: an activation, loss or learning rate that nn would refuse, a --max-nodes
that draw would refuse after training, a network too big to train in pure
Python, an --out whose parent folder does not exist or that is not a folder,
a file the run writes into --out that is not a new or regular file (a folder,
symlink, FIFO, device: autograd.filesystem's rules, checked again when written).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, Sequence

from autograd.checks import shown
from autograd.cli.files import CommandError
from autograd.filesystem import checked_folder, checked_target

from . import losses, optim
from .activations import get_activation

MAX_PARAMETERS = 200_000  # a forward and backward pass over more takes seconds per sample
MIN_MAX_NODES = 2  # draw(max_nodes=...) refuses fewer
MAX_SAMPLES = 10_000  # a full-batch step over more points takes seconds per epoch


def check_settings(settings: Any, out: Path) -> None:
    """Raise CommandError (exit code 2) for the first setting that cannot work.

    `settings` is nn.cli.Settings; `out` the folder the run will write into.
    """
    try:
        get_activation(settings.activation, "--activation")
        if settings.loss is not None:
            losses.get_loss(settings.loss, "--loss")
        optim.learning_rate("--lr", "lr", settings.lr)  # the optimizers' own check
    except ValueError as error:
        raise CommandError(str(error), 2) from None
    if settings.max_nodes is not None and settings.max_nodes < MIN_MAX_NODES:
        raise CommandError(f"--max-nodes {settings.max_nodes}: a drawing needs at least "
                           f"{MIN_MAX_NODES} nodes; use e.g. --max-nodes 100", 2)
    parameters = count_parameters(2, settings.hidden, outputs=3)
    if parameters > MAX_PARAMETERS:
        sizes = ",".join(str(size) for size in settings.hidden)
        raise CommandError(f"--hidden {sizes} makes about {parameters:,} parameters, too many "
                           f"to train in pure Python; use at most {MAX_PARAMETERS:,}, "
                           f"e.g. --hidden 16,16", 2)
    check_output_folder(out)


def count_parameters(nin: int, sizes: list[int], outputs: int) -> int:
    """Weights and biases of an MLP(nin, [*sizes, outputs])."""
    total, fan_in = 0, nin
    for size in [*sizes, outputs]:
        total += (fan_in + 1) * size
        fan_in = size
    return total


def check_output_folder(out: Path) -> None:
    """CommandError (exit code 2) unless `out` is a folder or can be made in an existing one."""
    try:
        checked_folder(out, "--out")
    except ValueError as error:
        raise CommandError(str(error), 2) from None


def check_output_files(out: Path, names: Sequence[str]) -> None:
    """CommandError (exit code 2) unless each file `names` may be written into the folder
    `out` (nothing to check in a folder the run will make)."""
    if not out.is_dir():
        return
    for name in names:
        try:
            checked_target(out / name, "--out")
        except ValueError as error:
            raise CommandError(f"{error}; or choose another --out folder", 2) from None


def positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a positive whole number")
    return number


def sample_count(text: str) -> int:
    """An argparse type: a number of points, at most MAX_SAMPLES."""
    number = positive_int(text)
    if number > MAX_SAMPLES:
        raise argparse.ArgumentTypeError(f"{text} points would take very long to train in "
                                         f"pure Python; use at most {MAX_SAMPLES:,}")
    return number


def layer_sizes(text: str) -> list[int]:
    """An argparse type: hidden layer sizes written 16,16."""
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{shown(text)} is not a list of layer sizes; "
                                         f"write e.g. 16,16 or 8")
    return sizes
