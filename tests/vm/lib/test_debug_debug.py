"""debug.debug against lua5.1: lines from standard input run as chunks until 'cont' or the end
of input, errors on standard error, the rest of the input left for the program. (An error
value that is not a string or number: lua5.1 crashes, ferrous writes "(null)".)"""

from __future__ import annotations

import subprocess
import sys

import pytest

_SCRIPT = "debug.debug() print('after', io.read('*l'))"
_INPUTS = [
    b"print(1)\nerror('x')\nlocal a = \nreturn 5\nerror(7)\nx = 42 print(x)\ncont\nprint(2)\n",
    b"print('no cont, the end of input')\n",
    b"",
]


@pytest.mark.parametrize("stdin", _INPUTS)
def test_debug_debug_as_lua51(stdin: bytes) -> None:
    want = subprocess.run(["lua5.1", "-e", _SCRIPT], input=stdin, capture_output=True, timeout=60)
    got = subprocess.run([sys.executable, "-m", "ferrous_repl", "-e", _SCRIPT], input=stdin,
                         capture_output=True, timeout=120)
    assert (got.stdout, got.stderr, got.returncode) == (want.stdout, want.stderr, want.returncode)
