"""Third-party test suites under the step debugger's engine, compared with lua5.1.

Usage: uv run python bench/third_party_debugger.py [--src DIR] [--walks N] [--seed S] [NAME ...]

The suites are bench/third_party.py's (same folders, arguments, LUA_PATH). Each suite's main
file is loaded into a Session and run by ``vm.debugger.Debugger`` in-process, in the suite's
working directory with its ``arg`` table:

* ``continue``: ``continue_()`` until the program is done (error stops carried on);
* ``walk``: N random mixes (default 2) of step, next line, step into, step out, step back, back
  one line, reverse continue and continue, a few dozen commands each; after each command going
  back, the output shown must be a prefix of lua5.1's; then ``continue_()`` to the end.

In both, the captured output must equal lua5.1's standard output (an uncaught error's message
goes to the front end, not to the program's output), the run must fail when lua5.1's did, and no
Python exception may escape the engine. Prints one line per suite and mode and
the totals; exits with status 1 when something differs. Suites that start processes (``lua``
through io.popen) run the lua5.1 child in both, so only the engine in this process is tested.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import third_party as tp  # noqa: E402

from vm.debugger import Debugger  # noqa: E402
from vm.errors import LimitError, LoadError, LuaError  # noqa: E402
from vm.lib.os import LuaExit  # noqa: E402
from vm.runtime.table import LuaTable  # noqa: E402
from vm.session import Session  # noqa: E402

BACKWARDS = {"S", "N", "C"}


def reference(suite: tp.Suite, src: Path) -> tuple[bytes, int]:
    run = tp.masked(tp.run_suite(suite, src, ["lua5.1"], {}), suite)
    return run.stdout, run.status


def make_debugger(suite: tp.Suite, deps: Path) -> Debugger:
    os.environ["LUA_PATH"] = f"{suite.lua_path};{deps}/?.lua;{deps}/?/init.lua"
    for key, value in suite.env.items():
        os.environ[key] = value
    session = Session()
    arg = LuaTable()
    for i, a in enumerate(["lua5.1", *suite.argv]):
        arg.set(float(i - 1), a.encode())
    session.globals.set_str(b"arg", arg)
    fn = session.load_file(suite.argv[0])
    return Debugger(session, fn, [a.encode() for a in suite.argv[1:]])


def finish(d: Debugger, budget: float) -> int | None:
    """Continue to the end; os.exit's status when the program called it (the engine ends the
    run and keeps it in ``exit_status``; older engines let os.exit's LuaExit through)."""
    start = time.perf_counter()
    while not d.done:
        try:
            d.continue_()
        except LuaExit as leaving:
            return leaving.code
        if time.perf_counter() - start > budget:
            raise TimeoutError(f"not done after {budget:.0f} s")
    return getattr(d, "exit_status", None)


def command(d: Debugger, rng: random.Random) -> str:
    op = rng.choice("ssssnnioSSNCc")
    {"s": d.step_instruction, "n": d.step_line, "i": d.step_into, "o": d.step_out,
     "S": d.step_back, "N": d.step_back_line, "C": d.reverse_continue, "c": d.continue_}[op]()
    return op


def output(d: Debugger, suite: tp.Suite) -> bytes:
    data = d.output_text()
    return tp.masked(tp.Run(0, data, b"", 0.0), suite).stdout


def run_mode(suite: tp.Suite, src: Path, deps: Path, mode: str, rng: random.Random,
             expected: bytes, status: int, budget: float) -> str:
    cwd = os.getcwd()
    os.chdir((src / suite.root / suite.cwd).resolve())
    try:
        d = make_debugger(suite, deps)
        exit_code = None
        if mode == "walk":
            for _ in range(rng.randint(20, 60)):
                try:
                    op = command(d, rng)
                except LuaExit as leaving:
                    exit_code = leaving.code
                    break
                if d.done and getattr(d, "exit_status", None) is not None:
                    exit_code = d.exit_status
                    break
                if op in BACKWARDS and not expected.startswith(output(d, suite)):
                    return f"after going back ({op}) at {d.position}: output is no prefix of lua5.1's"
        if exit_code is None:
            exit_code = finish(d, budget)
        got = output(d, suite)
        if got != expected:
            where, left, right = tp.first_difference(expected.splitlines(), got.splitlines())
            return f"differs at line {where}\n    lua5.1:  {tp.show(left)}\n    ferrous: {tp.show(right)}"
        if exit_code is not None:
            if exit_code != status:
                return f"lua5.1's status is {status}, os.exit gave {exit_code}"
        elif (status != 0) != (d.failure is not None):
            return f"lua5.1's status is {status}, the debugger's failure is {d.failure!r}"
        return ""
    except (LuaError, LoadError, LimitError) as exc:
        return f"Lua-level error escaped the debugger: {exc!r}"
    except TimeoutError as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - the point: any Python exception is a finding
        return "PYTHON EXCEPTION\n" + traceback.format_exc(limit=-8)
    finally:
        os.chdir(cwd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--src", type=Path, default=Path("/tmp/qa/src"))
    parser.add_argument("--walks", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=900, help="seconds per run")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    suites = [s for s in tp.SUITES if not args.names or s.name in args.names]
    import tempfile

    good = total = 0
    with tempfile.TemporaryDirectory(prefix="third_party_dbg.") as name:
        deps = tp.deps_dir(args.src, Path(name), ["lua5.1"], {})
        os.environ["PATH"] = f"{Path(name) / 'bin'}:{os.environ['PATH']}"
        for suite in suites:
            if not (args.src / suite.root).is_dir():
                print(f"{suite.name:18} missing")
                total += 1
                continue
            if suite.prepare:
                subprocess.run(list(suite.prepare), cwd=args.src / suite.root, capture_output=True)
            expected, status = reference(suite, args.src)
            for mode in ["continue"] + ["walk"] * args.walks:
                total += 1
                start = time.perf_counter()
                problem = run_mode(suite, args.src, deps, mode, rng, expected, status, args.budget)
                took = time.perf_counter() - start
                if problem:
                    print(f"{suite.name:18} {mode:8} {took:7.1f}s  {problem}")
                else:
                    good += 1
                    print(f"{suite.name:18} {mode:8} {took:7.1f}s  identical")
                sys.stdout.flush()
    print(f"{good}/{total} runs identical")
    return 0 if good == total else 1


if __name__ == "__main__":
    sys.exit(main())
