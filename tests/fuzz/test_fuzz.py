"""The fuzzer, bounded: a few seconds of it in every suite run (tests/fuzz/campaign.py runs
thousands). Fixed seeds, so a failure here is reproducible with the campaign's --seed.

Generated and mutated programs must give lua5.1's output, error or load error exactly, in
both tiers; mutated binary chunks must load or be refused as lua5.1 decides, and whatever loads
must run to a Lua result or a Lua error, the same in both tiers (what they compute is not
compared with lua5.1: a crafted chunk may read registers lvm.c leaves holding a callee's
values, where ferrous has nil). A Python exception out of ferrous fails every one of them.
"""

from __future__ import annotations

import random
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.fuzz.harness import run_ferrous, run_lua
from tests.fuzz.mutations import code_offsets, mutate_chunk, mutate_code, mutate_source
from tests.fuzz.programs import KINDS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def check(data: bytes, tmp_path: Path | None) -> str:
    """Run data in both tiers (and lua5.1 unless tmp_path is None); the outcome's kind."""
    interp = run_ferrous(data, "interp")
    assert interp.kind != "internal", (data, interp.text.decode("utf-8", "replace"))
    comp = run_ferrous(data, "compiled")
    assert comp.kind != "internal", (data, comp.text.decode("utf-8", "replace"))
    if "limit" not in (interp.kind, comp.kind):
        assert comp == interp, data
    if tmp_path is not None:
        lua = run_lua(data, tmp_path)
        if lua.comparable() and interp.comparable():
            assert interp == lua, data
    return interp.kind


@pytest.mark.parametrize("kind, count", [("plain", 8), ("deep", 4), ("wide", 4), ("mutated", 8)])
def test_programs_like_lua(kind: str, count: int, tmp_path: Path):
    rng = random.Random(f"suite/{kind}")
    bases = [p.read_bytes() for p in sorted(CORPUS.glob("*/*.lua"))][:40]
    kinds = Counter()
    for _ in range(count):
        if kind == "mutated":
            base = rng.choice(bases) if rng.random() < 0.5 else KINDS["plain"](rng)
            data = mutate_source(rng, base, kind_only=rng.random() < 0.6)
        else:
            data = KINDS[kind](rng)
        kinds[check(data, tmp_path)] += 1
    assert kinds["ok"] + kinds["err"] > 0, kinds  # some ran (the generators are not all broken)


def test_mutated_chunks_run_cleanly(tmp_path: Path):
    rng = random.Random("suite/chunks")
    sources = [p for p in sorted(CORPUS.glob("*/*.lua"))][:30]
    chunks = []
    for i, path in enumerate(sources):
        out = tmp_path / f"c{i}.luac"
        # the source named relative to its folder: the chunk (and so every mutation drawn from the
        # seed) is the same bytes wherever the checkout lies
        proc = subprocess.run(["luac5.1", *(["-s"] if i % 3 == 0 else []), "-o", str(out), path.name],
                              capture_output=True, check=False, cwd=path.parent)
        if proc.returncode == 0:
            data = out.read_bytes()
            chunks.append((data, code_offsets(data)))
    assert len(chunks) > 20
    kinds = Counter()
    for n in range(80):
        data, offsets = rng.choice(chunks)
        if n % 4 == 0:
            data = mutate_chunk(rng, data)
        else:
            for _ in range(1 + rng.randrange(3)):
                data = mutate_code(rng, data, offsets)
        kinds[check(data, None)] += 1
    assert kinds["ok"] + kinds["err"] >= 10, kinds  # enough of them got past the verifier and ran


FINDINGS = [  # programs the campaign found differing, reduced: lua5.1's output in both tiers
    # luai_nummod on -0: C's floor(-0.0) keeps the sign, so -0 % 5 computed at run time is 0
    b"local z, p, n, s = -0, 5, -5, '5' print(z % p, z % n, z % s, -0 % ('1e2' ^ 3), z % 1e300)\n"
    b"for i = 1, 3 do print(z % p, z % 2, (-i) % i) end",
]


@pytest.mark.parametrize("source", FINDINGS)
def test_campaign_findings(source: bytes, tmp_path: Path):
    assert check(source, tmp_path) == "ok"


def test_campaign_findings_stripped(tmp_path: Path):
    # debug.getinfo's currentline in a stripped chunk is 0 (getline without line information)
    (tmp_path / "s.lua").write_bytes(b"print(debug.getinfo(1, 'l').currentline)\n"
                                     b"local function f() return debug.getinfo(1, 'l').currentline end\n"
                                     b"print(f(), debug.getinfo(print, 'l').currentline)\n")
    subprocess.run(["luac5.1", "-s", "-o", "s.luac", "s.lua"], cwd=tmp_path, check=True)
    assert check((tmp_path / "s.luac").read_bytes(), tmp_path) == "ok"
