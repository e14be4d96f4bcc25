"""Sentinel values: a unique object with a readable name, compared by identity (the switch
kinds of coroutine.py, the compiled tier's SUSPEND and REFUSED...)."""

from __future__ import annotations


class Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"
