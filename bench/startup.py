"""Time from starting `ferrous` on a terminal to its first prompt, against `lua5.1 -i`.

Usage: uv run python bench/startup.py [--runs N]

Each run starts the command in a new pseudo-terminal (80x24) and reads its output until the
prompt ("> " after the banner) appears; the median and the quartiles of the runs are printed,
in wall time and in the CPU time the command used up to then (its children's rusage: the
machine's other load does not count), with Python's bytecode cache as installed, and without it
(PYTHONPYCACHEPREFIX pointing to an empty directory and PYTHONDONTWRITEBYTECODE set, so that
every module is compiled from source). The time until the prompt's bottom toolbar is drawn
(the whole first screen) is measured too, as "toolbar".
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOLBAR = b"theme: "  # in the prompt_toolkit prompt's bottom toolbar


def first_prompt(argv: list[str], env: dict[str, str], marker: bytes) -> tuple[float, float]:
    """Seconds from fork to the first output containing marker (after a banner line): wall
    time, and the CPU time the command used (to a few milliseconds after it)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command on the pseudo-terminal
        os.execvpe(argv[0], argv, env)
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                raise RuntimeError(f"no prompt from {argv}: {seen[-200:]!r}")
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{argv} ended before its prompt: {seen[-200:]!r}") from None
            seen += chunk
            if b"\x1b[6n" in chunk:  # prompt_toolkit asks where the cursor is: answer as a terminal
                os.write(fd, b"\x1b[1;1R")
            if marker in seen:
                wall = time.perf_counter() - start
                break
    finally:
        os.kill(pid, 9)
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    return wall, usage.ru_utime + usage.ru_stime


def measure(label: str, argv: list[str], env: dict[str, str], marker: bytes, runs: int) -> None:
    got = [first_prompt(argv, env, marker) for _ in range(runs)]
    walls = sorted(wall for wall, _ in got)
    cpus = sorted(cpu for _, cpu in got)
    q = statistics.quantiles(walls, n=4)
    print(f"  {label:<48} median {statistics.median(walls) * 1000:7.1f} ms"
          f" (quartiles {q[0] * 1000:.1f}-{q[2] * 1000:.1f}), CPU {statistics.median(cpus) * 1000:6.1f} ms"
          f"  ({runs} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", HOME=home, XDG_STATE_HOME=f"{home}/state",
                   XDG_CONFIG_HOME=f"{home}/config", PYTHONPATH=str(REPO), COLUMNS="80", LINES="24",
                   PYTHONPYCACHEPREFIX=f"{home}/pycache")  # every module's cache, written here
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # (set in some shells: then nothing is cached)
        ferrous = [sys.executable, "-m", "ferrous_repl"]
        first_prompt(ferrous, env, b"> ")  # the bytecode cache written, as after an install
        print("time to the first prompt, in a pseudo-terminal:")
        measure("lua5.1 -i", ["lua5.1", "-i"], env, b"> ", opts.runs)
        measure("ferrous (bytecode cache)", ferrous, env, b"> ", opts.runs)
        measure("ferrous, toolbar (bytecode cache)", ferrous, env, TOOLBAR, opts.runs)
        with tempfile.TemporaryDirectory() as empty:
            cold = dict(env, PYTHONPYCACHEPREFIX=empty, PYTHONDONTWRITEBYTECODE="1")
            measure("ferrous (no bytecode cache)", ferrous, cold, b"> ", max(5, opts.runs // 3))
            measure("ferrous, toolbar (no bytecode cache)", ferrous, cold, TOOLBAR,
                    max(5, opts.runs // 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
