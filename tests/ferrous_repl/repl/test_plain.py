"""Interactive mode without a terminal is lua.c 5.1's: `ferrous -i` with piped input gives
lua5.1 -i's output and errors, byte for byte (program name aside)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

SESSION = b"""x=1
=x
function f()
return 2
end
print(f())
error("e")
x = = 2
error()
error({})
=1, nil, 'three'
_PROMPT = "lua$ "
t = setmetatable({}, {__tostring = function() error("bad") end})
=t
io.write("no newline")
_PROMPT2 = 42
for i = 1,
  3 do print(i) end
for i=1,
"""


def _run(cmd: list[str], stdin: bytes, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("LUA_INIT", None)
    return subprocess.run(cmd, input=stdin, capture_output=True, cwd=cwd, env=env, check=False)


@pytest.mark.parametrize("args", [["-i"], ["-i", "script.lua"], ["-e", "y = 5", "-i"]])
def test_like_lua51(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "script.lua").write_bytes(b"print('script ran', ...)\ny = 7\n")
    stdin = SESSION + b"=y\n"
    ours = _run([sys.executable, "-m", "ferrous_repl", *args], stdin, tmp_path)
    ref = _run(["lua5.1", *args], stdin, tmp_path)
    assert ours.stdout == ref.stdout
    assert ours.stderr == ref.stderr
    assert ours.returncode == ref.returncode == 0
