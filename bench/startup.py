"""Time from starting `ferrous` on a terminal to its first prompt, against `lua5.1 -i`.

Usage: uv run python bench/startup.py [--runs N]

Each run starts the command in a new pseudo-terminal (80x24) and reads its output until the
prompt ("> " after the banner) appears; the median and the quartiles of the runs are printed,
with Python's bytecode cache as installed, and without it (PYTHONPYCACHEPREFIX pointing to an
empty directory and PYTHONDONTWRITEBYTECODE set, so that every module is compiled from source).
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


def first_prompt(argv: list[str], env: dict[str, str], marker: bytes) -> float:
    """Seconds from fork to the first output containing marker (after a banner line)."""
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
                return time.perf_counter() - start
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def measure(label: str, argv: list[str], env: dict[str, str], marker: bytes, runs: int) -> None:
    times = sorted(first_prompt(argv, env, marker) for _ in range(runs))
    q = statistics.quantiles(times, n=4)
    print(f"  {label:<44} median {statistics.median(times) * 1000:7.1f} ms"
          f"  (quartiles {q[0] * 1000:.1f}-{q[2] * 1000:.1f} ms, {runs} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TERM="xterm-256color", HOME=home, XDG_STATE_HOME=f"{home}/state",
                   XDG_CONFIG_HOME=f"{home}/config", PYTHONPATH=str(REPO), COLUMNS="80", LINES="24")
        ferrous = [sys.executable, "-m", "ferrous_repl"]
        first_prompt(ferrous, env, b"> ")  # the bytecode cache written, as after an install
        print("time to the first prompt, in a pseudo-terminal:")
        measure("lua5.1 -i", ["lua5.1", "-i"], env, b"> ", opts.runs)
        measure("ferrous (bytecode cache)", ferrous, env, b"> ", opts.runs)
        with tempfile.TemporaryDirectory() as empty:
            cold = dict(env, PYTHONPYCACHEPREFIX=empty, PYTHONDONTWRITEBYTECODE="1")
            measure("ferrous (no bytecode cache)", ferrous, cold, b"> ", max(5, opts.runs // 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
