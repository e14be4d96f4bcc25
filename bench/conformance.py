"""The conformance runner: the official Lua 5.1 test suite under ``ferrous`` and under ``lua5.1``.

    uv run python bench/conformance.py [--suite DIR | --fetch] [--timeout S] [FILE ...]

Each file of the suite runs in its own process, the way ``lua5.1`` runs one here:
``lua -e "_U=true _port=true _soft=true" FILE`` from (a scratch copy of) the suite directory,
with a time limit per file. Where all.lua does more than dofile, the runner does the same:
big.lua runs inside a coroutine that must yield 'b' and return 'a', and the files whose result
all.lua checks (attrib 27, calls ``deep``, locals 5, events 12, verybig 10) are run by a chunk
that asserts it. A file passes when the process exits with status 0 in time.

The suite is read from ``--suite`` (default /work/luatests), or cloned with ``--fetch`` from
github.com/lua/tests, branch v5-1 (network permitting). It is copied to a scratch directory per
interpreter, with the ``libs/P1`` directory that attrib.lua writes modules into; the files
leave their temporary files there. LUA_INIT, LUA_PATH and LUA_CPATH are removed from the
environment, so package.path is each interpreter's default (``./?.lua`` first). Prints a table
(file, lua5.1's result, ferrous's result: pass, fail and the first line of the error, or
timeout; with seconds) and the totals. Never commit the suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SUITE = Path("/work/luatests")
SUITE_REPO = "https://github.com/lua/tests"
SUITE_BRANCH = "v5-1"
FLAGS = "_U=true _port=true _soft=true"
SKIP = {"all.lua"}  # the driver of the whole suite: its files are run one by one here

# how all.lua runs a file when it does more than dofile(file)
DRIVERS = {
    "big.lua": "local f = coroutine.wrap(assert(loadfile('big.lua'))) "
               "assert(f() == 'b') assert(f() == 'a')",
    "attrib.lua": "assert(dofile('attrib.lua') == 27)",
    "calls.lua": "assert(dofile('calls.lua') == deep and deep)",
    "locals.lua": "assert(dofile('locals.lua') == 5)",
    "events.lua": "assert(dofile('events.lua') == 12)",
    "verybig.lua": "assert(dofile('verybig.lua') == 10)",
}


@dataclass(slots=True)
class Outcome:
    """One file under one interpreter."""

    status: str  # "pass", "fail", "timeout"
    detail: str  # the first line of the error, for a failure
    seconds: float

    def cell(self) -> str:
        text = self.status if not self.detail else f"{self.status}: {self.detail}"
        return f"{text} ({self.seconds:.1f}s)"


def command(interpreter: list[str], name: str) -> list[str]:
    driver = DRIVERS.get(name)
    if driver is None:
        return [*interpreter, "-e", FLAGS, name]
    return [*interpreter, "-e", FLAGS, "-e", driver]


def run_file(interpreter: list[str], name: str, cwd: Path, timeout: float) -> Outcome:
    env = {k: v for k, v in os.environ.items() if k not in ("LUA_INIT", "LUA_PATH", "LUA_CPATH")}
    start = time.monotonic()
    try:
        done = subprocess.run(command(interpreter, name), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome("timeout", "", time.monotonic() - start)
    seconds = time.monotonic() - start
    if done.returncode == 0:
        return Outcome("pass", "", seconds)
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    first = lines[0] if lines else f"exit status {done.returncode}"
    return Outcome("fail", first, seconds)


def scratch_copy(suite: Path, into: Path) -> Path:
    """The suite in a directory of its own, with the directories its files write into."""
    copy = into / "suite"
    shutil.copytree(suite, copy)
    (copy / "libs" / "P1").mkdir(parents=True, exist_ok=True)
    return copy


def fetch_suite(into: Path) -> Path:
    target = into / "lua-tests"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", "--branch", SUITE_BRANCH, SUITE_REPO,
                    str(target)], check=True)
    return target


def ferrous_command() -> list[str]:
    """The ``ferrous`` script of this environment: main.lua starts the interpreter again by the
    name in arg, so it must be an executable file, not ``python -m``."""
    script = Path(sys.executable).parent / "ferrous"
    if script.exists():
        return [str(script)]
    found = shutil.which("ferrous")
    if found is None:
        sys.exit("conformance: no 'ferrous' command (run it with 'uv run python bench/conformance.py')")
    return [found]


Row = tuple[str, Outcome, Outcome]


def table(rows: list[Row], width: int) -> str:
    def clip(s: str) -> str:
        return s if len(s) <= width else s[:width - 3] + "..."

    name_w = max(len("file"), *(len(r[0]) for r in rows))
    lua_w = max(len("lua5.1"), *(len(clip(r[1].cell())) for r in rows))
    out = [f"{'file':<{name_w}}  {'lua5.1':<{lua_w}}  ferrous",
           f"{'-' * name_w}  {'-' * lua_w}  {'-' * 7}"]
    for name, lua, fer in rows:
        out.append(f"{name:<{name_w}}  {clip(lua.cell()):<{lua_w}}  {clip(fer.cell())}")
    return "\n".join(out)


def totals(rows: list[Row]) -> str:
    n = len(rows)
    lua_pass = [r[0] for r in rows if r[1].status == "pass"]
    fer_pass = [r[0] for r in rows if r[2].status == "pass"]
    both = [name for name in lua_pass if name in fer_pass]
    lines = [
        f"lua5.1 passes {len(lua_pass)} of {n} files; ferrous passes {len(fer_pass)} of {n}",
        f"of the {len(lua_pass)} files lua5.1 passes, ferrous passes {len(both)}",
    ]
    missing = [name for name in lua_pass if name not in fer_pass]
    if missing:
        lines.append("ferrous fails where lua5.1 passes: " + ", ".join(missing))
    extra = [name for name in fer_pass if name not in lua_pass]
    if extra:
        lines.append("ferrous passes where lua5.1 fails: " + ", ".join(extra))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="suite files to run (default: every *.lua but all.lua)")
    ap.add_argument("--suite", type=Path, default=None, help=f"the suite directory ({DEFAULT_SUITE})")
    ap.add_argument("--fetch", action="store_true", help=f"clone {SUITE_REPO} ({SUITE_BRANCH}) first")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per file (600)")
    ap.add_argument("--lua", default="lua5.1", help="the reference interpreter (lua5.1)")
    ap.add_argument("--width", type=int, default=70, help="widest table cell (70)")
    args = ap.parse_args(argv)
    if shutil.which(args.lua) is None:
        sys.exit(f"conformance: '{args.lua}' is not on the PATH")
    ferrous = ferrous_command()
    with tempfile.TemporaryDirectory(prefix="ferrous-conformance-") as tmp:
        work = Path(tmp)
        suite = fetch_suite(work) if args.fetch else (args.suite or DEFAULT_SUITE)
        if not suite.is_dir():
            sys.exit(f"conformance: no suite at {suite} (give --suite DIR or --fetch)")
        names = args.files or sorted(p.name for p in suite.glob("*.lua") if p.name not in SKIP)
        (work / "lua").mkdir()
        (work / "ferrous").mkdir()
        lua_dir = scratch_copy(suite, work / "lua")
        fer_dir = scratch_copy(suite, work / "ferrous")
        rows: list[Row] = []
        for name in names:
            lua = run_file([args.lua], name, lua_dir, args.timeout)
            fer = run_file(ferrous, name, fer_dir, args.timeout)
            rows.append((name, lua, fer))
            print(f"{name}: lua5.1 {lua.status}, ferrous {fer.status}", file=sys.stderr, flush=True)
    print(table(rows, args.width))
    print()
    print(totals(rows))
    return 0 if all(r[2].status == "pass" for r in rows if r[1].status == "pass") else 1


if __name__ == "__main__":
    sys.exit(main())
