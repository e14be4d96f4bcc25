"""Running one fuzzed program or chunk in ferrous (in-process) and in lua5.1 (a subprocess).

Both run the same driver: load the data with loadstring (source or binary chunk), call it
under pcall, and write what it printed followed by a last line saying how it ended (`LOAD msg`,
`OK`, `ERR msg`). ferrous runs in this process with an instruction, time and memory limit and
each tier in turn; any Python exception out of it is an internal error, the one thing the fuzzer
never accepts. lua5.1 runs with a time-out and an address-space limit (`ulimit -v`), so a huge
size in a crafted chunk cannot eat the machine; a crash or time-out of lua5.1 (a crafted chunk
can make real Lua read garbage) just means there is nothing to compare.
"""

from __future__ import annotations

import io
import re
import resource
import shutil
import subprocess
import traceback
from dataclasses import dataclass
from pathlib import Path

from vm.errors import LimitError, LoadError, LuaError
from vm.runtime import compiled
from vm.runtime.compiled import translate
from vm.session import Limits, Session

DRIVER = rb"""
local data = ...
local fn, err = loadstring(data, "=prog")
if not fn then io.write("\nLOAD ", tostring(err), "\n") return end
local ok, res = pcall(fn)
if ok then io.write("\nOK\n") else io.write("\nERR ", tostring(res), "\n") end
"""
LUA_DRIVER = b"local f = assert(io.open(arg[1], 'rb')) local d = f:read('*a') f:close()\n" \
    b"local run = assert(loadstring(" + repr(DRIVER.decode()).encode() + b", '=driver'))\nrun(d)\n"

INSTRUCTIONS = 2_000_000
SECONDS = 5.0
MEMORY = 256 << 20
LUA_TIMEOUT = 5.0
LUA_MEMORY = 512 << 20

MEMORY_LOAD_ERRORS = (b"LOAD not enough memory\n", b"LOAD memory allocation error: block too big\n")
ADDRESS = re.compile(rb"0[xX][0-9a-fA-F]+")  # string.upper may have written 0X...


@dataclass(slots=True, frozen=True)
class Outcome:
    """How one run ended: ``kind`` is ok, load (refused to load), err (a Lua error), limit (a
    limit of ours), crash (lua5.1 died or timed out) or internal (a Python exception out of
    ferrous: a bug); ``text`` is the output and the final line, addresses masked."""

    kind: str
    text: bytes

    def comparable(self) -> bool:
        """Did it end normally, with something to compare? A chunk lua5.1 refuses to load for
        memory (it allocates what a corrupt size field says) is refused by ferrous for its
        real fault (the size is past the end of the data): not comparable."""
        if self.kind == "load":
            return not self.text.endswith(MEMORY_LOAD_ERRORS)
        return self.kind in ("ok", "err")


def _kind(text: bytes) -> str:
    last = text.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    if last == b"OK":
        return "ok"
    if last.startswith(b"LOAD "):
        return "load"
    if last.startswith(b"ERR "):
        return "err"
    return "crash"


def mask(text: bytes) -> bytes:
    return ADDRESS.sub(b"0xADDR", text)


def run_ferrous(data: bytes, tier: str = "interp") -> Outcome:
    """Run data under the driver in a fresh session of this process, in one tier."""
    saved_mode = compiled.mode
    compiled.set_mode(tier)
    translate.strict = False  # an untranslatable crafted function stays interpreted
    out = io.BytesIO()
    try:
        session = Session(out, Limits(instructions=INSTRUCTIONS, seconds=SECONDS, memory=MEMORY))
        session.run(DRIVER, b"=driver", [data])
    except LimitError as err:
        return Outcome("limit", mask(out.getvalue()) + b"\nLIMIT " + err.message.encode())
    except (LuaError, LoadError) as err:  # the driver itself failed: still a Lua error, never a bug
        return Outcome("err", mask(out.getvalue()) + b"\nDRIVER " + str(err).encode())
    except Exception:  # noqa: BLE001 - the one thing fuzzing looks for
        return Outcome("internal", traceback.format_exc().encode())
    finally:
        compiled.set_mode(saved_mode)
    text = mask(out.getvalue())
    return Outcome(_kind(text), text)


def lua_path() -> str:
    found = shutil.which("lua5.1")
    assert found, "lua5.1 is required (Debian package lua5.1)"
    return found


def _limit_lua() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LUA_MEMORY, LUA_MEMORY))


def run_lua(data: bytes, where: Path) -> Outcome:
    """Run data under the driver in a lua5.1 process with a time-out and a memory limit."""
    prog = where / "prog.bin"
    prog.write_bytes(data)
    driver = where / "driver.lua"
    if not driver.exists():
        driver.write_bytes(LUA_DRIVER)
    try:
        proc = subprocess.run([lua_path(), str(driver), str(prog)], capture_output=True,
                              timeout=LUA_TIMEOUT, preexec_fn=_limit_lua, check=False)
    except subprocess.TimeoutExpired:
        return Outcome("crash", b"timeout")
    text = mask(proc.stdout)
    if proc.returncode != 0:
        return Outcome("crash", text + b"\nstatus %d %s" % (proc.returncode, proc.stderr[-200:]))
    return Outcome(_kind(text), text)
