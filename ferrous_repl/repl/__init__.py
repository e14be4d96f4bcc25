"""The REPL: ``ferrous`` with no argument on a terminal, or ``ferrous -i FILE``.

On a terminal it is a prompt_toolkit application (app.py, which imports prompt_toolkit only
when it starts); without one it is lua.c 5.1's interactive loop (plain.py). The parts are small
and mostly pure: completeness.py (is the input complete?), context.py and candidates.py
(completion), indent.py, commands.py (meta-commands and :help), evaluate.py (running with
Ctrl-C), display.py (outcomes as styled text), shell.py (the REPL without its terminal).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # not imported at run time: ferrous_repl.repl.early must come in alone
    from vm.session import Session


def interactive(session: Session, out: BinaryIO, err: BinaryIO, *, version: bytes | None = None) -> int:
    """Run interactive mode on ``session``. ``version`` is written to standard error first
    when the mode is lua.c's (no terminal), as lua.c prints it before dotty."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        from ferrous_repl.repl import app

        return app.main(session, out, err)
    from ferrous_repl.repl import plain

    if version is not None:
        err.write(version + b"\n")
        err.flush()
    return plain.dotty(session, out, err, sys.stdin.buffer, echo=not sys.stdin.isatty())
