"""Python's cycle collector in a `ferrous` process (cli._collector_for_a_run): collected less
often, but still collected. A Lua program that makes cycles (tables pointing at each other, a
closure holding its table, a metatable) and drops them runs in as much memory for 200,000
of them as for 20,000; with Python's collector off, the same run grows by about 270 MB. No
timing: the peak resident size of each process, from the kernel (os.wait4)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CYCLES = b"""
local n = tonumber(arg[1])
local sum = 0
for i = 1, n do
  local a, b = {}, {}
  a.other = b
  b.other = a
  a.f = function() return a, b end
  setmetatable(b, {__index = a})
  sum = sum + #a
end
print(sum, collectgarbage("count") > 0)
"""


# `python -m ferrous_repl FILE N` (main() with the process's own command line), then the
# process's peak resident size in KB on standard error
PEAK = ("import resource, runpy, sys\n"
        "try:\n"
        "    runpy.run_module('ferrous_repl', run_name='__main__', alter_sys=True)\n"
        "finally:\n"
        "    sys.stderr.write('peak %d' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")


def _peak_mb(tmp_path: Path, n: int) -> tuple[int, bytes]:
    """Run `ferrous cycles.lua n`: its peak resident size in MB and its output."""
    script = tmp_path / "cycles.lua"
    script.write_bytes(CYCLES)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", PEAK, str(script), str(n)], capture_output=True,
                          env=env, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert err.startswith("peak "), err
    return int(err.removeprefix("peak ")) // 1024, proc.stdout


def test_a_program_making_cycles_in_a_loop_stays_bounded(tmp_path: Path) -> None:
    few, out_few = _peak_mb(tmp_path, 20_000)
    many, out_many = _peak_mb(tmp_path, 200_000)
    assert out_few == out_many == b"0\ttrue\n"
    assert many - few < 64, (few, many)
