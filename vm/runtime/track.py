"""Handles at creation, while debugging.

Outside the debugger a handle is given on first request (``Heap.handle_of``), which costs
nothing until someone looks. The debugger needs handles that depend only on the program's own
history, never on what the user happened to look at, so that replaying a run (stepping back)
names every object as before: it sets ``hook`` to its heap's ``handle_of`` and every
collectable object is registered as it is created.
"""

from __future__ import annotations

from collections.abc import Callable

hook: Callable[[object], object] | None = None
