"""How fast the VM goes when it is watched.

For each program: instructions per second run flat out (Session.step in large slices), stepped
one instruction at a time without the debugger (Session.step(1)), and under the debugger
(Debugger.step_instruction: change recording, handles at creation, checkpoints); then the cost
of going back one instruction (restore the nearest checkpoint and replay) at a few positions.
The reference rate of lua5.1 is the instruction count divided by its run time in the same
invocation (lua5.1 -e with os.clock around a dofile of the program).

    uv run python bench/step_rate.py                    # fib and binarytrees, small sizes
    uv run python bench/step_rate.py --steps 50000 sort
    uv run python bench/step_rate.py fib --cpu --repeat 3

``--cpu`` times with the process's CPU clock instead of the wall clock (a loaded machine's
waits left out; lua5.1's rate is its own os.clock, CPU time, either way); ``--repeat`` runs
each program again.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from vm.debugger import Debugger
from vm.session import Session

HERE = Path(__file__).parent
SIZES = {"fib": "20", "binarytrees": "8", "sort": "3000", "closures": "5000", "oop": "5000",
         "coroutines": "20000", "tables": "3", "strings": "2000"}


def _session(prog: str) -> tuple[Session, object]:
    path = HERE / "programs" / f"{prog}.lua"
    s = Session(out=io.BytesIO())
    arg = s.state.globals.__class__()
    arg.set_int(1, SIZES.get(prog, "10").encode())
    s.globals.set_str(b"arg", arg)
    return s, s.load(path.read_bytes(), b"@" + path.name.encode())


clock: Callable[[], float] = time.perf_counter


def flat_out(prog: str) -> tuple[int, float]:
    s, fn = _session(prog)
    s.start(fn, [SIZES.get(prog, "10").encode()])
    n = 0
    t = clock()
    while True:
        budget = 100_000
        done = s.step(budget)
        n += budget - max(s.state.budget, 0)
        if done:
            break
    return n, clock() - t


def stepped(prog: str, limit: int) -> tuple[int, float]:
    s, fn = _session(prog)
    s.start(fn, [SIZES.get(prog, "10").encode()])
    n = 0
    t = clock()
    while n < limit and not s.step(1):
        n += 1
    return n, clock() - t


def debugged(prog: str, limit: int) -> tuple[Debugger, int, float]:
    s, fn = _session(prog)
    d = Debugger(s, fn, [SIZES.get(prog, "10").encode()])
    t = clock()
    while d.position < limit and not d.done:
        d.step_instruction()
    return d, d.position, clock() - t


def back_costs(d: Debugger, samples: int = 15) -> list[float]:
    out = []
    here = d.position
    for k in range(samples):
        target = here - 1 - k * max(here // (samples + 1), 1)
        if target < 1:
            break
        d.goto(target + 1)
        t = clock()
        d.step_back()
        out.append(clock() - t)
    return out


def lua51_rate(prog: str, instructions: int) -> float:
    path = HERE / "programs" / f"{prog}.lua"
    code = (f"arg = {{[0] = '{path.name}', '{SIZES.get(prog, '10')}'}} "
            f"local t = os.clock() dofile('{path}') io.stderr:write(os.clock() - t)")
    done = subprocess.run(["lua5.1", "-e", code], capture_output=True, check=True)
    seconds = float(done.stderr.decode().strip() or "0") or 1e-6
    return instructions / seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("programs", nargs="*", default=["fib", "binarytrees"])
    ap.add_argument("--steps", type=int, default=30_000, help="instructions to single-step")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each program")
    ap.add_argument("--cpu", action="store_true", help="time with the process's CPU clock")
    opts = ap.parse_args()
    global clock
    clock = time.process_time if opts.cpu else time.perf_counter
    print(f"{'program':12} {'lua5.1':>12} {'flat out':>12} {'step(1)':>12} {'debugger':>12} "
          f"{'back (median / p95)':>22}")
    for prog in [p for p in opts.programs for _ in range(opts.repeat)]:
        n, secs = flat_out(prog)
        ref = lua51_rate(prog, n)
        sn, ssecs = stepped(prog, opts.steps)
        d, dn, dsecs = debugged(prog, opts.steps)
        backs = sorted(back_costs(d))
        p95 = backs[min(len(backs) - 1, int(len(backs) * 0.95))] if backs else 0.0
        med = statistics.median(backs) if backs else 0.0
        print(f"{prog:12} {ref:>10,.0f}/s {n / secs:>10,.0f}/s {sn / ssecs:>10,.0f}/s "
              f"{dn / dsecs:>10,.0f}/s {med * 1000:>9.1f} / {p95 * 1000:.1f} ms")
    print("(instructions per second; 'back' is one step_back from positions spread over the run;"
          f" {'CPU' if opts.cpu else 'wall'} clock)")


if __name__ == "__main__":
    main()
