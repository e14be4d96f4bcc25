"""The VM never recurses in Python: deep Lua recursion ends in Lua's own errors, at 5.1's
depth, and mixtures of Lua calls, metamethods, pcall and library callbacks nest freely."""

from __future__ import annotations

import subprocess
from io import BytesIO

import pytest

from vm.session import Session

PROGRAMS = {
    "non_tail_recursion_in_pcall": """
        local depth = 0
        local function f(n) depth = n; return 1 + f(n + 1) end
        print(pcall(f, 1))
        print(depth)
    """,
    "deep_but_legal": """
        local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end
        print(f(15000))
    """,
    "million_tail_calls": """
        local function g(n, acc) if n == 0 then return acc end return g(n - 1, acc + 1) end
        print(g(1000000, 0))
    """,
    "index_and_pcall_alternating": """
        local t
        t = setmetatable({}, {__index = function(t, k)
          return pcall(function() return t[k] end)
        end})
        print(pcall(function() return t.x end))
    """,
    "index_function_chain": """
        local n = 0
        local t = setmetatable({}, {__index = function(t, k) n = n + 1; return t[k] end})
        print(pcall(function() return t.x end))
        print(n > 100)
    """,
    "sort_comparator_recursion": """
        local depth = 0
        local function cmp(a, b)
          depth = depth + 1
          if depth < 150 then table.sort({3, 2, 1}, cmp) end
          return a < b
        end
        local ok, err = pcall(table.sort, {5, 4, 3, 2, 1}, cmp)
        print(ok, err, depth)
    """,
    "tostring_recursion": """
        local mt = {}
        mt.__tostring = function(self) return "<" .. tostring(self.inner) .. ">" end
        local v = 0
        for i = 1, 150 do v = setmetatable({inner = v}, mt) end
        print(pcall(tostring, v))
    """,
}


def ours(src: str) -> bytes:
    out = BytesIO()
    Session(out).run(src.encode(), b"=prog")
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_as_lua51(name: str) -> None:
    src = PROGRAMS[name]
    ref = subprocess.run(["lua5.1", "-"], input=src.encode(), capture_output=True,
                         check=True).stdout
    assert ours(src).replace(b"prog:", b"stdin:") == ref
