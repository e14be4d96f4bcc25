"""Lines of generated Python with the pc each belongs to (the compiled tier's emitters write
into one; the error handler maps a Python line back to its instruction)."""

from __future__ import annotations


class Source:
    """Lines of Python, each with its indentation, the pc it belongs to (-1: dispatch,
    prologue) and whether it is a call made with the frame in order. A case of the dispatch is
    emitted into a Source of its own and spliced in at its depth."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, str, int, bool]] = []
        self.depth = 0
        self.pc = -1

    def add(self, text: str, synced: bool = False) -> None:
        self.lines.append((self.depth, text, self.pc, synced))

    def splice(self, other: Source) -> None:
        d = self.depth
        self.lines.extend((d + depth, text, pc, synced) for depth, text, pc, synced in other.lines)

    def text(self) -> str:
        return "\n".join("    " * depth + text for depth, text, _pc, _s in self.lines) + "\n"

    def pcs(self) -> list[int]:
        return [pc for _d, _t, pc, _s in self.lines]

    def synced(self) -> frozenset[int]:
        """Line numbers (from 1) of the calls made with the frame in order."""
        return frozenset(i for i, (_d, _t, _pc, synced) in enumerate(self.lines, 1) if synced)
