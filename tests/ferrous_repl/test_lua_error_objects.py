"""How `ferrous` reports uncaught errors whose value is not a string, against lua5.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare


@pytest.mark.parametrize("stat", ["error()", "error(nil)", "error({})", "error(true)", "error(42)",
                                  "error(setmetatable({}, {__tostring = function() return 'x' end}))"])
def test_error_objects_are_reported_as_lua51_does(stat: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["-e", stat], tmp_path, monkeypatch)
