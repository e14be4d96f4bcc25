"""`ferrous luac`: luac5.1's command line (luac.c), option for option and message for message.

Output, messages and exit statuses are luac5.1's; only the program name differs. luac prints its
argv[0] (``luac5.1`` when run as that), we print ``ferrous luac``. ``main`` takes its streams as
arguments so that tools (bench/luac_identity.py) can run exactly the CLI's code path in-process.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from vm.bytecode.chunk import dump
from vm.bytecode.listing import list_function_bytes
from vm.bytecode.opcodes import Op, create_abc, create_abx
from vm.bytecode.proto import Proto
from vm.errors import LoadError
from vm.loader import load_file

PROGNAME = "ferrous luac"
OUTPUT = "luac.out"  # default output file
COMBINED_SOURCE = b"=(luac)"  # source name of the main function that joins several files
VERSION = "Lua 5.1.5  Copyright (C) 1994-2012 Lua.org, PUC-Rio"
MAX_C_STACK = 8000  # LUAI_MAXCSTACK: luac checks the stack has room for one function per file

USAGE = """\
usage: {progname} [options] [filenames].
Available options are:
  -        process stdin
  -l       list
  -o name  output to file 'name' (default is "{output}")
  -p       parse only
  -s       strip debug information
  -v       show version information
  --       stop handling options
"""


@dataclass(slots=True)
class Options:
    """What doargs leaves behind: the switches and the files to load ("-" is standard input)."""

    listing: int = 0
    dumping: bool = True
    stripping: bool = False
    output: str | None = OUTPUT  # None: standard output (`-o -`)
    files: list[str] = field(default_factory=list)


class _Exit(Exception):
    """Ends the run with an exit status, as luac's exit() calls do."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(slots=True)
class _Console:
    progname: str
    stdin: BinaryIO | None
    stdout: BinaryIO
    stderr: BinaryIO

    def say(self, text: bytes) -> None:
        self.stderr.write(self.progname.encode() + b": " + text + b"\n")
        self.stderr.flush()

    def fatal(self, message: bytes) -> _Exit:
        self.say(message)
        return _Exit(1)

    def usage(self, message: str) -> _Exit:
        if message.startswith("-"):
            self.say(f"unrecognized option '{message}'".encode(errors="surrogateescape"))
        else:
            self.say(message.encode())
        self.stderr.write(USAGE.format(progname=self.progname, output=OUTPUT).encode())
        self.stderr.flush()
        return _Exit(1)


def main(
    argv: Sequence[str],
    *,
    progname: str = PROGNAME,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
    stderr: BinaryIO | None = None,
) -> int:
    """Run luac with ``argv`` (the arguments after the program name); return the exit status."""
    console = _Console(
        progname,
        stdin,
        stdout if stdout is not None else sys.stdout.buffer,
        stderr if stderr is not None else sys.stderr.buffer,
    )
    try:
        _pmain(_doargs(argv, console), console)
    except _Exit as done:
        return done.status
    except BrokenPipeError:  # the reader went away (`ferrous luac -l x.lua | head`)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in ferrous: report it, never a traceback by default
        if os.environ.get("FERROUS_TRACEBACK"):
            traceback.print_exc()
        console.say(f"internal error: {type(exc).__name__}: {exc}".encode(errors="replace"))
        return 1
    return 0


def _doargs(argv: Sequence[str], console: _Console) -> Options:
    """luac.c's doargs: options end at the first non-option, `-` or `--`."""
    args = [console.progname, *argv]  # indices as in C's argv
    argc = len(args)
    opts = Options()
    version = 0
    i = 1
    while i < argc:
        arg = args[i]
        if not arg.startswith("-"):  # end of options; keep it
            break
        if arg == "--":  # end of options; skip it
            i += 1
            if version:
                version += 1
            break
        if arg == "-":  # end of options; use stdin
            break
        if arg == "-l":
            opts.listing += 1
        elif arg == "-o":
            i += 1
            output = args[i] if i < argc else ""
            if not output:
                raise console.usage("'-o' needs argument")
            opts.output = None if output == "-" else output
        elif arg == "-p":
            opts.dumping = False
        elif arg == "-s":
            opts.stripping = True
        elif arg == "-v":
            version += 1
        else:
            raise console.usage(arg)
        i += 1
    if i == argc and (opts.listing or not opts.dumping):
        opts.dumping = False  # `luac -l` alone lists luac.out
        i -= 1
        args[i] = OUTPUT
    if version:
        console.stdout.write(VERSION.encode() + b"\n")
        console.stdout.flush()
        if version == argc - 1:
            raise _Exit(0)
    opts.files = args[i:]
    if not opts.files:
        raise console.usage("no input files given")
    return opts


def combine(protos: Sequence[Proto]) -> Proto:
    """One function for all the files: each file's function is made and called in turn (luac.c)."""
    if len(protos) == 1:
        return protos[0]
    code: list[int] = []
    for i in range(len(protos)):
        code.append(create_abx(Op.CLOSURE, 0, i))
        code.append(create_abc(Op.CALL, 0, 1, 1))
    code.append(create_abc(Op.RETURN, 0, 1, 0))
    return Proto(source=COMBINED_SOURCE, maxstacksize=1, code=code, protos=list(protos))


def _pmain(opts: Options, console: _Console) -> None:
    """luac.c's pmain: load every file, combine, list, dump."""
    if len(opts.files) + 1 > MAX_C_STACK:
        raise console.fatal(b"too many input files")
    protos = []
    for name in opts.files:
        try:
            protos.append(load_file(None if name == "-" else name, stdin=console.stdin))
        except LoadError as err:
            raise console.fatal(err.msg) from None
    f = combine(protos)
    if opts.listing:
        console.stdout.write(list_function_bytes(f, opts.listing > 1))
        console.stdout.flush()
    if opts.dumping:
        _write_output(f, opts, console)


def _write_output(f: Proto, opts: Options, console: _Console) -> None:
    data = dump(f, strip=opts.stripping)
    shown = "(null)" if opts.output is None else opts.output  # what C's printf shows for NULL

    def cannot(what: str, exc: OSError) -> _Exit:
        reason = os.strerror(exc.errno) if exc.errno is not None else str(exc)
        return console.fatal(f"cannot {what} {shown}: {reason}".encode(errors="surrogateescape"))

    if opts.output is None:
        try:
            console.stdout.write(data)
            console.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise cannot("write", exc) from None
        return
    try:
        out = open(opts.output, "wb")  # closed below: close errors are reported apart
    except OSError as exc:
        raise cannot("open", exc) from None
    try:
        out.write(data)
    except OSError as exc:
        with contextlib.suppress(OSError):
            out.close()
        raise cannot("write", exc) from None
    try:
        out.close()
    except OSError as exc:
        raise cannot("close", exc) from None
