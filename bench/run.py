"""The VM benchmark runner: each program under ``ferrous`` and under ``lua5.1``, in one run.

    uv run python bench/run.py [--repeat N] [--size quick|tenth|full] [--cpu]
                               [--tiers interp,auto,...] [--baseline DIR] [PROGRAM ...]

Each program in bench/programs prints one checksum line; the runner runs it alternately under
lua5.1 and under ferrous, takes the median wall time of each (with --cpu: the median CPU time,
user plus system, which a machine busy with other work inflates much less), checks that the
outputs are the same, and prints a table of medians and ratios with the geometric mean of the
ratios over the programs whose checksums agree. Exit status 1 when any program failed or
disagreed.

The ferrous processes import the VM's modules from Python's bytecode cache, as an installed
ferrous does after its first run: the checkouts' modules are byte-compiled (compileall) before
the first run. Without it (PYTHONDONTWRITEBYTECODE set in the environment and no __pycache__),
each process compiled every module it imports, about 0.1 s of CPU time on this kind of
machine, as much as lua5.1's whole run at the "tenth" sizes.

``--tiers interp,auto`` runs ferrous once per FERROUS_TIER value in the same rounds (one row and
one geometric mean per tier, against the same lua5.1 runs). ``--baseline DIR`` also runs the
ferrous of another checkout (e.g. ``git archive COMMIT | tar -x -C DIR``) in the same rotation,
for a before/after comparison measured in one run: its ratio to lua5.1, and the geometric mean
of this checkout's times over the baseline's.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PROGRAMS = Path(__file__).resolve().parent / "programs"
REPO = PROGRAMS.parents[1]

# sizes for about 0.05 s of lua5.1 on this kind of machine ("quick"); "full" uses each program's
# own default (about 1 s of lua5.1)
QUICK_SIZES = {
    "binarytrees": 12, "closures": 40000, "coroutines": 150000, "fannkuch": 8, "fib": 28,
    "loop": 1500000, "nbody": 15000, "oop": 40000, "patterns": 6, "sort": 15000,
    "spectralnorm": 120, "strings": 10000, "tables": 10,
}
# sizes for about 0.1 s of lua5.1 CPU time ("tenth"; fannkuch has no size between 0.05 and
# 0.5 s): the sizes of issue 12's bar
TENTH_SIZES = {
    "binarytrees": 11, "closures": 65000, "coroutines": 300000, "fannkuch": 8, "fib": 30,
    "loop": 3000000, "nbody": 30000, "oop": 75000, "patterns": 11, "sort": 30000,
    "spectralnorm": 180, "strings": 18000, "tables": 20,
}


@dataclass(slots=True)
class Run:
    seconds: float
    status: int
    stdout: bytes
    stderr: bytes


@dataclass(slots=True)
class Result:
    name: str
    size: str
    lua: list[Run]
    ferrous: list[Run]
    baseline: list[Run] = field(default_factory=list)
    tier: str = ""

    @property
    def verdict(self) -> str:
        if any(r.status != 0 for r in self.lua):
            return "lua5.1 failed"
        for who, runs in (("ferrous", self.ferrous), ("baseline", self.baseline)):
            bad = next((r for r in runs if r.status != 0), None)
            if bad is not None:
                lines = bad.stderr.decode("utf-8", "replace").strip().splitlines()
                return f"{who} failed: " + (lines[0] if lines else f"status {bad.status}")
            if any(r.stdout != self.lua[0].stdout for r in runs):
                return f"{who}'s checksum differs"
        return "ok"

    @property
    def ratio(self) -> float:
        return median(self.ferrous) / median(self.lua)

    @property
    def baseline_ratio(self) -> float:
        return median(self.baseline) / median(self.lua)


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def timed(cmd: list[str], timeout: float, cpu: bool = False, cwd: Path | None = None,
          env: dict | None = None) -> Run:
    clock = children_cpu_seconds if cpu else time.perf_counter
    start = clock()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False, cwd=cwd,
                              env=env)
    except subprocess.TimeoutExpired:
        return Run(clock() - start, -1, b"", b"timed out after %d s" % timeout)
    return Run(clock() - start, proc.returncode, proc.stdout, proc.stderr)


def children_cpu_seconds() -> float:
    """User plus system time of the finished (waited-for) child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("programs", nargs="*", help="program names (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per interpreter (median)")
    parser.add_argument("--size", choices=["quick", "tenth", "full"], default="quick")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--cpu", action="store_true", help="compare CPU time instead of wall time")
    parser.add_argument("--tiers", default="",
                        help="comma-separated FERROUS_TIER values run in the same rounds "
                             "(interp, auto, compiled; default: the environment's)")
    parser.add_argument("--baseline", type=Path, help="another checkout whose ferrous runs alongside")
    args = parser.parse_args(argv)
    tiers = [t for t in args.tiers.split(",") if t] or [""]

    lua = shutil.which("lua5.1")
    if lua is None:
        print("bench/run.py: lua5.1 is required (Debian package lua5.1)", file=sys.stderr)
        return 2
    ferrous = [sys.executable, "-m", "ferrous_repl"]
    base_env = bytecode_cached([REPO] + ([args.baseline] if args.baseline else []))
    names = args.programs or sorted(p.stem for p in PROGRAMS.glob("*.lua"))
    results: list[Result] = []
    for name in names:
        path = PROGRAMS / f"{name}.lua"
        if not path.exists():
            print(f"bench/run.py: no program {name!r} in {PROGRAMS}", file=sys.stderr)
            return 2
        preset = {"quick": QUICK_SIZES, "tenth": TENTH_SIZES}.get(args.size, {})
        size = [str(preset[name])] if name in preset else []
        lua_runs: list[Run] = []
        row = [Result(name, size[0] if size else "default", lua_runs, [], [], tier)
               for tier in tiers]
        for _ in range(args.repeat):  # alternate, so that machine noise hits all alike
            lua_runs.append(timed([lua, str(path), *size], args.timeout, args.cpu))
            for result in row:
                env = dict(base_env)
                if result.tier:
                    env["FERROUS_TIER"] = result.tier
                cmd = [*ferrous, str(path), *size]
                result.ferrous.append(timed(cmd, args.timeout, args.cpu, env=env))
                if args.baseline is not None:  # python -m finds the checkout's packages first
                    result.baseline.append(timed(cmd, args.timeout, args.cpu,
                                                 cwd=args.baseline.resolve(), env=env))
            if any(result.verdict != "ok" for result in row):
                break
        results.extend(row)
        for result in row:
            report_line(result)
    print()
    status = 0
    for tier in tiers:
        mine = [r for r in results if r.tier == tier]
        ok = [r for r in mine if r.verdict == "ok"]
        label = f" (FERROUS_TIER={tier})" if tier else ""
        if len(ok) != len(mine):
            status = 1
        if not ok:
            print(f"no program ran correctly under ferrous{label} (0 of {len(mine)})")
            continue
        geomean = math.exp(sum(math.log(r.ratio) for r in ok) / len(ok))
        worst = max(ok, key=lambda r: r.ratio)
        print(f"geometric mean ferrous/lua5.1{label} over {len(ok)} of {len(mine)} programs: "
              f"{geomean:.1f}x (highest: {worst.name} {worst.ratio:.1f}x)")
        if args.baseline is not None:
            base = math.exp(sum(math.log(r.baseline_ratio) for r in ok) / len(ok))
            print(f"baseline ({args.baseline}): {base:.1f}x; this checkout's time over the "
                  f"baseline's: {geomean / base:.3f}")
    return status


def bytecode_cached(checkouts: list[Path]) -> dict[str, str]:
    """The environment of the ferrous processes, once the bytecode cache of these checkouts'
    modules is written (compileall, into their __pycache__ folders, which git ignores)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    for checkout in checkouts:
        folders = [str(checkout.resolve() / name) for name in ("vm", "ferrous_repl")]
        subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], env=env,
                       capture_output=True, check=False)
    return env


def report_line(r: Result) -> None:
    tier = f" {r.tier:8}" if r.tier else ""
    if r.verdict == "ok":
        print(f"{r.name:14} {r.size:>9}{tier}  lua5.1 {median(r.lua):8.3f} s  ferrous "
              f"{median(r.ferrous):8.3f} s  {r.ratio:7.1f}x"
              + (f"  baseline {median(r.baseline):8.3f} s  {r.baseline_ratio:7.1f}x"
                 if r.baseline else "") + "  checksum ok", flush=True)
    else:
        print(f"{r.name:14} {r.size:>9}{tier}  lua5.1 {median(r.lua):8.3f} s  {r.verdict}",
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
