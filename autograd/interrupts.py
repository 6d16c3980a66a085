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
from typing import Any, Callable


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
            _install(self, self._note)
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


class finally_call:
    """`with finally_call(cleanup): ...` calls cleanup() when the block ends, however
    it ends: normally, by an error, or by Ctrl-C at any moment.

    A try/finally is not enough for Ctrl-C: Python raises KeyboardInterrupt
    between any two bytecodes, also between the last line of the block and the
    cleanup line, which is then skipped. So for the length of the block a SIGINT
    handler of ours stands in for the previous one: on Ctrl-C it calls cleanup(),
    puts the previous handler back and hands the signal to it (which raises
    KeyboardInterrupt as usual; a SIGINT ignored before stays ignored). cleanup
    must be quick and safe to call twice (a second Ctrl-C can arrive during it).
    """

    def __init__(self, cleanup: Callable[[], object]) -> None:
        self.cleanup = cleanup
        self.previous: Any = None
        self.active = False

    def __enter__(self) -> "finally_call":
        if threading.current_thread() is threading.main_thread():
            _install(self, self._interrupted)
        return self

    def _finish(self) -> None:
        self.cleanup()  # first: from here on, a Ctrl-C finds the work done
        if self.active:
            signal.signal(signal.SIGINT, signal.SIG_DFL if self.previous is None else self.previous)
            self.active = False

    def _interrupted(self, signum: int, frame: FrameType | None) -> None:
        if self.previous == signal.SIG_IGN:
            return
        previous = self.previous
        self._finish()
        if callable(previous):
            previous(signum, frame)  # the usual one raises KeyboardInterrupt
        else:
            raise KeyboardInterrupt

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._finish()


def _install(block: deferred_interrupts | finally_call, handler: Callable[..., None]) -> None:
    """Put `handler` in for SIGINT, the previous one and `active` noted FIRST: a
    SIGINT that comes right after the swap must find them (noting them after
    the swap left our handler installed for good, once in a while)."""
    block.previous = signal.getsignal(signal.SIGINT)
    block.active = True
    signal.signal(signal.SIGINT, handler)
