"""Session locals for the Redis console (``ferrous redis repl``).

Redis forbids globals in scripts, so a REPL in its environment could keep nothing between two
inputs. Session locals fill the gap: a top-level ``local`` of one input stays visible to the
inputs after it. Each input is rewritten before it is compiled, on the same lines (line numbers
and error positions stay true): a top-level ``local a, b = e`` becomes ``a, b = e`` (``local a``
becomes ``a = nil``), ``local function f`` becomes ``f = function``; the chunk then runs with an
environment table holding the session locals, whose metatable reads every other name from
Redis's globals (an unknown one still raises ``Script attempted to access nonexistent global
variable``) and lets only declared names be written (anything else is still ``Attempt to modify a
readonly table``). Nested locals (inside a function or a block) are untouched.
"""

from __future__ import annotations

from vm.errors import LoadError, LuaError
from vm.redis.readonly import MESSAGE as READONLY
from vm.runtime.function import Builtin
from vm.runtime.table import LuaTable

_OPEN = frozenset({"function", "do", "if", "repeat"})
_CLOSE = frozenset({"end", "until"})


def _tokens(source: bytes) -> list[tuple[str, object, int, int]]:
    """(token, value, start, end) of every token; [] when the lexer refuses the input (the
    compiler will say why)."""
    from vm.compiler.lexer import EOS, NAME, Lexer

    lx = Lexer(source, b"=stdin")
    out = []
    try:
        while True:
            tok, value = lx.scan()
            if tok == EOS:
                return out
            end = lx.pos
            width = len(value) if tok == NAME else len(tok) if tok.isalpha() else 0  # type: ignore[arg-type]
            out.append((tok, value, end - width, end))
    except LoadError:
        return []


def rewrite_locals(source: bytes) -> tuple[bytes, list[bytes]]:
    """The input with its top-level local declarations turned into assignments to session
    locals, and the names they declare."""
    from vm.compiler.lexer import NAME

    toks = _tokens(source)
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement)
    names: list[bytes] = []
    depth = 0
    i = 0
    while i < len(toks):
        tok = toks[i][0]
        if tok == "local" and depth == 0 and i + 1 < len(toks):
            nxt = toks[i + 1]
            if nxt[0] == "function" and i + 2 < len(toks) and toks[i + 2][0] == NAME:
                name = toks[i + 2]
                span = source[toks[i][2]:name[3]]
                edits.append((toks[i][2], name[3], name[1] + b" = function" + b"\n" * span.count(b"\n")))  # type: ignore[operator]
                names.append(name[1])  # type: ignore[arg-type]
                depth += 1  # the function's body, closed by its 'end'
                i += 3
                continue
            if nxt[0] == NAME:
                j = i + 1
                declared = [toks[j][1]]
                while j + 2 < len(toks) and toks[j + 1][0] == "," and toks[j + 2][0] == NAME:
                    j += 2
                    declared.append(toks[j][1])
                edits.append((toks[i][2], toks[i][3], b" " * 5))
                if j + 1 >= len(toks) or toks[j + 1][0] != "=":
                    edits.append((toks[j][3], toks[j][3], b" = nil"))
                names.extend(declared)  # type: ignore[arg-type]
                i = j + 1
                continue
        if tok in _OPEN:
            depth += 1
        elif tok in _CLOSE:
            depth -= 1
        i += 1
    out = bytearray(source)
    for start, end, text in reversed(edits):
        out[start:end] = text
    return bytes(out), names


class SessionLocals:
    """The session locals of a console: their values, their names, and the environment table
    a rewritten input runs with (reads fall through to ``globals_table``)."""

    def __init__(self, globals_table: LuaTable) -> None:
        self.globals = globals_table
        self.declared: set[bytes] = set()
        self.table = LuaTable()
        mt = LuaTable()
        mt.set_str(b"__index", Builtin("__index", self._index))
        mt.set_str(b"__newindex", Builtin("__newindex", self._newindex))
        self.table.metatable = mt

    def declare(self, names: list[bytes]) -> None:
        self.declared.update(names)

    def values(self) -> list[tuple[bytes, object]]:
        """The session locals with a value, by name."""
        return sorted((k, v) for k, v in self.table.items() if k.__class__ is bytes)  # type: ignore[misc]

    def _index(self, L, args: list) -> list:
        key = args[1] if len(args) > 1 else None
        if key.__class__ is bytes and key in self.declared:
            return [None]
        value = self.globals.get(key) if key is not None else None
        if value is None:
            from vm.redis.environment import nonexistent_global

            return nonexistent_global(L, [self.globals, key])
        return [value]

    def _newindex(self, L, args: list) -> list:
        key = args[1] if len(args) > 1 else None
        if key.__class__ is bytes and key in self.declared:
            self.table.set_str(key, args[2] if len(args) > 2 else None)  # type: ignore[arg-type]
            return []
        raise LuaError(READONLY, positioned=False)  # at the assignment's line, as Redis has it
