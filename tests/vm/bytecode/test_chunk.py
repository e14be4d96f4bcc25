"""Binary chunks against luac5.1's own files, lupa's lua51 and the lua5.1 binary.

dump must write what luac writes, byte for byte; undump must accept exactly what Lua accepts and
refuse the rest with Lua's own message; and no input at all may make it raise anything but
LoadError.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.mutations import mutate
from vm.bytecode.chunk import (
    HEADER,
    LUAI_MAXCCALLS,
    chunk_error_name,
    dump,
    is_binary_chunk,
    strip,
    undump,
)
from vm.bytecode.listing import list_function
from vm.bytecode.opcodes import Op, create_abc, create_abx
from vm.bytecode.proto import LocVar, Proto
from vm.bytecode.verify import check_code
from vm.errors import LoadError

# --- round trips against luac ---------------------------------------------------------------------


def test_dump_undump_is_identity(corpus, snippet):
    c = corpus[snippet]
    assert dump(undump(c.chunk, b"=x")) == c.chunk
    # a stripped chunk loads with the source "=?" (lundump.c's default), which strip drops again
    assert dump(undump(c.stripped, b"=x"), strip=True) == c.stripped


def test_strip_matches_luac_s(bc, corpus, snippet):
    c = corpus[snippet]
    proto = undump(c.chunk, b"=x")
    assert dump(proto, strip=True) == c.stripped
    assert dump(strip(proto), strip=True) == c.stripped
    assert bc.mask(list_function(strip(proto), full=True)) == bc.mask(c.stripped_listing_full)


def test_undump_fields(corpus):
    proto = undump(corpus["closures"].chunk, b"=x")
    assert proto.source == b"@closures.lua"
    assert all(child.source == b"@closures.lua" for child in proto.protos)
    assert all(isinstance(k, (bytes, float, bool)) or k is None for k in proto.constants)
    assert not any(type(k) is int for k in proto.constants)  # numbers are always floats
    assert isinstance(proto.locvars[0], LocVar)
    stripped = undump(corpus["closures"].stripped, b"=x")
    assert stripped.source == b"=?" and stripped.protos[0].source == b"=?"
    assert stripped.lineinfo == [] and stripped.locvars == [] and stripped.upvalues == []


# --- chunks run in real Lua -----------------------------------------------------------------------


def test_dumped_chunks_run_in_lua(bc, corpus, snippet):
    c = corpus[snippet]
    expected = bc.run_in_lua(c.source.encode("latin-1"), b"@" + c.path.name.encode())
    proto = undump(c.chunk, b"=x")
    assert bc.run_in_lua(dump(proto)) == expected
    assert bc.run_in_lua(dump(proto, strip=True)) == expected


def test_string_dump_round_trips(corpus, snippet):
    from lupa import lua51

    lua = lua51.LuaRuntime(encoding=None)
    dumper = lua.eval("function(s, n) return string.dump(assert(loadstring(s, n))) end")
    for name in (b"=stdin", b"@" + snippet.encode(), corpus[snippet].source.encode("latin-1")):
        chunk = dumper(corpus[snippet].source.encode("latin-1"), name)
        assert dump(undump(chunk, b"=x")) == chunk


def test_hand_built_proto_runs_in_lua(bc):
    """A prototype tree made here, not by luac: nested sources, upvalues and locals."""
    ret = create_abc(Op.RETURN, 0, 1, 0)
    inner = Proto(
        source=b"@inner.lua",  # differs from the parent: written out
        linedefined=3,
        lastlinedefined=5,
        nups=1,
        numparams=1,
        maxstacksize=3,
        code=[
            create_abc(Op.GETUPVAL, 1, 0, 0),
            create_abc(Op.ADD, 1, 1, 0),
            create_abc(Op.RETURN, 1, 2, 0),
            ret,
        ],
        lineinfo=[4, 4, 4, 5],
        locvars=[LocVar(b"x", 0, 4)],
        upvalues=[b"base"],
    )
    main = Proto(
        source=b"=main",
        is_vararg=2,
        maxstacksize=3,
        code=[
            create_abx(Op.LOADK, 0, 0),
            create_abx(Op.CLOSURE, 1, 0),
            create_abc(Op.MOVE, 0, 0, 0),
            create_abx(Op.LOADK, 2, 1),
            create_abc(Op.TAILCALL, 1, 2, 0),
            create_abc(Op.RETURN, 1, 0, 0),
            ret,
        ],
        constants=[40.0, 2.0],
        protos=[inner],
        lineinfo=[1, 2, 2, 6, 6, 6, 6],
        locvars=[LocVar(b"base", 1, 7)],
    )
    chunk = dump(main)
    assert bc.run_in_lua(chunk) == b"true 42"
    again = undump(chunk, b"=x")
    assert again.protos[0].source == b"@inner.lua"
    assert dump(again) == chunk


# --- errors as Lua words them ---------------------------------------------------------------------


def _lua_load():
    from lupa import lua51

    lua = lua51.LuaRuntime(encoding=None)
    return lua.eval("function(s, n) local f, e = loadstring(s, n) return f ~= nil, e end")


def _ours(data: bytes, name: bytes) -> tuple[bool, bytes | None]:
    try:
        undump(data, name)
    except LoadError as e:
        return False, e.msg
    return True, None


def test_error_names_like_lua(corpus):
    load = _lua_load()
    chunk = corpus["arith"].chunk
    names = [b"@x.lua", b"=stdin", b"plain", b"\x1bLua", chunk, b"", b"a\0b", b"@", b"=", b"@a\0b"]
    for name in names:
        for data in (chunk[:20], chunk[:5] + b"\x00" + chunk[6:]):
            ok, msg = load(data, name)
            assert _ours(data, name) == (ok, msg), name
    assert chunk_error_name(b"@x") == b"x" and chunk_error_name(b"\x1bxyz") == b"binary string"


@pytest.mark.parametrize("name", ["arith", "closures", "strings_all_bytes", "varargs", "numbers"])
def test_every_truncation_like_lua(corpus, name):
    load = _lua_load()
    for chunk in (corpus[name].chunk, corpus[name].stripped):
        for n in range(1, len(chunk)):  # from 1: Lua parses the empty string as source
            assert _ours(chunk[:n], b"=x") == load(chunk[:n], b"=x"), n


def test_header_bytes_like_lua(corpus):
    load = _lua_load()
    chunk = corpus["arith"].chunk
    for i in range(1, len(HEADER)):  # byte 0 decides between source and binary
        for value in (0, 1, 4, 8, 0x50, 0x52, 0xFF):
            data = chunk[:i] + bytes([value]) + chunk[i + 1 :]
            assert _ours(data, b"=x") == load(data, b"=x"), (i, value)


def _chain(depth: int) -> bytes:
    """A chunk of `depth` functions, each nested in the one before."""
    f = Proto(source=b"@deep", code=[create_abc(Op.RETURN, 0, 1, 0)])
    for _ in range(depth - 1):
        f = Proto(
            source=b"@deep",
            code=[create_abx(Op.CLOSURE, 0, 0), create_abc(Op.RETURN, 0, 1, 0)],
            protos=[f],
        )
    return dump(f)


def test_code_too_deep_like_luac(bc, tmp_path: Path):
    for depth in (LUAI_MAXCCALLS - 2, LUAI_MAXCCALLS - 1, LUAI_MAXCCALLS, 5000):
        data = _chain(depth)
        (tmp_path / "deep.luac").write_bytes(data)
        proc = subprocess.run(
            [bc.luac_path(), "-p", "deep.luac"], cwd=tmp_path, capture_output=True, check=False
        )
        ours = _ours(data, b"@deep.luac")
        if proc.returncode == 0:
            assert ours == (True, None), depth
        else:
            assert proc.stderr.endswith(b": " + ours[1] + b"\n"), (depth, proc.stderr, ours)
        assert ours == _lua_load()(data, b"@deep.luac")


def test_specific_errors_like_lua(corpus):
    load = _lua_load()
    chunk = corpus["arith"].chunk
    size_code = len(HEADER) + 8 + 1 + 4 + 4 + 4  # after source (NUL-less "@arith.lua" + size)
    src_len = len(b"@arith.lua") + 1
    at = size_code + src_len
    cases = {
        "bad integer": chunk[:at] + b"\xff\xff\xff\xff" + chunk[at + 4 :],
        "huge code": chunk[:at] + b"\xff\xff\xff\x7f" + chunk[at + 4 :],
        "bad header": b"\x1bLuaQ\x00\x00" + chunk[7:],
        "escape only": b"\x1b",
        "signature only": b"\x1bLua",
        "no code": HEADER + bytes(8) + bytes(8) + b"\x00\x00\x00\x02" + bytes(4) * 5,
    }
    for why, data in cases.items():
        theirs = load(data, b"=x")
        assert _ours(data, b"=x") == theirs, why
    assert _ours(cases["bad integer"], b"=x")[1] == b"x: bad integer in precompiled chunk"


def test_trailing_bytes_are_ignored(corpus):
    chunk = corpus["arith"].chunk
    assert dump(undump(chunk + b"junk", b"=x")) == chunk
    assert _lua_load()(chunk + b"junk", b"=x") == (True, None)


def test_is_binary_chunk(corpus):
    assert is_binary_chunk(corpus["arith"].chunk)
    assert is_binary_chunk(b"\x1bLu")  # Lua decides on the first byte: this fails as bad header
    assert not is_binary_chunk(b"return 1")
    assert not is_binary_chunk(b"")


# --- no input raises anything but LoadError -------------------------------------------------------


def _check_any(data: bytes) -> None:
    try:
        proto = undump(data, b"=fuzz")
    except LoadError as e:
        assert e.msg.startswith(b"fuzz: ") and e.msg.endswith(b" in precompiled chunk")
        return
    # whatever loads can be listed, dumped and loaded again, and passes the verifier
    list_function(proto, full=True)
    again = undump(dump(proto), b"=fuzz")
    assert check_code(again)
    assert list_function(again, full=True) == list_function(proto, full=True)


@given(st.binary(max_size=400))
@settings(max_examples=500)
def test_arbitrary_bytes(data: bytes):
    _check_any(data)


@given(st.binary(max_size=400))
@settings(max_examples=500)
def test_arbitrary_bytes_after_header(data: bytes):
    _check_any(HEADER + data)


_MUTATION = st.tuples(
    st.sampled_from(["flip", "set", "int", "insert", "delete", "truncate", "zero", "dup"]),
    st.floats(min_value=0, max_value=1, exclude_max=True),
    st.integers(min_value=0, max_value=(1 << 32) - 1),
)


_SMALL = [
    "arith", "compare_logic", "loops", "generic_for", "closures", "upvalue_chain", "varargs",
    "tables", "strings_all_bytes", "numbers", "calls", "globals", "loadnil", "singulars",
    "conditions", "nested_close", "parens_adjust", "recursive_local", "empty",
]  # fmt: skip


@given(
    st.sampled_from(_SMALL),
    st.booleans(),
    st.lists(_MUTATION, min_size=1, max_size=4),
)
@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_mutated_chunks(corpus, name: str, stripped: bool, mutations):
    data = corpus[name].stripped if stripped else corpus[name].chunk
    for mutation in mutations:
        data = mutate(data, *mutation)
    _check_any(data)


def test_deep_nesting_is_no_recursion_error():
    # a chain too deep for Lua, and a long SETLIST-free prefix of nested protos: LoadError only
    data = _chain(100_000)
    with pytest.raises(LoadError, match="code too deep"):
        undump(data, b"=x")
    proto = Proto(source=b"=x", code=[create_abc(Op.RETURN, 0, 1, 0)])
    for _ in range(5000):
        proto = Proto(
            source=b"=x", code=[create_abx(Op.CLOSURE, 0, 0), create_abc(Op.RETURN, 0, 1, 0)], protos=[proto]
        )
    assert len(list_function(proto, full=True)) > 0
    assert len(dump(proto)) > 0


# --- differential against the lua5.1 binary on many mutants --------------------------------------


def test_mutants_load_like_lua(bc, corpus, tmp_path: Path):
    # 3,000 mutants: about 330 load (each listed by its own luac5.1 process), 1,600 refused
    # with a message, 1,070 refused for memory
    rng = random.Random(5151)
    kinds = ["flip", "set", "int", "insert", "delete", "truncate", "zero", "dup"]
    mutants = []
    for n in range(3000):
        c = corpus[_SMALL[n % len(_SMALL)]]
        data = c.stripped if n % 3 == 0 else c.chunk
        for _ in range(1 + rng.randrange(3)):
            data = mutate(data, rng.choice(kinds), rng.random(), rng.getrandbits(32))
        mutants.append(data)
    theirs = bc.lua_load_many(mutants, tmp_path)
    accepted = []
    counts = {"ok": 0, "err": 0, "memory": 0}
    for i, (data, (ok, msg)) in enumerate(zip(mutants, theirs, strict=True)):
        ours = _ours(data, b"=x")
        if not ok and msg in bc.MEMORY_ERRORS:
            counts["memory"] += 1
            assert ours[0] is False, i  # Lua ran out of memory allocating a huge size: we refuse
            continue
        assert ours == (ok, msg), (i, ours, msg)
        counts["ok" if ok else "err"] += 1
        if ok:
            accepted.append(i)
    assert counts["ok"] > 100 and counts["err"] > 1000, counts
    # what loads lists as luac lists it
    listings = bc.luac_listings([mutants[i] for i in accepted], tmp_path)
    compared = 0
    for i, expected in zip(accepted, listings, strict=True):
        if expected is None:
            continue
        proto = undump(mutants[i], b"=x")
        ours_text = list_function(proto, full=True).encode("utf-8", "surrogateescape")
        assert bc.mask(ours_text.decode("latin-1")) == bc.mask(expected.decode("latin-1")), i
        compared += 1
    assert compared > 100
