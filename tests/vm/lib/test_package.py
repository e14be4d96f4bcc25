"""The package library (require, module, package.*) against the lua5.1 binary: each program
runs as ``lua prog.lua`` in a directory of module files, with LUA_PATH/LUA_CPATH pointing
there, under both interpreters; output, error messages, tracebacks and exit status must match.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

PATHS = {"LUA_PATH": "./?.lua;./?/init.lua;./mods/?.luac", "LUA_CPATH": "./?.so;./clib/?.so"}

# name -> (program, module files)
CASES: dict[str, tuple[str, dict[str, bytes | None]]] = {
    "require_loads_once": ("""
        print(require("m"), package.loaded.m, M_RUNS)
        print(require("m"), M_RUNS)
        package.loaded.m = nil
        print(require("m"), M_RUNS)
    """, {"m.lua": b"M_RUNS = (M_RUNS or 0) + 1\nprint('loading', ...)\nreturn {n = M_RUNS}\n"}),
    "require_results": ("""
        print(require("t"), require("f"), require("nothing"), require("set"))
        print(package.loaded.t, package.loaded.f, package.loaded.nothing, package.loaded.set)
    """, {"t.lua": b"return true", "f.lua": b"return false", "nothing.lua": b"",
          "set.lua": b"package.loaded[...] = 'own'; return nil"}),
    "require_subpackages": ("""
        local a = require("a.b")
        print(a.name, require("a"))
        print(require("p"), require("p.q").x)
    """, {"a/b.lua": b"return {name = ...}", "a/init.lua": b"return 'a init'",
          "p/init.lua": b"return 'p'", "p/q/init.lua": b"return {x = 'pq'}"}),
    "require_not_found": ("""
        print(pcall(require, "nope"))
        print(pcall(require, "nope.sub"))
        print(pcall(require, 42))
        print(pcall(require))
        print(pcall(require, "a\\0b"))
    """, {}),
    "require_error_position": ("""
        local function f()
          return require("missing")
        end
        f()
    """, {}),
    "require_loop": ("""
        print(pcall(require, "la"))
        print(package.loaded.la, package.loaded.lb)
    """, {"la.lua": b"require 'lb'", "lb.lua": b"require 'la'"}),
    "require_previous_error": ("""
        print(pcall(require, "bad"))
        print(type(package.loaded.bad))
        print(pcall(require, "bad"))
    """, {"bad.lua": b"error('bad module')"}),
    "require_syntax_error": ("""
        print(pcall(require, "syn"))
        print(require("syn"))
    """, {"syn.lua": b"x = = 1"}),
    "require_binary_chunk": ("""
        local f = io.open("mods/bin.luac", "wb")
        f:write(string.dump(function(...) return "binary " .. ... end))
        f:close()
        print(require("bin"))
    """, {"mods": None}),
    "require_directory_on_path": ("""
        print(pcall(require, "dir"))
    """, {"dir.lua": None}),
    "preload": ("""
        package.preload.pre = function(...) print("preload", ...) return {x = 1} end
        print(require("pre").x, package.loaded.pre.x)
        package.preload = 1
        print(pcall(require, "other"))
    """, {}),
    "loaders_custom": ("""
        local seen = {}
        package.loaders = {
          function(n) seen[#seen + 1] = n; return "\\n\\tfirst " .. n end,
          function(n) return 7 end,
          function(n) return nil end,
          function(n) return {} end,
        }
        print(pcall(require, "zz"))
        print(#seen)
        table.insert(package.loaders, 2, function(n) return function(...) return "found " .. ... end end)
        print(require("zz"))
        package.loaders = nil
        print(pcall(require, "yy"))
    """, {}),
    "loaders_called_directly": ("""
        local l = package.loaders
        print(#l, type(l[1]), type(l[4]))
        print(l[1]("none"))
        print(l[2]("none"))
        print(l[2]("m"))
        print(l[3]("none"))
        print(l[4]("none"))
        print(l[4]("none.sub"))
        print(pcall(l[2]))
    """, {"m.lua": b"return 1"}),
    "path_not_string": ("""
        package.path = 12
        print(pcall(require, "x12"))
        package.path = {}
        print(pcall(require, "x"))
        package.path = ""
        print(pcall(require, "x"))
        package.path = ";;./?.lua;;"
        print(pcall(require, "x"))
        package.path = "??\\0?"
        print(pcall(require, "x"))
    """, {}),
    "c_searchers": ("""
        print(pcall(require, "short"))
        print(pcall(require, "text"))
        print(pcall(require, "cdir"))
        print(pcall(require, "short.sub"))
        print(pcall(require, "-short"))
        print(pcall(require, "nosuch.sub"))
    """, {"short.so": b"tiny", "clib/text.so": b"x" * 200, "cdir.so": None}),
    "loadlib": ("""
        print(package.loadlib("./nosuch.so", "luaopen_x"))
        print(package.loadlib("nosuch.so", "luaopen_x"))
        print(package.loadlib("./short.so", "f"))
        print(package.loadlib("./text.so", "f"))
        print(package.loadlib("./d", "f"))
        print(pcall(package.loadlib, "x"))
        print(pcall(package.loadlib))
        print(loadlib)
    """, {"short.so": b"abc", "text.so": b"y" * 100, "d": None}),
    "module_basics": ("""
        local print, package, G, getfenv, module = print, package, _G, getfenv, module
        module("mymod")
        x = 1
        print(_NAME, _M == G.mymod, _PACKAGE, G.mymod.x, getfenv(1) == G.mymod, G.x)
        module("a.b.c", package.seeall)
        y = 2
        print(_NAME, _PACKAGE, a.b.c.y, a.b._NAME, a._M, x)
        print(package.loaded["a.b.c"] == _M, package.loaded.mymod == mymod)
    """, {}),
    "module_options_and_reuse": ("""
        local print, pcall, module = print, pcall, module
        local function opt(tag) return function(m) print("option", tag, m._NAME) end end
        module("o", opt(1), opt(2))
        z = 3
        module("o")
        print(z, _NAME)
        local t = {}
        package = nil
    """, {}),
    "module_conflicts": ("""
        print(pcall(module, "x"))
        x = 1
        print(pcall(function() module("x") end))
        print(pcall(function() module("math.sin") end))
        print(pcall(function() module("string") end))
        print(pcall(function() module() end))
        print(pcall(function() module(12) end))
        y = 1
        print(pcall(function() module("y") end))
        print(pcall(function() module("y.z") end))
        w = {v = 2}
        print(pcall(function() module("w.v.u") end))
    """, {}),
    "module_required": ("""
        local m = require("mod")
        print(m._NAME, m.f(2), m.g, mod == m, m._G == _G)
        local s = require("sub.mod")
        print(s._NAME, s._PACKAGE, sub.mod == s, s.h)
    """, {"mod.lua": b"module(..., package.seeall)\nfunction f(x) return x * 10 end\n",
          "sub/mod.lua": b"module(...)\nh = 'hidden'\n"}),
    "module_existing_table": ("""
        ex = {keep = 1}
        local ex0, print, G = ex, print, _G
        module("ex")
        print(ex0 == G.ex, keep, _NAME, G.package.loaded.ex == ex0)
        ex0._NAME = "renamed"
        module("ex")
        print(_NAME, _M)
    """, {}),
    "seeall": ("""
        local t = setmetatable({}, {__call = 1})
        package.seeall(t)
        print(t.print == print, getmetatable(t).__call)
        local u = {}
        package.seeall(u)
        print(u.string == string)
        print(pcall(package.seeall, 1))
    """, {}),
    "loaded_metamethods": ("""
        local hits = 0
        setmetatable(package.loaded, {__index = function(t, k) hits = hits + 1 end})
        print(require("m"), hits)
        print(require("m"), hits)
    """, {"m.lua": b"return 'mm'"}),
    "globals_newindex_module": ("""
        local log = {}
        setmetatable(_G, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end})
        local f = function() module("ga.gb") end
        f()
        print(table.concat(log, ","), ga.gb._NAME)
    """, {}),
    "package_fields": ("""
        print(package.config)
        print(package.path)
        print(package.cpath)
        local n = 0
        for k in pairs(package.loaded) do n = n + 1 end
        print(n, package.loaded._G == _G, package.loaded.string == string)
        print(require("string") == string, require("package") == package, require("coroutine") == coroutine)
        print(type(package.preload), #package.loaders)
    """, {}),
    # require and the chunks it runs are VM frames: the depth is 5.1's C-call limit
    "deep_require_chain": ("""
        local depth = 0
        for i = 1, 60 do
          package.preload["m" .. i] = function()
            depth = depth + 1
            if i < 60 then return require("m" .. (i + 1)) end
            return depth
          end
        end
        print(require("m1"))
        for i = 1, 300 do
          package.preload["n" .. i] = function() return require("n" .. (i + 1)) end
        end
        local ok, err = pcall(require, "n1")
        print(ok, string.match(err, "C stack overflow"))
    """, {}),
    "uncaught_require_errors": ("""
        require("deep")
    """, {"deep.lua": b"local function g() error('from deep') end\ng()\n"}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_package_like_lua51(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program, files = CASES[name]
    files = {**files, "prog.lua": program.encode()}
    compare(["prog.lua"], tmp_path, monkeypatch, files=files, env=PATHS)


@pytest.mark.parametrize("env", [
    {},
    {"LUA_PATH": "a;;b", "LUA_CPATH": ";;x"},
    {"LUA_PATH": ";;;", "LUA_CPATH": "\1"},
    {"LUA_PATH": "", "LUA_CPATH": "only/?.so"},
])
def test_default_paths(env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["-e", "print(package.path) print(package.cpath) print(pcall(require, 'no_such_mod'))"],
            tmp_path, monkeypatch, env=env)

