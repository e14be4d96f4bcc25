"""Instruction addresses for DAP's ``disassemble``, ``instructionPointerReference`` and
instruction breakpoints.

Lua has no memory addresses; the adapter makes up a stable address space: each function (by its
chunk and the line it is defined on, which is what names a prototype across copies of the
state) gets a block of addresses the first time it is seen, and instruction ``pc`` of it lives
at ``base + pc``. Blocks follow each other with a gap, so that a client reading around an
address meets the neighbouring functions' code, and outside every block it gets ``invalid``
rows. The text of each instruction is the ``luac -l`` listing's (``GETGLOBAL 0 -1 ; print``),
as ``Debugger.function_view`` gives it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from vm.debugger import FunctionView

GAP = 16  # addresses between two functions' blocks
FIRST = 0x1000


@dataclass(frozen=True, slots=True)
class Block:
    base: int
    view: FunctionView


class AddressSpace:
    def __init__(self) -> None:
        self._blocks: list[Block] = []
        self._by_key: dict[tuple[bytes, int], Block] = {}
        self._next = FIRST

    def block(self, view: FunctionView) -> Block:
        key = (view.source, view.linedefined)
        found = self._by_key.get(key)
        if found is None:
            found = Block(self._next, view)
            self._by_key[key] = found
            self._blocks.append(found)
            self._next += len(view.instructions) + GAP
        return found

    def address(self, view: FunctionView, pc: int) -> str:
        return hex_address(self.block(view).base + pc)

    def locate(self, address: int) -> tuple[FunctionView, int] | None:
        """The function and pc at an address (None between blocks)."""
        i = bisect_right([b.base for b in self._blocks], address) - 1
        if i < 0:
            return None
        b = self._blocks[i]
        pc = address - b.base
        return (b.view, pc) if 0 <= pc < len(b.view.instructions) else None

    def rows(self, start: int, count: int) -> list[tuple[int, FunctionView | None, int]]:
        """(address, function or None, pc) for ``count`` addresses from ``start``."""
        out = []
        for a in range(start, start + count):
            found = self.locate(a) if a >= 0 else None
            out.append((a, found[0], found[1]) if found else (a, None, -1))
        return out


def hex_address(n: int) -> str:
    return f"0x{n:08x}"


def parse_address(text: str) -> int:
    """An address as a client sends it back (``0x00001004``, or decimal); ValueError."""
    text = text.strip()
    return int(text, 16) if text.lower().startswith("0x") else int(text)

