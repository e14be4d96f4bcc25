"""The compiled tier: hot prototypes translated to Python source, one semantics with the
interpreter (see ../../../README.md, "The compiled tier").

A prototype runs in the interpreter until it is hot (``HOT`` calls or loop iterations), then
vm.runtime.compiled.translate turns it into a Python function that the dispatcher (interp.run)
calls instead of interpreting it. Settings: the environment variable ``FERROUS_TIER``
(``auto``: translate hot prototypes; ``compiled``: translate every prototype at its first call;
``interp``, for now the default: never translate), or ``set_mode`` (tests switch both ways in
one process).
"""

from __future__ import annotations

import os

from vm.runtime.marker import Marker

HOT = 2  # calls and loop iterations of a prototype before it is translated (mode "auto")
# ... plus one per SIZE instructions of the prototype: translating costs about what
# interpreting a few thousand instructions does per instruction translated, so a big function
# that runs little (a long main chunk, a generated program, a 30,000-term expression) stays
# interpreted, where HOT alone had it translated for seconds in the middle of its only run
SIZE = 8
NEVER = 1 << 62
MAXDEPTH = 100  # translated calls nested in Python calls before a call goes through run()
LUAI_MAXCALLS = 16383  # as vm/runtime/state.py: frames before "stack overflow"
# a budget at least this large never runs out (a plain run: vm/runtime/state.py's UNLIMITED,
# less what the interpreter counts down): while no hook counts instructions either (a count
# hook's own function is counted, hooks.py), the translation that counts no budget runs
# (Prototype.run_free / enter_free; its calls go to their callees' enter_free)
FREE = 1 << 61


def room(frames: list) -> int:
    """How many calls translated code may nest in Python from here: at most MAXDEPTH, and
    never past Lua's own limit (the call that would pass it goes through push_lua, which raises
    "stack overflow" exactly where the interpreter does)."""
    left = LUAI_MAXCALLS - len(frames)
    return left if left < MAXDEPTH else MAXDEPTH



SUSPEND = Marker("suspend")  # translated code handed its frames back to the dispatcher
REFUSED = Marker("refused")  # an entry guard failed: the interpreter runs on to the next block
RESUMED = Marker("resumed")  # a generic for's call came back through its continuation

_MODES = {"auto": HOT, "compiled": 0, "interp": NEVER}
mode = "interp"
initial_hot = NEVER


def initial(ninstructions: int) -> int:
    """The hot count a new prototype of this many instructions starts with."""
    if mode == "auto":
        return HOT + ninstructions // SIZE
    return initial_hot


def set_mode(name: str) -> None:
    """Choose the tier for prototypes created from now on: auto, compiled or interp."""
    global mode, initial_hot
    if name not in _MODES:
        raise ValueError(f"FERROUS_TIER must be one of {', '.join(_MODES)}, not {name!r}")
    mode = name
    initial_hot = _MODES[name]


set_mode(os.environ.get("FERROUS_TIER", "interp") or "interp")
