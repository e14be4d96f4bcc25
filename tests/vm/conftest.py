"""The VM's tests: Python's compile of the compiled tier's translations done once per process.

The compiled tier translates a prototype to Python source and hands it to ``compile``
(vm/runtime/compiled/translate.py). Every session compiles its chunks again, so the tests that
run the same corpus programs under the compiled tier in many sessions (stepping, paused states,
the debugger's walks back, the corpus) compiled the same sources again and again: ``compile``
was 40% of test_states' time. Here the translator's ``compile`` is the builtin with a memo:
the same source text gives the code object the builtin gave it the first time (code objects
are immutable; each translation still execs it into a namespace of its own), so the translator,
its analysis and its emitted source run as ever, and a source that does not compile raises as
ever (nothing is kept for it).
"""

from __future__ import annotations

import builtins
from types import CodeType

from vm.runtime.compiled import translate

_CODE: dict[tuple[str, str, str], CodeType] = {}


def _compile_once(source: str, filename: str, mode: str) -> CodeType:
    key = (source, filename, mode)
    code = _CODE.get(key)
    if code is None:
        code = _CODE[key] = builtins.compile(source, filename, mode)
    return code


translate.compile = _compile_once  # type: ignore[attr-defined]
