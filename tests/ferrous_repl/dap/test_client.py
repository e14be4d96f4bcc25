"""The adapter driven as an editor drives it: the node test files in client/ run sessions of
``ferrous dap`` under @vscode/debugadapter-testsupport's DebugClient (the client VS Code's own
debug adapters are tested with). Needs node and npm (Debian's ``nodejs`` and ``npm``, which
.ci/run installs); a missing node fails these tests, never skips them. The client's package is
installed here from its committed package-lock.json (``npm ci``) when it is not yet."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CLIENT = Path(__file__).parent / "client"
FILES = sorted(p.name for p in CLIENT.glob("*.test.mjs"))


def ferrous_bin() -> str:
    """The ``ferrous`` executable of this environment."""
    found = Path(sys.executable).parent / "ferrous"
    if found.exists():
        return str(found)
    which = shutil.which("ferrous")
    assert which, "the ferrous command is not installed in this environment (uv sync)"
    return which


def _installed() -> bool:
    lock = json.loads((CLIENT / "package-lock.json").read_text())
    marker = CLIENT / "node_modules" / ".package-lock.json"
    if not marker.exists():
        return False
    have = json.loads(marker.read_text()).get("packages", {})
    return all(name in have and have[name].get("version") == entry.get("version")
               for name, entry in lock.get("packages", {}).items() if name)


@pytest.fixture(scope="session")
def node_client() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "node and npm are needed to drive ferrous dap as an editor does " \
        "(apt-get install nodejs npm; .ci/run installs them)"
    if not _installed():
        lock_dir = CLIENT / "node_modules"
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CLIENT, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0 or _installed() or lock_dir.exists(), done.stdout + done.stderr
    return CLIENT


def _node_options() -> list[str]:
    """Each session test bounded (a request the adapter never answers would otherwise wait
    forever: the client's requests have no timeout), where this node knows the options."""
    version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout
    major, minor = (int(n) for n in version.lstrip("v").split(".")[:2])
    options = []
    if (major, minor) >= (20, 11):
        options.append("--test-timeout=180000")
    if (major, minor) >= (20, 14):
        options.append("--test-force-exit")
    return options


@pytest.mark.parametrize("name", FILES)
def test_sessions(node_client: Path, name: str) -> None:
    env = dict(os.environ, FERROUS_BIN=ferrous_bin())
    command = ["node", "--test", "--test-reporter=spec", *_node_options(), name]
    try:
        done = subprocess.run(command, cwd=node_client, env=env, capture_output=True, text=True,
                              timeout=600)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"") + (exc.stderr or b"")
        text = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        pytest.fail(f"{name} did not finish in 600 s; what it printed:\n{text}")
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "# fail 0" in report or "ℹ fail 0" in report, report
