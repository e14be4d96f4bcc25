"""`ferrous FILE`: the lua5.1 command line (lua.c) on the ferrous VM.

Options as lua.c: ``-e stat``, ``-l name``, ``-i``, ``-v``, ``--``, ``-`` (standard input);
the ``arg`` table with the interpreter's own arguments at negative indices; ``LUA_INIT``;
an uncaught error prints ``ferrous: message`` and the traceback on standard error, status 1.
An option lua.c does not know (``-h`` too) prints lua.c's usage and then ferrous's commands, on
standard error, status 1, as lua.c does; ``--help`` and ``--version``, which lua.c also
refuses, give the help and the versions on standard output, status 0.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import BinaryIO

from vm.errors import LoadError, LuaError
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.session import Session

PROGNAME = "ferrous"
VERSION = b"Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio"
USAGE = """usage: {0} [options] [script [args]].
Available options are:
  -e stat  execute string 'stat'
  -l name  require library 'name'
  -i       enter interactive mode after executing 'script'
  -v       show version information
  --       stop handling options
  -        execute stdin and stop handling options
"""


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class _CBuffered(io.BufferedWriter):
    """Standard output buffered as C's stdio buffers it (see _c_stdout). Closing it (at exit)
    only flushes: the descriptor stays sys.stdout's."""

    def close(self) -> None:
        try:
            self.flush()
        except (OSError, ValueError):
            pass


def _c_stdout() -> BinaryIO:
    """Standard output as lua5.1's: on a pipe or a file C's stdio holds output in a buffer of
    the descriptor's block size until it fills or the program ends, so a child's output
    (os.execute, io.popen) comes before what is still held. Python gives sys.stdout such a
    buffer unless PYTHONUNBUFFERED is set; then (a raw file that is not a terminal) one is
    put here. A terminal stays as it is: its lines are out at once in C too."""
    raw = sys.stdout.buffer
    if not isinstance(raw, io.FileIO):
        return raw
    try:
        if raw.isatty():
            return raw
        size = os.fstat(raw.fileno()).st_blksize
    except (OSError, ValueError):
        return raw
    return _CBuffered(raw, buffer_size=max(size, 512))  # type: ignore[return-value]


def main(argv: Sequence[str], *, stdout: BinaryIO | None = None,
         stderr: BinaryIO | None = None) -> int:
    """Run like ``lua5.1 argv...``; returns the exit status."""
    out = stdout if stdout is not None else _c_stdout()
    err = stderr if stderr is not None else sys.stderr.buffer
    if not argv and stdout is None and stderr is None and not os.environ.get("LUA_INIT") \
            and sys.stdin.isatty() and sys.stdout.isatty():
        return _repl_alone(out, err)
    session = Session(out)
    session.state.err = err
    session.state.lua_c_traceback = True  # docall's message handler calls debug.traceback
    from vm.lib.os import LuaExit

    try:
        status = _run(session, list(argv), out, err)
        try:
            session.close()
        except LuaError as exc:
            return _report(session, out, err, exc)
        return status
    except _Exit as done:
        return done.status
    except LuaExit as leaving:  # os.exit: the streams are flushed already
        return leaving.code & 0xFF
    except KeyboardInterrupt:  # outside a call (loading, closing): as lua.c, killed by SIGINT
        _die_of_sigint()
        raise
    finally:
        try:
            out.flush()
        except (BrokenPipeError, ValueError):
            pass


def _die_of_sigint() -> None:
    """End the process as SIGINT's default action would, without Python's traceback."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)


def die_of_sigpipe() -> None:
    """End the process as SIGPIPE's default action does (what lua5.1 dies of when its reader
    goes away: status 141 in a shell, nothing said)."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGPIPE)


def _keep_the_session() -> None:
    """The REPL outlives a write into a pipe nobody reads (io.write says nil, "Broken pipe"):
    SIGPIPE ignored again, as Python has it (the command line set its default for a run)."""
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)


def _message(err: BinaryIO, text: bytes) -> None:
    err.write(PROGNAME.encode() + b": " + text + b"\n")
    err.flush()


def _report(session: Session, out: BinaryIO, err: BinaryIO, exc: Exception) -> int:
    """l_message for a failed chunk: the message (and traceback) on stderr; status 1. Standard
    output is not flushed first (lua.c does not): on a pipe what it holds comes out after."""
    if isinstance(exc, LoadError):
        _message(err, exc.msg)
        return 1
    assert isinstance(exc, LuaError)
    value = exc.value
    if value is None:  # lua.c's report prints nothing for a nil error object
        return 1
    if value.__class__ is bytes:
        text = value
    elif value.__class__ is float:
        text = number_to_bytes(value)  # type: ignore[arg-type]
    else:  # lua.c: no traceback either, the handler keeps a non-string object intact
        _message(err, b"(error object is not a string)")
        return 1
    if exc.traceback:
        text += b"\n" + exc.traceback
    _message(err, text)
    return 1


def _docall(session: Session, fn: object, args: list, out: BinaryIO, err: BinaryIO) -> int:
    try:
        with _sigint_interrupts():
            session.call(fn, args)
    except (LuaError, LoadError) as exc:
        return _report(session, out, err, exc)
    except KeyboardInterrupt as exc:  # lua.c's laction: "interrupted!" from where it stopped
        out.flush()
        _message(err, getattr(exc, "lua_message", b"interrupted!"))
        return 1
    return 0


@contextmanager
def _sigint_interrupts() -> Iterator[None]:
    """SIGINT stops the call (KeyboardInterrupt), even when this process was started with
    SIGINT ignored (a background job of a non-interactive shell, nohup): lua.c's docall sets
    its handler (laction) whatever it found, so lua5.1 stops there, and ferrous ignored the
    signal. The handler found is back after the call. Only the main thread has handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    found = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, found)


def _dostring(session: Session, code: bytes, name: bytes, out: BinaryIO, err: BinaryIO) -> int:
    try:
        fn = session.load(code, name)
    except LoadError as exc:
        return _report(session, out, err, exc)
    return _docall(session, fn, [], out, err)


def _run(session: Session, argv: list[str], out: BinaryIO, err: BinaryIO) -> int:
    # collectargs
    has_i = has_v = has_e = False
    i = 0
    script = None
    while i < len(argv):
        a = argv[i]
        if not a.startswith("-"):
            script = i
            break
        if a == "--":
            i += 1
            script = i if i < len(argv) else None
            break
        if a == "-":
            script = i
            break
        if a == "--help":
            return _help(out)
        if a == "--version":
            return _version(out)
        if a == "-i":
            has_i = has_v = True
        elif a == "-v":
            has_v = True
        elif a.startswith("-e"):
            has_e = True
            if a == "-e":
                i += 1
                if i >= len(argv):
                    return _usage(err)
        elif a.startswith("-l"):
            if a == "-l":
                i += 1
                if i >= len(argv):
                    return _usage(err)
        else:
            return _usage(err)
        i += 1
    if has_v:  # lua.c's print_version goes through l_message: standard error
        err.write(VERSION + b"\n")
        err.flush()
    init = os.environ.get("LUA_INIT")
    if init:
        if init.startswith("@"):
            status = _dofile(session, init[1:], [], out, err)
        else:
            status = _dostring(session, init.encode(), b"=LUA_INIT", out, err)
        if status:
            return status
    # runargs: -e and -l in order
    j = 0
    end = script if script is not None else len(argv)
    while j < end:
        a = argv[j]
        if a.startswith("-e"):
            chunk = a[2:] or argv[j + 1]
            j += 0 if a[2:] else 1
            status = _dostring(session, chunk.encode(), b"=(command line)", out, err)
            if status:
                return status
        elif a.startswith("-l"):
            name = a[2:] or argv[j + 1]
            j += 0 if a[2:] else 1
            # dolibrary: whatever the global 'require' is now, called like a chunk
            require = session.globals.get_str(b"require")
            status = _docall(session, require, [os.fsencode(name)], out, err)
            if status:
                return status
        j += 1
    if script is not None:
        status = _handle_script(session, argv, script, out, err)
        if status:
            return status
    if has_i:
        return _interactive(session, out, err, None)
    if script is None and not has_e and not has_v:
        if sys.stdin.isatty():  # lua.c: print_version, then interactive mode
            return _interactive(session, out, err, VERSION)
        return _dofile(session, None, [], out, err)
    return 0


def _repl_alone(out: BinaryIO, err: BinaryIO) -> int:
    """`ferrous` alone on a terminal (lua.c: dotty, nothing to run first): the REPL, which makes
    its session once its first prompt is on the screen."""
    from ferrous_repl.repl import app
    from vm.lib.os import LuaExit

    _keep_the_session()
    try:
        return app.main(None, out, err)
    except LuaExit as leaving:  # os.exit
        return leaving.code & 0xFF


def _interactive(session: Session, out: BinaryIO, err: BinaryIO, version: bytes | None) -> int:
    """The REPL on a terminal, lua.c's interactive loop otherwise (ferrous_repl/repl)."""
    from ferrous_repl.repl import interactive

    _keep_the_session()
    return interactive(session, out, err, version=version)


def _usage(err: BinaryIO) -> int:
    """lua.c's print_usage for an unknown option, then the commands; status 1."""
    from ferrous_repl.cli import commands_text

    text = USAGE.format(PROGNAME) + "Commands:\n" + commands_text() + f"'{PROGNAME} --help' says more.\n"
    err.write(text.encode())
    err.flush()
    return 1


def _help(out: BinaryIO) -> int:
    from ferrous_repl.cli import commands_text

    text = (f"{PROGNAME}: Lua 5.1 in Python, made to be looked into.\n"
            + USAGE.format(PROGNAME)
            + "and, before any script:\n"
            + "  --help     show this help\n"
            + "  --version  show the versions of ferrous and of the Lua it implements\n"
            + f"With no argument on a terminal, {PROGNAME} is a REPL (:help lists its commands).\n"
            + "Commands ('ferrous COMMAND --help': how to use one):\n" + commands_text())
    out.write(text.encode())
    out.flush()
    return 0


def _version(out: BinaryIO) -> int:
    from ferrous_repl import __version__

    out.write(f"{PROGNAME} {__version__}\n".encode() + VERSION + b"\n")
    out.flush()
    return 0


def _handle_script(session: Session, argv: list[str], n: int, out: BinaryIO, err: BinaryIO) -> int:
    """The 'arg' table (script at 0, interpreter arguments below, script arguments above),
    then the script with its arguments."""
    arg = LuaTable()
    prog = [sys.argv[0] if sys.argv else PROGNAME]
    everything = prog + argv
    base = n + 1  # index of the script in `everything`
    for k, v in enumerate(everything):
        arg.set(float(k - base), v.encode())
    session.globals.set_str(b"arg", arg)
    fname = argv[n]
    path = None if fname == "-" and (n == 0 or argv[n - 1] != "--") else fname
    return _dofile(session, path, [a.encode() for a in argv[n + 1:]], out, err)


def _dofile(session: Session, path: str | None, args: list, out: BinaryIO, err: BinaryIO) -> int:
    try:
        fn = session.load_file(path)
    except LoadError as exc:
        return _report(session, out, err, exc)
    return _docall(session, fn, args, out, err)
