"""The script cache: scripts by SHA1, compiled once (eval.c's lctx.lua_scripts)."""

from __future__ import annotations

from dataclasses import dataclass

from vm.redis.shebang import Shebang
from vm.runtime.function import LuaFunction


@dataclass(frozen=True, slots=True)
class CachedScript:
    """A compiled script: its SHA1 (lower-case hex), body, shebang flags and main function."""

    sha: bytes
    body: bytes
    shebang: Shebang
    fn: LuaFunction


class ScriptCache:
    """SHA1 -> script; SHA1s compare without regard to case, as Redis's dictionary does."""

    def __init__(self) -> None:
        self._scripts: dict[bytes, CachedScript] = {}

    def get(self, sha: bytes) -> CachedScript | None:
        return self._scripts.get(sha.lower())

    def add(self, script: CachedScript) -> None:
        self._scripts[script.sha] = script

    def exists(self, sha: bytes) -> bool:
        return sha.lower() in self._scripts

    def clear(self) -> None:
        self._scripts.clear()

    def __len__(self) -> int:
        return len(self._scripts)
