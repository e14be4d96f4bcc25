"""Reverse continue against forward continue over the same stretch of a run.

The program (bench/debugger/reverse_loop.lua) calls a loop of N iterations three times, from
line 14. Each case is timed forwards and backwards in the same run:

- ``line``: a breakpoint on line 14 (outside the hot loop). Forwards: from its first hit,
  ``continue`` to the second (one whole loop of N iterations in between). Backwards: from the
  second hit, ``reverse_continue`` to the first, over the same stretch.
- ``condition``: a breakpoint in the hot loop (line 5) with the condition ``i == N / 10``.
  Forwards: ``continue`` from its stop in the first call to its stop in the second. Backwards:
  from the third hit of line 14, with the conditional breakpoint set again as a new one (so
  none of its hits is known), ``reverse_continue`` to that same stop.
- ``global``: a watched global (``calls``, written once per call): forwards ``continue`` from
  its first change to its second; backwards, from the second to the first.
- ``local``: a watched local (``total`` of the main chunk, written once per call), the same.

Both motions land on positions the other checks (the same stop), and the ratio is
backwards / forwards: the figure the debugger aims at is about 1.

    uv run python bench/reverse_continue.py [-n N] [--repeat R] [line condition global local ...]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vm.debugger import Breakpoint, Debugger
from vm.session import Session

PROGRAM = Path(__file__).parent / "debugger" / "reverse_loop.lua"
SOURCE = b"@reverse_loop.lua"


def _debugger(n: int) -> Debugger:
    s = Session()
    arg = s.state.globals.__class__()
    arg.set_int(1, str(n).encode())
    s.globals.set_str(b"arg", arg)
    fn = s.load(PROGRAM.read_bytes(), SOURCE)
    return Debugger(s, fn)


def _timed(motion) -> tuple[float, object]:
    t = time.perf_counter()
    stop = motion()
    return time.perf_counter() - t, stop


def line_case(n: int) -> tuple[float, float]:
    d = _debugger(n)
    d.breakpoints.append(Breakpoint(line=14, source=SOURCE))
    first = d.continue_()
    fwd, second = _timed(d.continue_)
    assert second.reason == "breakpoint" and second.position > first.position, second
    back, stop = _timed(d.reverse_continue)
    assert stop.position == first.position, (stop, first)
    return fwd, back


def condition_case(n: int) -> tuple[float, float]:
    d = _debugger(n)
    line = Breakpoint(line=14, source=SOURCE)
    d.breakpoints.append(line)
    d.continue_()
    d.breakpoints.remove(line)
    d.breakpoints.append(Breakpoint(line=5, source=SOURCE, condition=f"i == {n // 10}".encode()))
    d.continue_()  # the condition holds in the first call
    fwd, target = _timed(d.continue_)  # and in the second
    assert target.reason == "breakpoint", target
    d.breakpoints.clear()
    d.breakpoints.append(line)
    third = d.continue_()
    assert third.reason == "breakpoint" and third.position > target.position
    d.breakpoints.clear()
    d.breakpoints.append(Breakpoint(line=5, source=SOURCE, condition=f"i == {n // 10}".encode()))
    back, stop = _timed(d.reverse_continue)
    assert stop.position == target.position, (stop, target)
    return fwd, back


def watch_case(n: int, place: str) -> tuple[float, float]:
    d = _debugger(n)
    d.run_to_line(13)
    d.watch(place)
    first = d.continue_()
    fwd, second = _timed(d.continue_)
    assert second.reason == "watchpoint" and second.position > first.position, second
    back, stop = _timed(d.reverse_continue)
    assert stop.position == first.position, (stop, first)
    return fwd, back


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000, help="iterations of the loop")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("cases", nargs="*", default=["line", "condition", "global", "local"])
    opts = ap.parse_args()
    cases = {"line": line_case, "condition": condition_case,
             "global": lambda n: watch_case(n, "calls"), "local": lambda n: watch_case(n, "total")}
    print(f"N = {opts.n:,} iterations between the two stops (about {opts.n * 4:,} instructions)")
    print(f"{'case':10} {'continue':>10} {'reverse':>10} {'ratio':>7}")
    for name in opts.cases:
        fwds, backs = [], []
        for _ in range(opts.repeat):
            fwd, back = cases[name](opts.n)
            fwds.append(fwd)
            backs.append(back)
        f, b = statistics.median(fwds), statistics.median(backs)
        print(f"{name:10} {f:>9.3f}s {b:>9.3f}s {b / f:>7.2f}")


if __name__ == "__main__":
    main()
