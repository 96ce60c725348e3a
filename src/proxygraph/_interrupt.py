"""A Ctrl-C while the ``proxygraph`` command is still starting (importing spaCy, DuckDB...)
ends it quietly with status 130 instead of printing a traceback from deep in an import.

Only for the command line (the program is called ``proxygraph``); a program that imports
the library keeps its own Ctrl-C. ``proxygraph.cli`` restores Python's usual handler once it
is loaded, so that commands can save their work on Ctrl-C.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from types import FrameType

EXIT_INTERRUPTED = 130


def _quietly(signum: int, frame: FrameType | None) -> None:
    os.write(2, b"interrupted\n")
    os._exit(EXIT_INTERRUPTED)


def _is_command_line() -> bool:
    program = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return program == "proxygraph" and threading.current_thread() is threading.main_thread()


def guard_startup() -> None:
    if _is_command_line() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _quietly)


def end_of_startup() -> None:
    if _is_command_line() and signal.getsignal(signal.SIGINT) is _quietly:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def guard_shutdown() -> None:
    """The command's work is done and said: a Ctrl-C while the interpreter shuts down
    (joining the worker pool's threads) is let pass, so that the pool still cleans up after
    itself; a second one ends the command at once, quietly, never with a traceback."""
    if _is_command_line():
        signal.signal(signal.SIGINT, _finishing)
        atexit.register(_ignore_from_now_on)


def _finishing(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGINT, _quietly)


def _ignore_from_now_on() -> None:
    """Run by ``atexit``, after the threads are joined: what is left of the shutdown is
    quick. Late in it Python puts the default handler back, and a Ctrl-C then would kill a
    finished command (status -2); an ignored signal is left ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


guard_startup()
