"""The `chainrule` command assembled: `train` and `demo` (networks) beside autograd's formula commands.

    chainrule train --dataset moons --hidden 16,16 --epochs 40 --out run/
    chainrule demo

`train` fits an nn.MLP with a progress bar and writes into --out the decision
boundary, the loss curve, the replay page (training.html: a slider over the
epochs), the computation graph of the sample with the largest loss (graphs
above --max-nodes values collapse into one box per neuron) and the model.
`demo` does the same on moons with a small tanh network that trains in
seconds, draws the sample's graph with one box per neuron (--full-graph: every
value), and adds the step-by-step page of one neuron. Each file they write into --out
is checked before training (autograd.filesystem's rules; else one line naming --out,
exit code 2), all are made before the first is written, each whole or not at all.
nn, matplotlib and graphviz are imported only here, when one of these commands runs.
"""

from __future__ import annotations

import argparse
import contextlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator

from autograd.checks import shown
from autograd.cli import commands
from autograd.cli.arguments import folder_path
from autograd.cli.files import CommandError, diagram_bytes, load_draw, missing_package
from autograd.filesystem import write_bytes

from . import datasets, optim, plot
from .cli_checks import (MAX_SAMPLES, check_output_files, check_output_folder, check_settings,
                         layer_sizes, positive_int, sample_count)
from .examples import NEURON_FORMULA, neuron
from .figures import figure_bytes
from .io import model_json
from .layers import MLP
from .replay import TrainingPage
from .sample_graph import largest_loss_sample
from .train import History, fit

DATASETS = ("moons", "circles", "xor", "blobs", "spiral")
MULTICLASS_LOSSES = ("cross_entropy", "multiclass_hinge")
NEURON_BOXES = 100  # the demo's graph: with fewer nodes allowed, one box per neuron
READABLE_NODES = 200  # graphs with more values are drawn as boxes per neuron or layer
FULL_GRAPH = 10**6  # a max_nodes that never collapses
PICTURES = ("decision_boundary.png", "loss.png", "training.html", "graph.svg")
MODEL_FILE = "model.json"  # train writes it after the pictures
NEURON_STEPS = "neuron_steps.html"  # demo writes it after the pictures


@dataclass
class Settings:
    """What to train; the defaults are the demo's."""

    dataset: str = "moons"
    samples: int = 100
    hidden: list[int] = field(default_factory=lambda: [16, 16])
    activation: str = "relu"
    loss: str | None = None  # None: hinge for two classes, cross_entropy for more
    optimizer: str = "adam"
    lr: float = 0.05
    epochs: int = 40
    batch_size: int | None = 20
    seed: int = 0
    max_nodes: int = READABLE_NODES
    progress: bool = True


DEMO = Settings(hidden=[8, 8], activation="tanh")  # trains moons to 99% in a few seconds




def main(argv: list[str] | None = None) -> int:
    """The whole `chainrule` command (the console script): autograd's formula
    commands (grad, steps, draw) and nn's train and demo. Returns the exit code."""
    return commands.main(argv, extensions=(add_train_commands,))


TRAIN_DESCRIPTION = """\
Train an MLP on a 2-D dataset, then write into --out: the decision boundary,
the loss curve, the replay page (training.html: a slider over the epochs), the
computation graph of the sample with the largest loss and the model (model.json).

    chainrule train --dataset moons --hidden 16,16 --epochs 40 --out run/"""


def add_train_commands(commands: argparse._SubParsersAction, parser_class: Any) -> None:
    """Register `train` and `demo` on the command's subparsers."""
    train = commands.add_parser("train", help="train an MLP on a 2-D dataset and draw it",
                                description=TRAIN_DESCRIPTION,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    defaults = Settings()
    train.add_argument("--dataset", choices=DATASETS, default=defaults.dataset,
                       help="the 2-D dataset of nn.datasets (default %(default)s)")
    train.add_argument("--samples", type=sample_count, default=defaults.samples,
                       help=f"number of points, at most {MAX_SAMPLES:,} (default %(default)s)")
    train.add_argument("--hidden", type=layer_sizes, default=defaults.hidden,
                       help="hidden layer sizes, e.g. 16,16 (default 16,16)")
    train.add_argument("--activation", default=defaults.activation,
                       help="relu, tanh, sigmoid, leaky_relu, ... (default relu)")
    train.add_argument("--loss", default=None,
                       help="a loss from nn.losses (default hinge, or cross_entropy for "
                            "blobs and spiral)")
    train.add_argument("--optimizer", choices=("sgd", "adam"), default=defaults.optimizer,
                       help="nn.optim's SGD or Adam (default %(default)s)")
    train.add_argument("--lr", type=float, default=defaults.lr,
                       help="learning rate (default %(default)s)")
    train.add_argument("--epochs", type=positive_int, default=defaults.epochs,
                       help="passes over the data (default %(default)s)")
    train.add_argument("--batch-size", type=positive_int, default=defaults.batch_size,
                       help="samples per step (default %(default)s)")
    train.add_argument("--seed", type=int, default=defaults.seed,
                       help="seed for the data and the initial weights")
    train.add_argument("--max-nodes", type=positive_int, default=defaults.max_nodes,
                       help="draw graphs with more values as one box per neuron "
                            "(default %(default)s)")
    train.add_argument("--no-progress", action="store_true", help="no progress bar")
    train.add_argument("--out", type=folder_path, default=Path("chainrule-out"),
                       help="output folder (default %(default)s)")
    train.set_defaults(run=run_train)

    demo = commands.add_parser("demo", help="train on moons and write the demo pictures",
                               description="Train an MLP on moons, then write the decision "
                                           "boundary, one sample's graph and the "
                                           "step-by-step page of a neuron into one folder.")
    demo.add_argument("--out", type=folder_path, default=Path("chainrule-demo"),
                      help="output folder (default %(default)s)")
    demo.add_argument("--full-graph", action="store_true",
                      help="draw every value of the sample's graph, not one box per neuron")
    demo.set_defaults(run=run_demo)


def run_train(args: argparse.Namespace) -> int:
    """chainrule train: fit, then write the pictures and the model into --out."""
    settings = Settings(dataset=args.dataset, samples=args.samples, hidden=args.hidden,
                        activation=args.activation, loss=args.loss,
                        optimizer=args.optimizer, lr=args.lr, epochs=args.epochs,
                        batch_size=args.batch_size, seed=args.seed,
                        max_nodes=args.max_nodes, progress=not args.no_progress)
    check_settings(settings, args.out)
    check_output_files(args.out, [*PICTURES, MODEL_FILE])
    for path in train_and_write(settings, args.out):
        print(f"wrote {path}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """chainrule demo: what `make demo` runs."""
    check_output_folder(args.out)
    check_output_files(args.out, [*PICTURES, NEURON_STEPS])
    settings = replace(DEMO, max_nodes=FULL_GRAPH if args.full_graph else NEURON_BOXES)
    paths = train_and_write(settings, args.out, last=NEURON_STEPS, header="chainrule demo: ")
    print("open these files:")
    for path in paths:
        print(f"  {path}")
    return 0


def train_and_write(settings: Settings, out: Path, last: str = MODEL_FILE,
                    header: str | None = None) -> list[Path]:
    """Train as `settings` say; write the pictures, the replay page and `last` (the model,
    or the demo's NEURON_STEPS page) into `out`, named --out in every error.

    header: if given, print it and what is trained before training starts.
    """
    _check_picture_packages()
    X, y = _dataset(settings)
    classes = len(set(y))
    loss = _loss_for(settings, classes)
    outputs = classes if classes > 2 else 1
    # binary_cross_entropy wants probabilities, so that model ends in a sigmoid.
    output_activation = "sigmoid" if loss == "binary_cross_entropy" else None
    model = MLP(2, [*settings.hidden, outputs], activation=settings.activation,
                   output_activation=output_activation, seed=settings.seed)
    optimizer_class = optim.Adam if settings.optimizer == "adam" else optim.SGD
    optimizer = optimizer_class(model, lr=settings.lr)
    if header is not None:
        print(f"{header}training {model!r} on {settings.dataset} with {loss} loss")
    with _output_folder(out):  # made before training, so an unusable folder stops us at once
        history = fit(model, X, y, loss=loss, optimizer=optimizer, epochs=settings.epochs,
                      batch_size=settings.batch_size, seed=settings.seed,
                      progress=settings.progress, snapshots=True)  # fit says when training diverges
        print(_summary(history))
        files = _pictures(model, X, y, history, loss, settings, out)
        text = model_json(model) if last == MODEL_FILE else neuron_steps_page()
        files[last] = text.encode("utf-8")
        return [write_bytes(out / name, content, "--out") for name, content in files.items()]


def _pictures(model: MLP, X: list[list[float]], y: list[int], history: History, loss: str,
              settings: Settings, out: Path) -> dict[str, bytes]:
    """The content of each of PICTURES for a trained model (nothing is written here)."""
    boundary = plot.decision_boundary(model, X, y, threshold=history.threshold)
    page = TrainingPage(model, X, y, history,
                        title=f"Training {model!r} on {settings.dataset} with {loss} loss")
    sample = largest_loss_sample(model, X, y, loss)
    digraph = load_draw()(sample.loss, model=model, title=sample.title,
                          max_nodes=settings.max_nodes)
    contents = (figure_bytes(boundary), figure_bytes(plot.history(history)),
                page.document().encode("utf-8"), diagram_bytes(digraph, out / PICTURES[3]))
    return dict(zip(PICTURES, contents))


def neuron_steps_page() -> str:
    """The step-by-step page of tanh(x1*w1 + x2*w2 + b), the classic neuron (nn.examples)."""
    from autograd.draw.page import StepsPage
    from autograd.trace import record
    out, _ = neuron()
    return StepsPage(record(out), title=f"out = {NEURON_FORMULA}").document()


def _loss_for(settings: Settings, classes: int) -> str:
    """The loss to train with; a CommandError if it does not fit the number of classes."""
    if settings.loss is None:
        return "cross_entropy" if classes > 2 else "hinge"
    multiclass = settings.loss in MULTICLASS_LOSSES
    if classes > 2 and not multiclass:
        raise CommandError(f"{settings.dataset} has {classes} classes, so the model has "
                           f"{classes} outputs; use --loss cross_entropy or multiclass_hinge", 2)
    if classes <= 2 and multiclass:
        raise CommandError(f"{settings.dataset} has 2 classes and the model one output; "
                           f"use --loss hinge, binary_cross_entropy_with_logits, "
                           f"binary_cross_entropy or mse", 2)
    return settings.loss


def _dataset(settings: Settings) -> tuple[list[list[float]], list[int]]:
    make = getattr(datasets, settings.dataset)
    if settings.dataset == "xor":  # the four corners, repeated with noise
        return make(n=settings.samples, noise=0.1, seed=settings.seed)
    return make(n=settings.samples, seed=settings.seed)


def _summary(history: Any) -> str:
    epochs = "1 epoch" if history.epochs == 1 else f"{history.epochs} epochs"
    text = f"after {epochs}: loss {history.loss[-1]:.4g}"
    if history.accuracy:
        text += f", training accuracy {history.accuracy[-1]:.1%}"
    return text


def _check_picture_packages() -> None:
    """A CommandError before any training if the pictures cannot be made."""
    try:
        import matplotlib  # noqa: F401  (nn.plot imports it only when plotting)
    except ImportError as error:
        raise missing_package(error) from None
    load_draw()  # graphviz


@contextlib.contextmanager
def _output_folder(out: Path) -> Iterator[None]:
    """Make `out` for a run; if the run fails and leaves it empty, remove it again."""
    created = _make_folder(out)
    try:
        yield
    except BaseException:
        if created and not any(out.iterdir()):
            out.rmdir()
        raise


def _make_folder(out: Path) -> bool:
    """Make `out` (not its parents: a typo makes no folders); True if it did not exist."""
    existed = out.is_dir()
    try:
        out.mkdir(exist_ok=True)
        return not existed
    except OSError as error:
        raise CommandError(f"--out: cannot create the folder {shown(str(out))}: "
                           f"{error.strerror or error}") from None
