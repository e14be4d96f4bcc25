"""Standard input of the program run at the prompt, read as ``lua5.1 -i`` reads its terminal.

lua5.1 reads its program's input from a terminal in canonical mode with echo on: what the user
typed before the program read (while it computed, or right after the Enter that ran it) is
echoed as it is typed and handed to the read. The REPL keeps the terminal quiet between its
prompts and while input runs (typeahead.py), and its prompt reads keys in bursts, holding those
that came after the Enter for the next prompt (prompt_toolkit's typeahead store). So when the
program reads:

- the keys typed ahead (held by the prompt, or waiting in the terminal, unechoed) are taken
  first, edited as the line discipline would have edited them (erase, kill, end of file) and
  shown as it would have echoed them; without a read they stay for the next prompt;
- the read itself is made with the terminal's own settings (echo on);
- Ctrl-C while it waits ends the run there, as lua.c's does once the read returns (``stdin:1:
  interrupted!``, a traceback through 'read'): the read gives up at once (evaluate.py).

And when input is about to run, a Ctrl-C typed since its Enter (a key then, not yet a signal)
stops it before it starts (``ctrl_c_typed``) instead of waiting for the next prompt.
"""

from __future__ import annotations

import os
import select
from collections.abc import Callable

from prompt_toolkit.input import Input
from prompt_toolkit.input.typeahead import get_typeahead, store_typeahead
from prompt_toolkit.input.vt100_parser import Vt100Parser
from prompt_toolkit.key_binding import KeyPress
from prompt_toolkit.keys import Keys

from ferrous_repl.repl import typeahead
from ferrous_repl.repl.output import TrackingWriter

try:
    import termios
except ImportError:  # not a POSIX terminal: nothing to hold
    termios = None  # type: ignore[assignment]


def _waiting_keys(fd: int) -> bytes:
    """The bytes waiting in the terminal's input queue, without waiting for more (the terminal
    is quiet then: not canonical, so a read returns what is there)."""
    parts = []
    try:
        while select.select([fd], [], [], 0)[0]:
            data = os.read(fd, 65536)
            if not data:
                break
            parts.append(data)
    except (OSError, ValueError):
        pass
    return b"".join(parts)


def _keys_of(data: bytes) -> list[KeyPress]:
    keys: list[KeyPress] = []
    if data:
        parser = Vt100Parser(keys.append)
        parser.feed_and_flush(data.decode("utf-8", "surrogateescape"))
    return keys


def _gather(input_obj: Input, fd: int) -> list[KeyPress]:
    """Every key typed ahead, in order: those the prompt held, then those in the terminal."""
    return get_typeahead(input_obj) + _keys_of(_waiting_keys(fd))


_ENTER = (Keys.ControlM, Keys.ControlJ)


def ctrl_c_typed(input_obj: Input, fd: int) -> bool:
    """Whether a Ctrl-C was typed since the Enter that ran the input (a key while no prompt
    reads, not a signal), before any other Enter (after one, it is for the line that Enter
    ends). The keys before it are dropped, as the terminal drops them on Ctrl-C; those after
    it stay for the next prompt."""
    keys = _gather(input_obj, fd)
    stop = None
    for i, k in enumerate(keys):
        if k.key in _ENTER or (k.key == Keys.BracketedPaste and ("\n" in k.data or "\r" in k.data)):
            break
        if k.key == Keys.ControlC:
            stop = i
            break
    store_typeahead(input_obj, keys if stop is None else keys[stop + 1:])
    return stop is not None


def typed_ahead_bytes(input_obj: Input, fd: int) -> bytes:
    """Take every key typed ahead, as the bytes the terminal sent (a paste: its text)."""
    return "".join(k.data for k in _gather(input_obj, fd)).encode("utf-8", "surrogateescape")


def give_back(input_obj: Input, data: bytes) -> None:
    """Put keys taken for the program but not read by it before the keys typed ahead since."""
    if data:
        store_typeahead(input_obj, _keys_of(data) + get_typeahead(input_obj))


def _cc(value: object) -> int | None:
    if isinstance(value, bytes):
        return value[0] if value and value != b"\0" else None
    return value if isinstance(value, int) and value else None


def cook(raw: bytes, attrs: list) -> tuple[list[bytes], bytes]:
    """What a terminal with settings ``attrs`` (tcgetattr's list) makes of keys: the chunks its
    reads return (complete lines; what came before an end-of-file key, b"" at a line's start:
    the end of input; else the line left open), and the echo. Canonical mode's editing: erase,
    kill, end of file, CR to NL; other control keys echoed as ``^X`` (echoctl)."""
    iflag, lflag, cc = attrs[0], attrs[3], attrs[6]
    echoing = bool(lflag & termios.ECHO)
    if not lflag & termios.ICANON:
        return [raw] if raw else [], raw if echoing else b""
    erase, kill, eof = _cc(cc[termios.VERASE]), _cc(cc[termios.VKILL]), _cc(cc[termios.VEOF])
    chunks: list[bytes] = []
    line = bytearray()
    echo = bytearray()
    for b in raw:
        if b == 13:
            if iflag & termios.IGNCR:
                continue
            if iflag & termios.ICRNL:
                b = 10
        elif b == 10 and iflag & termios.INLCR:
            b = 13
        if b == erase or b == kill:
            while line:
                last = line.pop()
                while line and 0x80 <= last < 0xC0:  # the rest of a UTF-8 character
                    last = line.pop()
                echo += b"\b \b" * (2 if last < 0x20 and last != 9 else 1)
                if b == erase:
                    break
        elif b == eof:
            chunks.append(bytes(line))
            line.clear()
        elif b == 10:
            line.append(10)
            chunks.append(bytes(line))
            line.clear()
            echo += b"\n"
        else:
            line.append(b)
            echo += b"^%c" % (b ^ 0x40) if (b < 0x20 and b != 9) or b == 0x7F else bytes([b])
    if line:
        chunks.append(bytes(line))
    return chunks, bytes(echo) if echoing else b""


class EchoingInput:
    """Standard input for the program run at the prompt (``L.stdin``): the keys typed ahead
    first, then the terminal, read with its own settings (echo on). ``typed_ahead``: takes the
    keys typed ahead, as bytes; ``out``: the program's output, told that an echoed line ended
    it (no blank line after it)."""

    def __init__(self, stream: object, terminal: typeahead.QuietTerminal,
                 typed_ahead: Callable[[], bytes] | None = None, out: TrackingWriter | None = None) -> None:
        self._stream = stream
        self._terminal = terminal
        self._typed_ahead = typed_ahead
        self._out = out
        self._held: list[bytes] = []  # chunks cooked from the keys typed ahead, to read first

    def _take_typed_ahead(self) -> None:
        """Before a read (the terminal still quiet): the keys typed ahead, cooked and echoed."""
        if self._typed_ahead is None or termios is None:
            return
        raw = self._typed_ahead()
        if not raw:
            return
        chunks, echo = cook(raw, self._terminal.original)
        self._held.extend(chunks)
        self._terminal.echo(echo)

    def take_held(self) -> bytes:
        """The keys typed ahead that the program did not read (at the end of its run)."""
        held = b"".join(self._held)
        self._held = []
        return held

    def _serve(self, n: int) -> bytes:
        chunk = self._held[0]
        if 0 <= n < len(chunk):
            self._held[0] = chunk[n:]
            return chunk[:n]
        del self._held[0]
        return self._ended(chunk)

    def _ended(self, data: bytes) -> bytes:
        if data.endswith(b"\n") and self._out is not None and self._terminal.echoes():
            self._out.at_line_start = True  # the echoed newline ended the output's line
        return data

    def _read(self, n: int, read: Callable[[], bytes]) -> bytes:
        self._take_typed_ahead()
        if self._held:
            return self._serve(n)
        with self._terminal.reading():
            return self._ended(typeahead.waiting(read))

    def read1(self, n: int = -1) -> bytes:
        read1 = getattr(self._stream, "read1", None)
        if read1 is None:
            return self.read(n)
        return self._read(n, lambda: read1(n))

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:  # everything: the keys typed ahead (to an end of file), the rest
            self._take_typed_ahead()
            if b"" in self._held:
                end = self._held.index(b"")
                data = b"".join(self._held[:end])
                del self._held[:end + 1]
                return data
            held, self._held = b"".join(self._held), []
            with self._terminal.reading():
                return self._ended(held + typeahead.waiting(lambda: self._stream.read()))  # type: ignore[attr-defined]
        return self._read(n, lambda: self._stream.read(n))  # type: ignore[attr-defined]

    def readline(self, limit: int = -1) -> bytes:
        return self._read(limit, lambda: self._stream.readline(limit))  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):  # a copy made without __init__ has no _stream yet
            raise AttributeError(name)
        return getattr(self._stream, name)
