"""Fixtures of the debugger tests: private configuration (no user themes), and the test
programs' directory as the working directory so that chunk names are short and stable."""

from __future__ import annotations

from pathlib import Path

import pytest

PROGRAMS = Path(__file__).parent / "programs"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("FERROUS_THEME", raising=False)


@pytest.fixture
def programs(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(PROGRAMS)
    return PROGRAMS
