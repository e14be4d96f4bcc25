"""The REPL's first prompt, drawn before prompt_toolkit is imported.

Importing prompt_toolkit is most of ferrous's start-up (a tenth to a third of a second of CPU,
as busy as the machine is). ``ferrous`` alone on a terminal therefore writes its banner and
``> `` at once, with nothing but the standard library, and holds the keys typed meanwhile (the
terminal in raw mode, as prompt_toolkit sets it: no echo, Ctrl-C a key, Enter a carriage return;
bracketed paste on). When the prompt_toolkit prompt is ready, ``hand_over`` moves the cursor
back to the banner's first line: the full prompt is drawn there, in colour, and reads the held
keys first; once it has returned, ``restore`` gives the terminal its settings back
(prompt_toolkit restores those it found: the raw ones).
"""

from __future__ import annotations

import os
import sys

BANNER = "ferrous · Lua 5.1 · :help for commands · Ctrl-D leaves"
PROMPT = "> "


class EarlyPrompt:
    """A first prompt on the screen: the terminal's settings to restore, the rows it took."""

    def __init__(self, fd: int, saved: list, rows: int) -> None:
        self.fd = fd
        self.saved = saved
        self.rows = rows

    def restore(self) -> None:
        """The terminal's settings as they were (TCSANOW: the keys held are kept), bracketed
        paste off (prompt_toolkit turns it on for each of its prompts)."""
        import termios

        try:
            termios.tcsetattr(self.fd, termios.TCSANOW, self.saved)
            os.write(sys.stdout.fileno(), _PASTE_OFF)
        except (OSError, ValueError, termios.error):
            pass

    def hand_over(self) -> None:
        """The cursor back at the start of the banner (its lines and the prompt's erased), for
        prompt_toolkit to draw the banner and its prompt there. Line by line: erasing the
        screen from its top-left corner would make tmux keep the early copy in its history
        (scroll-on-clear). The terminal stays in raw mode until the first prompt_toolkit
        prompt has read its input (then ``restore``): back in canonical mode, input still
        arriving (a long paste) would be cut at the line discipline's 4 KB and echoed."""
        os.write(sys.stdout.fileno(), b"\r\x1b[2K" + b"\x1b[A\x1b[2K" * self.rows)


# bracketed paste, as prompt_toolkit asks for it: text pasted before it takes over arrives as
# one paste (typed key by key, a long paste would take prompt_toolkit minutes to insert)
_PASTE_ON = b"\x1b[?2004h"
_PASTE_OFF = b"\x1b[?2004l"

pending: EarlyPrompt | None = None  # set by draw(), taken by the REPL (repl/app.py)


def draw() -> EarlyPrompt | None:
    """Write the banner and the prompt, the terminal in raw mode; None (nothing written) when
    standard input is not a terminal that can be set so, or a dumb one (no cursor moves)."""
    global pending
    if os.environ.get("TERM") in ("dumb", "unknown"):  # prompt_toolkit's plain prompt there
        return None
    try:
        import termios
    except ImportError:
        return None
    try:
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
        raw = termios.tcgetattr(fd)
        raw[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
        raw[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
        termios.tcsetattr(fd, termios.TCSANOW, raw)
        columns = os.get_terminal_size(sys.stdout.fileno()).columns or 80
    except (OSError, ValueError, termios.error):
        return None
    rows = -(-len(BANNER) // columns)  # the banner's rows: the cursor goes back over them
    os.write(sys.stdout.fileno(), (BANNER + "\r\n" + PROMPT).encode() + _PASTE_ON)
    pending = EarlyPrompt(fd, saved, rows)
    return pending


def take() -> EarlyPrompt | None:
    """The early prompt on the screen, if any (once)."""
    global pending
    early, pending = pending, None
    return early
