"""Compile speed of `ferrous luac -p` against `luac5.1 -p`, measured in one run.

Usage: uv run python bench/compile_speed.py [--file FILE | --corpus] [--lines N] [--repeat N]

The input is one large Lua file: by default a generated program of about --lines lines (20,000),
with --corpus the corpus programs each wrapped in a function, or any --file. Both compilers are
timed as whole processes (start-up included) and in-process: ferrous's compile path
(vm.loader.load_chunk) against Lua 5.1's own compiler through lupa (loadstring). Each time is the
best of --repeat runs. Prints seconds, lines per second, and how many times slower ferrous is.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vm.errors import LoadError  # noqa: E402
from vm.loader import load_chunk  # noqa: E402

CORPUS = REPO / "tests" / "corpus"


def generated_program(lines: int) -> bytes:
    """A deterministic program of about ``lines`` lines using most of the grammar."""
    out = ["local M = {}", "local unpack, select, tostring = unpack, select, tostring"]
    n = 0
    while len(out) < lines:
        out += [
            f"function M.f{n}(a, b, ...)",
            f"  local t = {{ {n}, 'k{n}', x = a, y = b * 2.5, [a or 1] = true, ... }}",
            "  local s, i = 0, 1",
            "  for j = 1, #t do s = s + (tonumber(t[j]) or 0) end",
            "  for k, v in pairs(t) do if type(k) == 'string' then s = s + #k end end",
            "  while i < 10 and s > -1 do i = i + 1; s = s % 97 + i ^ 2 end",
            "  repeat i = i - 1 until i <= 0 or not t",
            "  if s > 100 then s = s - 100 elseif s < 0 then s = -s else s = s * 2 end",
            f"  local g = function(z) return z .. '{n}' .. tostring(s), a end",
            "  local obj = { n = 0 }",
            "  function obj:add(x) self.n = self.n + x; return self end",
            "  obj:add(1):add(s)",
            "  local r = select('#', ...) > 0 and g(...) or g('none')",
            "  t.nested = { { 1, 2, 3 }, { a = { b = { c = r } } } }",
            "  return s, r, t.nested[2].a.b.c, obj.n, unpack(t)",
            "end",
            "",
        ]
        n += 1
    out.append("return M")
    return ("\n".join(out) + "\n").encode()


def corpus_program() -> bytes:
    """Every corpus program (no syntax errors) as the body of its own function."""
    parts = [b"local chunks = {}"]
    for path in sorted(CORPUS.rglob("*.lua")):
        if "syntax_errors" in path.relative_to(CORPUS).parts:
            continue
        body = path.read_bytes()
        if body.startswith(b"#"):
            body = b"--" + body
        parts.append(b"chunks[#chunks + 1] = function(...)\n" + body + b"\nend")
    parts.append(b"return chunks")
    return b"\n".join(parts) + b"\n"


def best_of(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # no garbage of the previous run collected on this one's time
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def run_process(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--file", type=Path, help="compile this Lua file")
    source.add_argument("--corpus", action="store_true", help="compile the corpus joined into one file")
    parser.add_argument("--lines", type=int, default=20_000, help="size of the generated program")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    opts = parser.parse_args(argv)

    if opts.file is not None:
        data = opts.file.read_bytes()
    elif opts.corpus:
        data = corpus_program()
    else:
        data = generated_program(opts.lines)
    lines = data.count(b"\n") + (not data.endswith(b"\n"))

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.lua")
        with open(path, "wb") as f:
            f.write(data)
        chunkname = b"@" + os.fsencode(path)
        try:
            load_chunk(data, chunkname)  # fail early, and warm up
        except LoadError as err:
            sys.exit(f"ferrous cannot compile the input: {err.msg.decode(errors='replace')}")

        from lupa import lua51

        lua = lua51.LuaRuntime(encoding=None)
        lua_compile = lua.eval("function(s, n) return assert(loadstring(s, n)) end")

        def process(command: list[str]) -> float:
            return best_of(opts.repeat, lambda: run_process(command))

        def in_process(compile_: Callable[[bytes, bytes], object]) -> float:
            return best_of(opts.repeat, lambda: compile_(data, chunkname))

        ferrous = [sys.executable, "-m", "ferrous_repl", "luac"]
        rows = [
            ("luac5.1 -p (process)", process(["luac5.1", "-p", path])),
            ("ferrous luac -p (process)", process([*ferrous, "-p", path])),
            ("Lua 5.1 loadstring (in-process, lupa)", in_process(lua_compile)),
            ("ferrous load_chunk (in-process)", in_process(load_chunk)),
        ]

    print(f"input: {lines} lines, {len(data) / 1024:.0f} KiB; best of {opts.repeat}")
    for label, seconds in rows:
        print(f"  {label:<40} {seconds:9.4f} s  {lines / seconds:12,.0f} lines/s")
    print(f"  ratio, processes:  ferrous is {rows[1][1] / rows[0][1]:.1f}x slower than luac5.1")
    print(f"  ratio, in-process: ferrous is {rows[3][1] / rows[2][1]:.1f}x slower than Lua 5.1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
