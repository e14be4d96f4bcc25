"""How many Lua files does `ferrous luac -l -l` list exactly as `luac5.1 -l -l` does?

Usage: uv run python bench/luac_identity.py [--suite DIR] [-v]

Without --suite it takes every .lua file under tests/corpus/ except the syntax_errors folder;
with --suite DIR, every .lua file under DIR (e.g. a local copy of the official Lua 5.1 tests).
Each file is listed by `luac5.1 -l -l -p FILE` (a process) and by ferrous luac's own main()
called in-process with the same arguments (FILE relative to the repository or to DIR, which
becomes the working directory) (the CLI's code path, minus Python's start-up). Exit
status, standard error (program name substituted) and the listing (addresses masked) must all
match. Prints identical/total, the percentage, and the first differing line of each other file.
Exits with status 1 when some file differs.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ferrous_repl import luac  # noqa: E402

CORPUS = REPO / "tests" / "corpus"
ADDRESS = re.compile(rb"0x[0-9a-fA-F]+")
ARGS = ["-l", "-l", "-p"]


@dataclass(frozen=True, slots=True)
class Result:
    status: int
    stdout: bytes
    stderr: bytes

    def lines(self) -> list[bytes]:
        """Everything compared, as lines: the status, then stderr, then the masked listing."""
        out = [b"exit status %d" % self.status]
        out += [b"stderr: " + line for line in self.stderr.splitlines()]
        out += ADDRESS.sub(b"0x?", self.stdout).splitlines()
        return out


def reference(path: str) -> Result:
    done = subprocess.run(["luac5.1", *ARGS, path], capture_output=True, stdin=subprocess.DEVNULL)
    stderr = re.sub(rb"(?m)^luac5\.1: ", luac.PROGNAME.encode() + b": ", done.stderr)
    return Result(done.returncode, done.stdout, stderr)


def ours(path: str) -> Result:
    out, err = io.BytesIO(), io.BytesIO()
    status = luac.main([*ARGS, path], stdin=io.BytesIO(), stdout=out, stderr=err)
    return Result(status, out.getvalue(), err.getvalue())


def first_difference(a: list[bytes], b: list[bytes]) -> tuple[int, bytes, bytes]:
    """1-based index of the first differing line, and both lines (b'<none>' past the end)."""
    for i in range(max(len(a), len(b))):
        left = a[i] if i < len(a) else b"<none>"
        right = b[i] if i < len(b) else b"<none>"
        if left != right:
            return i + 1, left, right
    return 0, b"", b""


def lua_files(suite: Path | None) -> list[Path]:
    if suite is not None:
        return sorted(suite.rglob("*.lua"))
    return sorted(p for p in CORPUS.rglob("*.lua") if "syntax_errors" not in p.relative_to(CORPUS).parts)


def show(line: bytes) -> str:
    return line.decode("utf-8", "backslashreplace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, help="directory of .lua files instead of tests/corpus")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per file, with times")
    opts = parser.parse_args(argv)
    files = lua_files(opts.suite)
    if not files:
        print(f"no .lua files under {opts.suite or CORPUS}")
        return 1
    base = opts.suite.resolve() if opts.suite is not None else REPO
    os.chdir(base)  # both tools get the same path, relative to base, as their argument
    same = 0
    spent = 0.0
    for path in files:
        name = str(path.resolve().relative_to(base))
        expected = reference(name).lines()
        start = time.perf_counter()
        got = ours(name).lines()
        took = time.perf_counter() - start
        spent += took
        if got == expected:
            same += 1
            if opts.verbose:
                print(f"same  {name}  ({took * 1000:.0f} ms)")
            continue
        line, ref_line, our_line = first_difference(expected, got)
        print(f"DIFF  {name}  (line {line})" + (f"  ({took * 1000:.0f} ms)" if opts.verbose else ""))
        print(f"    luac5.1: {show(ref_line)}")
        print(f"    ferrous: {show(our_line)}")
    total = len(files)
    print(f"\n{same}/{total} identical ({100.0 * same / total:.1f}%), ferrous luac took {spent:.2f} s in all")
    return 0 if same == total else 1


if __name__ == "__main__":
    sys.exit(main())
