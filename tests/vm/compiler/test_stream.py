"""Source that arrives in pieces (load with a reader) compiles exactly as the whole source
does: every corpus program, syntax errors included, cut into pieces of several sizes, gives
the same binary chunk or the same error. (How many pieces it asks for is compared with lua5.1
in tests/vm/lib/test_load_reader.py.) A binary chunk in pieces reads no further than its end."""

from __future__ import annotations

from pathlib import Path

import pytest

from vm.bytecode.chunk import dump, undump
from vm.compiler import compile_source, compile_stream
from vm.errors import LoadError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SOURCES = sorted(CORPUS.rglob("*.lua"))


def _pieces(data: bytes, size: int):
    """first piece, and a feed that counts how many further pieces it gave."""
    chunks = [data[i:i + size] for i in range(0, len(data), size)]
    state = {"given": 1}

    def feed() -> bytes:
        k = state["given"]
        state["given"] = k + 1
        return chunks[k] if k < len(chunks) else b""

    return (chunks[0] if chunks else b""), feed, state


def _outcome(make) -> bytes:
    try:
        return dump(make())
    except LoadError as err:
        return b"error: " + err.msg


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_streamed_source_compiles_the_same(path: Path) -> None:
    data = path.read_bytes()
    name = b"@" + path.name.encode()
    whole = _outcome(lambda: compile_source(data, name))
    for size in (1, 3, 64, 4096):
        first, feed, _ = _pieces(data, size)
        assert _outcome(lambda f=first, g=feed: compile_stream(f, name, g)) == whole, size


def test_binary_chunk_in_pieces_reads_no_further_than_it_needs() -> None:
    proto = compile_source(b"local a, b = ... return a + b, 'k', 1.5", b"=x")
    data = dump(proto) + b"extra bytes after the chunk"
    for size in (1, 2, 5, 1000):
        first, feed, state = _pieces(data, size)
        assert dump(undump(first, b"=x", feed)) == dump(proto)
        needed = len(data) - len(b"extra bytes after the chunk")
        assert state["given"] == max(1, -(-needed // size))
