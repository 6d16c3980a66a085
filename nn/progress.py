"""Progress display for fit(): a tqdm bar when tqdm is installed, plain lines otherwise.

tqdm.auto picks a widget in Jupyter and a text bar in a terminal. Without
ipywidgets, tqdm warns and falls back to the text bar, which works in a
notebook too, so that warning is silenced. Without tqdm at all, about ten
lines are printed over the whole run.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

PLAIN_LINES = 10


class Progress:
    """One bar over the epochs; `update` advances it and shows the latest metrics."""

    def __init__(self, epochs: int, enabled: bool = True) -> None:
        self.epochs = epochs
        self.done = 0
        self._bar = _tqdm_bar(epochs) if enabled else None
        self._plain = enabled and self._bar is None

    def update(self, metrics: dict[str, float]) -> None:
        """One more epoch finished, with these numbers."""
        self.done += 1
        if self._bar is not None:
            self._bar.set_postfix({name: f"{value:.4g}" for name, value in metrics.items()},
                                  refresh=False)
            self._bar.update(1)
        elif self._plain and self._is_checkpoint():
            shown = "  ".join(f"{name} {value:.4g}" for name, value in metrics.items())
            print(f"epoch {self.done}/{self.epochs}  {shown}", file=sys.stdout, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def _is_checkpoint(self) -> bool:
        every = max(self.epochs // PLAIN_LINES, 1)
        return self.done == 1 or self.done % every == 0 or self.done == self.epochs


def _tqdm_bar(epochs: int) -> Any:
    """A tqdm bar over the epochs, or None if tqdm is not installed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the "IProgress not found" notice
            from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=epochs, desc="training", unit="epoch", leave=True)
