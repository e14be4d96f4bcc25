"""Compile speed of ferrous against Lua 5.1's own compiler, in CPU time, measured in one run.

Usage: uv run python bench/compile_speed.py [--lines N] [--suite DIR] [--file FILE ...]
                                           [--repeat N] [--processes]

Inputs (each reported on its own line): a generated program of about --lines lines (20,000)
using most of the grammar; the corpus programs (tests/corpus, not syntax_errors/), each
compiled on its own, times added up; the official Lua 5.1 test suite's files (--suite,
default /work/luatests when it is there; each file compiled on its own, times added up); and any
--file (a directory: each of its *.lua files on its own, times added up). In-process, ferrous's
compile path (vm.loader.load_chunk) is timed against Lua 5.1's loadstring through lupa,
alternately, in CPU time of this process (time.process_time: the machine's other load does not
count); each figure is the best of --repeat runs, timing the whole compile (freeing the
results and the cycle collector's passes happen between runs, outside the clock). With
--processes, ``ferrous luac -p`` and ``luac5.1 -p`` are also timed as whole processes (the
children's CPU time, start-up included). Prints lines per second and how many times slower
ferrous is.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
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
SUITE = Path("/work/luatests")


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


def corpus_chunks() -> list[tuple[bytes, bytes]]:
    """Every corpus program (no syntax errors), each a chunk of its own. (Joined into one
    chunk, the few with a carriage return would have the lexer scan all of them.)"""
    return [(source_of(path), b"@" + os.fsencode(path.name))
            for path in sorted(CORPUS.rglob("*.lua"))
            if "syntax_errors" not in path.relative_to(CORPUS).parts]


def source_of(path: Path) -> bytes:
    """A file as lua_load reads it: a first line starting with '#' is kept as an empty line."""
    data = path.read_bytes()
    if data.startswith(b"#"):
        newline = data.find(b"\n")
        data = b"\n" + (data[newline + 1:] if newline >= 0 else b"")
    return data


def count_lines(data: bytes) -> int:
    return data.count(b"\n") + (not data.endswith(b"\n"))


def cpu_best(repeat: int, run: Callable[[], object]) -> float:
    """The least CPU time of this process over ``repeat`` runs. Timed: the whole compile
    (lexing, parsing, code generation, the Proto objects made). Not timed: work that is not
    compiling but comes with timing in a loop, the same for both compilers: freeing the
    previous run's results (kept until the clock stops) and the cycle collector's passes (off
    while timing, run between runs; the compiler keeps it off while it works anyway)."""
    best = float("inf")
    was = gc.isenabled()
    for _ in range(repeat):
        gc.collect()  # no garbage of the previous run collected on this one's time
        gc.disable()
        try:
            start = time.process_time()
            results = run()
            best = min(best, time.process_time() - start)
        finally:
            if was:
                gc.enable()
        del results  # freed outside the timed region
    return best


def load_average() -> str:
    """The machine's load averages: CPU time is not wall time, but a busy machine (shared
    cores and caches) still slows a process down, so a figure says under what load it was
    taken."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_best(repeat: int, command: list[str]) -> float:
    """The least CPU time (user + system) of a whole process over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        before = children_cpu()
        done = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')}")
        best = min(best, children_cpu() - before)
    return best


class Compilers:
    """Both in-process compilers: ferrous's load_chunk and Lua 5.1's loadstring (lupa)."""

    def __init__(self) -> None:
        from lupa import lua51

        lua = lua51.LuaRuntime(encoding=None)
        self.lua = lua.eval("function(s, n) return assert(loadstring(s, n)) end")

    def ferrous(self, chunks: list[tuple[bytes, bytes]]) -> list[object]:
        """The prototypes, returned: the caller frees them after its clock stops."""
        return [load_chunk(data, name) for data, name in chunks]

    def lua51(self, chunks: list[tuple[bytes, bytes]]) -> list[object]:
        lua = self.lua
        return [lua(data, name) for data, name in chunks]


def measure(label: str, chunks: list[tuple[bytes, bytes]], compilers: Compilers,
            repeat: int) -> None:
    lines = sum(count_lines(data) for data, _ in chunks)
    for data, name in chunks:
        try:
            load_chunk(data, name)  # fail early, and warm up
        except LoadError as err:
            sys.exit(f"ferrous cannot compile {name.decode(errors='replace')}: "
                     f"{err.msg.decode(errors='replace')}")
    ours = theirs = float("inf")
    for _ in range(repeat):  # alternately, so that both see the same load
        ours = min(ours, cpu_best(1, lambda: compilers.ferrous(chunks)))
        theirs = min(theirs, cpu_best(1, lambda: compilers.lua51(chunks)))
    size = sum(len(data) for data, _ in chunks) / 1024
    print(f"{label} ({len(chunks)} chunk{'s' * (len(chunks) > 1)}, {lines:,} lines, {size:,.0f} KiB)")
    print(f"  ferrous load_chunk   {ours:8.3f} s CPU  {lines / ours:10,.0f} lines/s")
    print(f"  Lua 5.1 loadstring   {theirs:8.3f} s CPU  {lines / theirs:10,.0f} lines/s"
          f"   ferrous is {ours / theirs:.1f}x slower")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000, help="size of the generated program")
    parser.add_argument("--suite", type=Path, default=SUITE,
                        help="a local copy of the official Lua 5.1 test suite")
    parser.add_argument("--file", type=Path, action="append", default=[],
                        help="also compile this Lua file, or each *.lua of this directory "
                        "(times added up) (repeatable)")
    parser.add_argument("--only-files", action="store_true",
                        help="only the --file inputs, not the generated program, corpus, suite")
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    parser.add_argument("--processes", action="store_true",
                        help="also time ferrous luac -p and luac5.1 -p as whole processes")
    opts = parser.parse_args(argv)

    inputs: list[tuple[str, list[tuple[bytes, bytes]]]] = []
    if not opts.only_files:
        inputs.append((f"generated program (--lines {opts.lines})",
                       [(generated_program(opts.lines), b"@generated.lua")]))
        inputs.append(("corpus (tests/corpus)", corpus_chunks()))
        suite = sorted(opts.suite.glob("*.lua")) if opts.suite.is_dir() else []
        if suite:
            inputs.append((f"official suite ({opts.suite})",
                           [(source_of(p), b"@" + os.fsencode(p.name)) for p in suite]))
        else:
            print(f"(no official suite at {opts.suite}: --suite DIR)")
    for path in opts.file:
        files = sorted(path.glob("*.lua")) if path.is_dir() else [path]
        inputs.append((str(path), [(source_of(p), b"@" + os.fsencode(p)) for p in files]))

    print(f"CPU time, best of {opts.repeat} (ferrous and Lua 5.1 alternately, in this process)")
    print(f"machine load (1, 5, 15 min) at the start: {load_average()}")
    compilers = Compilers()
    for label, chunks in inputs:
        measure(label, chunks, compilers, opts.repeat)
    print(f"machine load (1, 5, 15 min) at the end: {load_average()}")

    if opts.processes:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "generated.lua")
            data = generated_program(opts.lines)
            with open(path, "wb") as f:
                f.write(data)
            lines = count_lines(data)
            luac = process_best(opts.repeat, ["luac5.1", "-p", path])
            ferrous = process_best(opts.repeat, [sys.executable, "-m", "ferrous_repl", "luac",
                                                 "-p", path])
            print(f"whole processes, generated program ({lines:,} lines), CPU time of the child")
            print(f"  luac5.1 -p           {luac:8.3f} s CPU  {lines / luac:10,.0f} lines/s")
            print(f"  ferrous luac -p      {ferrous:8.3f} s CPU  {lines / ferrous:10,.0f} lines/s"
                  f"   ferrous is {ferrous / luac:.1f}x slower")
    return 0


if __name__ == "__main__":
    sys.exit(main())
