"""What the debugger's write barriers cost a program that is not being debugged.

The undo journal (vm/runtime/journal.py) is written through a barrier in the table methods, the
interpreter's store fast paths (SETTABLE, SETGLOBAL, SETLIST, SETUPVAL), upvalue cells closing,
the collector and a few library functions. Without the debugger each is one test of a module
global (``if write_barrier is not None``) or a call of ``journal.touch`` that returns at once.
This runner measures that cost: it makes a copy of the ``vm`` package with every barrier taken
out (each test and its call become ``pass``; each ``journal.touch(x)`` too), then runs each of
bench/run.py's programs under ``ferrous`` (the command line, no debugger) alternately with the
real package and with the copy, checks that both print the same checksum, and prints the
median processor time of each (user + system time of the child process: steadier than wall
time on a shared machine) and their ratio (with barriers / without), with the geometric mean.

    uv run python bench/barrier_cost.py [--repeat N] [--size quick|full] [PROGRAM ...]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import PROGRAMS, QUICK_SIZES  # noqa: E402  (bench/run.py: the programs and sizes)

_TEST = re.compile(r"^(?P<ind>[ \t]*)if write_barrier is not None:[ \t]*\n"
                   r"[ \t]*write_barrier\(\w+\)[ \t]*\n", re.M)
_TOUCH = re.compile(r"^(?P<ind>[ \t]*)journal\.touch\(\w+\)[ \t]*\n", re.M)


def stripped_copy(dest: Path) -> int:
    """Copy vm/ into dest with the barriers removed; returns how many were removed."""
    target = dest / "vm"
    shutil.copytree(ROOT / "vm", target, ignore=shutil.ignore_patterns("__pycache__"))
    removed = 0
    for path in target.rglob("*.py"):
        text = path.read_text()
        new, n = _TEST.subn(lambda m: f"{m['ind']}pass\n", text)
        new, k = _TOUCH.subn(lambda m: f"{m['ind']}pass\n", new)
        if n or k:
            path.write_text(new)
            removed += n + k
    return removed


def ferrous(env: dict[str, str], program: Path, size: list[str]) -> tuple[float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "ferrous_repl", str(program), *size],
                          capture_output=True, env=env, cwd=ROOT, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{program.name} failed: {done.stderr.decode(errors='replace')}")
    return seconds, done.stdout


def which_vm(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", "import vm; print(vm.__file__)"],
                          capture_output=True, env=env, cwd="/", check=True)
    return done.stdout.decode().strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("programs", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--size", choices=("quick", "full"), default="quick")
    opts = ap.parse_args()
    names = opts.programs or sorted(p.stem for p in PROGRAMS.glob("*.lua"))
    with tempfile.TemporaryDirectory() as tmp:
        n = stripped_copy(Path(tmp))
        with_env = dict(os.environ)
        without_env = dict(os.environ, PYTHONPATH=tmp + os.pathsep + str(ROOT))
        with_env["PYTHONPATH"] = str(ROOT)
        plain, bare = which_vm(with_env), which_vm(without_env)
        assert plain != bare, (plain, bare)
        print(f"{n} barriers removed in the copy ({bare})")
        print(f"{'program':14} {'with':>9} {'without':>9} {'ratio':>7}")
        ratios = []
        for name in names:
            program = PROGRAMS / f"{name}.lua"
            size = [str(QUICK_SIZES[name])] if opts.size == "quick" and name in QUICK_SIZES else []
            times: dict[str, list[float]] = {"with": [], "without": []}
            outs: dict[str, bytes] = {}
            for _ in range(opts.repeat):  # alternately, so both see the same load
                for label, env in (("with", with_env), ("without", without_env)):
                    secs, out = ferrous(env, program, size)
                    times[label].append(secs)
                    outs[label] = out
            if outs["with"] != outs["without"]:
                raise SystemExit(f"{name}: the outputs differ")
            a, b = statistics.median(times["with"]), statistics.median(times["without"])
            ratios.append(a / b)
            print(f"{name:14} {a:>8.3f}s {b:>8.3f}s {a / b:>7.3f}")
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"{'geometric mean':14} {'':>9} {'':>9} {geo:>7.3f}")


if __name__ == "__main__":
    main()
