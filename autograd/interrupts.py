"""All or nothing under Ctrl-C: a block that a KeyboardInterrupt cannot split.

Python turns Ctrl-C (SIGINT) into a KeyboardInterrupt raised between two
bytecodes of the main thread, so it can land between `p1.data = ...` and
`p2.data = ...` and leave an optimizer step half applied. Inside

    with deferred_interrupts():
        ...  # the commit: plain assignments that cannot fail

a SIGINT is only noted; when the block ends, the previous handler is put back
and, if a SIGINT arrived, KeyboardInterrupt is raised then, after the commit.
Signal handlers can only be changed in the main thread; elsewhere no SIGINT is
delivered to the thread anyway, so the block does nothing there. This is the
pattern of CPython's own advice (the `signal` module documentation, "Note on
Signal Handlers and Exceptions"): keep the work that must not be split short,
and defer the interrupt around it.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import Any


class deferred_interrupts:
    """Run the block with SIGINT held back; raise KeyboardInterrupt after it if one came.

    Raises KeyboardInterrupt when the block ends if Ctrl-C was pressed during
    it (through the handler that was installed before, as if the press came
    then); a SIGINT ignored before stays ignored. A class rather than a
    generator so that no line of contextlib runs between the commit and the
    restoring of the handler.
    """

    def __init__(self) -> None:
        self.previous: Any = None
        self.received: list[FrameType | None] = []
        self.active = False

    def _note(self, signum: int, frame: FrameType | None) -> None:
        self.received.append(frame)

    def __enter__(self) -> "deferred_interrupts":
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._note)
            self.active = True
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if not self.active:
            return
        signal.signal(signal.SIGINT, signal.SIG_DFL if self.previous is None else self.previous)
        self.active = False
        if not self.received or self.previous == signal.SIG_IGN:
            return
        if callable(self.previous):
            self.previous(signal.SIGINT, self.received[0])  # the usual one raises
        else:
            raise KeyboardInterrupt
