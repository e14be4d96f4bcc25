"""The compiled tier: hot prototypes translated to Python source, one semantics with the
interpreter (see ../../../README.md, "The compiled tier").

A prototype runs in the interpreter until it is hot (it ran about as many instructions as
translating it costs: PAYBACK below), then vm.runtime.compiled.translate turns it into a
Python function that the dispatcher (interp.run) calls instead of interpreting it. Settings:
the environment variable ``FERROUS_TIER`` (``auto``, the default: translate hot prototypes;
``compiled``: translate every prototype at its first call; ``interp``: never translate), or
``set_mode`` (tests switch both ways in one process).
"""

from __future__ import annotations

import os

from vm.runtime.marker import Marker

# When auto translates (``initial`` and ``call_cost``): a prototype's hot count is a budget of
# estimated interpreted instructions, PAYBACK per instruction of the prototype. Each loop
# iteration counts its body's length (the back edge's jump), each call (a tail call, a call
# from a library function too) half the prototype (what a call runs, roughly), each time the
# dispatcher resumes a frame one. A prototype is translated once the interpreter has run
# about as much of it as translating it would cost, the ski-rental rule (a run that stops
# before spent at most about twice the best choice's time; one that goes on pays translation
# back): translating costs ~70-110 us an instruction (bench/translate_cost.py, 2026-12-07:
# 67 us over the corpus, 109 us over bench/programs; mostly Python's compile()), translated
# code saves ~0.15 us (arithmetic, loops) to ~1 us (calls, coroutine switches) of each
# instruction's ~0.25-1.5 us interpreted, so the break-even lies between ~100 and ~700 by that
# estimate. Measured (CPU time, medians of 3 to 5 runs, each value in the same rounds;
# 14 third-party test suites of lume, json.lua, serpent, luafun and Penlight, 13
# are-we-fast-yet programs, lunajson's suite, the 13 bench/run.py programs at the tenth
# sizes), against 1000: 250 costs the suites 6% (serpent, lume, Penlight's lexer translate
# code they run a few hundred times) and saves 8% on are-we-fast-yet and 3% on bench/run.py;
# 500 costs the suites 2-4% and saves 2-3% and 1-3%; 2000 saves the suites 2% and costs
# 3% on both and lunajson 10%; 4000 saves the suites nothing and costs 7%, 7% and 20%. The
# optimum is flat between 500 and 1000; 1000 keeps code run a few hundred times (a test
# suite, a long main chunk, a generated program) interpreted, and hot loops and functions are
# translated within milliseconds.
PAYBACK = 1000
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

_MODES = {"auto": -1, "compiled": 0, "interp": NEVER}  # auto: see initial
mode = "auto"
initial_hot = -1


def initial(ninstructions: int) -> int:
    """The hot count a new prototype of this many instructions starts with: in mode auto,
    PAYBACK estimated instructions for each of its own (0 in mode compiled: translated at its
    first call, NEVER in mode interp)."""
    if mode == "auto":
        return PAYBACK * ninstructions
    return initial_hot


def call_cost(ninstructions: int) -> int:
    """What one call of a prototype of this many instructions counts against its hot count:
    half of it (a function's branches and early returns skip some of its code; a loop in it
    counts its iterations itself)."""
    return ninstructions // 2 + 1


def set_mode(name: str) -> None:
    """Choose the tier for prototypes created from now on: auto, compiled or interp."""
    global mode, initial_hot
    if name not in _MODES:
        raise ValueError(f"FERROUS_TIER must be one of {', '.join(_MODES)}, not {name!r}")
    mode = name
    initial_hot = _MODES[name]


set_mode(os.environ.get("FERROUS_TIER", "auto") or "auto")
