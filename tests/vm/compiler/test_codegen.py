"""Bytecode identity with luac5.1 over the corpus, and chunks that real Lua 5.1 runs.

For every corpus program: our ``-l -l`` listing equals luac5.1's (addresses masked); the chunk
luac5.1 writes loads here and lists the same; and the chunk we write runs under lua5.1 with the
same output as the source does.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ferrous_repl.luac import main as luac_main
from vm.bytecode.chunk import dump, undump
from vm.bytecode.listing import list_function
from vm.compiler import compile_source

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is required (Debian package lua5.1)"
    return found


def mask(text: str) -> str:
    return ADDRESS.sub("0x?", text).rstrip("\n")


def programs() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.lua") if p.parent.name != "syntax_errors")


def source_of(path: Path) -> bytes:
    """The file as luaL_loadfile reads it: a first line starting with '#' is skipped."""
    data = path.read_bytes()
    if data.startswith(b"#"):
        nl = data.find(b"\n")
        data = b"\n" + data[nl + 1:] if nl >= 0 else b""
    return data


def luac_listing(path: Path) -> str:
    proc = subprocess.run([tool("luac5.1"), "-l", "-l", "-p", str(path)], capture_output=True,
                          check=True)
    return mask(proc.stdout.decode("latin-1"))


def test_corpus_is_large() -> None:
    assert len(programs()) >= 150


@pytest.mark.parametrize("path", programs(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_listing_identical_to_luac(path: Path) -> None:
    proto = compile_source(source_of(path), b"@" + str(path).encode())
    assert mask(list_function(proto, True)) == luac_listing(path)


@pytest.mark.parametrize("path", programs(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_luac_chunks_load_and_list_identically(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "luac.out"
    subprocess.run([tool("luac5.1"), "-o", str(out), str(path)], check=True)
    chunk = out.read_bytes()
    proto = undump(chunk, b"=luac.out")
    assert mask(list_function(proto, True)) == luac_listing(path)
    assert dump(proto) == chunk
    ours = compile_source(source_of(path), b"@" + str(path).encode())
    assert dump(ours) == chunk


def run_lua(target: Path, cwd: Path) -> tuple[int, bytes, bytes]:
    proc = subprocess.run([tool("lua5.1"), str(target)], cwd=cwd, capture_output=True,
                          timeout=60, check=False)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("path", programs(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_our_chunks_run_in_lua51(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chunk written by ``ferrous luac -o`` runs in lua5.1 exactly as the source does."""
    out = tmp_path / (path.stem + ".luac")
    monkeypatch.chdir(path.parent)
    errors = io.BytesIO()
    status = luac_main(["-o", str(out), path.name], stdout=io.BytesIO(), stderr=errors)
    assert status == 0, errors.getvalue()
    ran_source = run_lua(Path(path.name), path.parent)
    ran_chunk = run_lua(out, path.parent)
    assert ran_chunk == ran_source
