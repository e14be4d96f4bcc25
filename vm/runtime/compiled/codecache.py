"""Python code objects of translated prototypes, kept by their generated source text.

Translating a prototype costs most in Python's compile() of the source the emitter writes
(bench/translate_cost.py). The same source comes back whenever the same Lua code is loaded
again in one process: loadstring of the same text in a loop, a file run twice (the REPL, a
test run), the same small function written in several places (a getter, a callback). A code
object depends on nothing but its source text and the flags it was compiled with; what a
translation binds to it (constants, prototypes, the helpers) goes into the namespace it is
run in (translate.bind), so one code object serves every prototype whose source is the same.

The cache is in memory only and bounded (least recently used first out, by total source
characters): it can never be stale, since its key is the whole source it compiled.
"""

from __future__ import annotations

from collections import OrderedDict
from types import CodeType

LIMIT = 8_000_000  # characters of source kept (about as many bytes of code objects)

_codes: OrderedDict[str, CodeType] = OrderedDict()
_size = 0
enabled = True
hits = 0
misses = 0


def compiled(source: str, filename: str) -> CodeType:
    """compile(source, filename, "exec"), or the code object made from the same source before
    (named ``filename`` again: Python's tracebacks and profiles name the Lua function)."""
    global _size, hits, misses
    if not enabled:
        return compile(source, filename, "exec")
    code = _codes.get(source)
    if code is not None:
        hits += 1
        _codes.move_to_end(source)
        return code if code.co_filename == filename else _renamed(code, filename)
    misses += 1
    code = compile(source, filename, "exec")
    n = len(source)
    if n <= LIMIT:
        _codes[source] = code
        _size += n
        while _size > LIMIT:
            old, _code = _codes.popitem(last=False)
            _size -= len(old)
    return code


def clear() -> None:
    """Forget every code object (benchmarks measuring a cold translation; tests)."""
    global _size, hits, misses
    _codes.clear()
    _size = hits = misses = 0


def _renamed(code: CodeType, filename: str) -> CodeType:
    """The same code under another file name, the functions it defines included."""
    consts = tuple(_renamed(c, filename) if isinstance(c, CodeType) else c
                   for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)
