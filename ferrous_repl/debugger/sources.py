"""Source text by chunk name: files named ``@path`` are read when first asked for, texts given
by the caller (the REPL's code) are registered under their chunk name."""

from __future__ import annotations

from pathlib import Path


class SourceBook:
    """The lines of each chunk's source, or None when it cannot be had (stripped, a string)."""

    def __init__(self) -> None:
        self._texts: dict[bytes, tuple[str, ...] | None] = {}

    def add(self, chunkname: bytes, text: bytes) -> None:
        self._texts[chunkname] = _lines(text)

    def lines(self, chunkname: bytes) -> tuple[str, ...] | None:
        if chunkname not in self._texts:
            found = None
            if chunkname.startswith(b"@"):
                try:
                    found = _lines(Path(chunkname[1:].decode("utf-8", "surrogateescape")).read_bytes())
                except OSError:
                    found = None
            elif not chunkname.startswith(b"="):
                found = _lines(chunkname)  # loadstring's chunk name is the code itself
            self._texts[chunkname] = found
        return self._texts[chunkname]


def _lines(text: bytes) -> tuple[str, ...]:
    decoded = text.decode("utf-8", "replace").expandtabs(4)
    return tuple(decoded.splitlines())
