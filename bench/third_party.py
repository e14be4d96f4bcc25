"""Third-party Lua libraries' own test suites under lua5.1 and under ferrous, compared.

Usage: uv run python bench/third_party.py [--src DIR] [--tier interp,compiled] [-v] [NAME ...]

DIR (default /tmp/qa/src) holds the libraries, fetched outside the repository (never commit
them), one folder each, named as in SUITES below (e.g. DIR/lume, DIR/json.lua). For a GitHub
snapshot in a bare git directory: ``git --git-dir=REPO archive HEAD | tar -x -C DIR/NAME``.
A suite whose folder is missing is reported as missing (and the exit status is 1).

Each suite runs in its own process, once under ``lua5.1`` and once under ``ferrous`` per tier
(``FERROUS_TIER``: ``interp``, and ``compiled`` when the VM has that tier), with the same
working directory, arguments and LUA_PATH; a ``lua`` on the PATH runs the interpreter being
tested, so suites that start ``lua`` through io.popen test it too. Busted and telescope specs
run through bench/third_party/busted.lua (luassert and say, also fetched, on the path);
bench/third_party/bit.lua and lfs.lua stand in for the C modules LuaBitOp and LuaFileSystem,
Test/More.lua for lua-TestMore, tested.lua for the ``tested`` framework (ftcsv),
cjson_from_dkjson/ and lpeg_from_lulpeg/ for lua-cjson and lpeg. An argument with ``*`` is
expanded when the suite runs (sorted, relative to its working directory).
Standard output, standard error and the exit status must be identical, after masking what
differs by nature: addresses (``0x55d1...``), the program name before an uncaught error
(``lua5.1:`` / ``ferrous:``) and each suite's own timing lines. Prints one line per suite and
run, the first differing line of each difference, and the totals (a suite whose output differs
between two lua5.1 runs, e.g. one that prints pairs over tables keyed by tables, is reported as
not comparable; serpent's one such line is masked); exits with status 1 when something differs.
``--keep DIR`` writes every run's masked output there for a closer look. ``--trace-pairs`` runs
both interpreters with bench/third_party/trace_pairs.lua as LUA_INIT, which writes every key
``pairs``/``next`` hands out to standard error: the traversal orders are compared too.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "third_party"
FERROUS = Path(sys.executable).with_name("ferrous")
ADDRESS = re.compile(rb"0x[0-9a-fA-F]{6,}")
TMPDIR = re.compile(rb"/tmp/third_party\.[\w]+")
PROGNAME = re.compile(rb"(?m)^(?:lua5\.1|ferrous|lua): ")


@dataclass(frozen=True, slots=True)
class Suite:
    """One library's test suite: where it lives, how it is run, what is masked in its output."""

    name: str
    argv: tuple[str, ...]
    folder: str = ""
    cwd: str = "."
    lua_path: str = "./?.lua;./?/init.lua"
    busted: bool = False
    masks: tuple[str, ...] = ()
    timeout: float = 1200
    prepare: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)

    @property
    def root(self) -> str:
        return self.folder or self.name


def busted(name: str, specs: str, lua_path: str = "./?.lua;./src/?.lua;./?/init.lua", **kw) -> Suite:
    return Suite(name, (str(HERE / "busted.lua"), *specs.split()), lua_path=lua_path, busted=True,
                 **kw)


SUITES: list[Suite] = [
    Suite("json.lua", ("test.lua",), cwd="test"),
    Suite("lume", ("test.lua",), cwd="test", lua_path="./?.lua;../?.lua"),
    # the "full:" line walks tables keyed by tables with pairs, in an order lua5.1 takes from addresses
    Suite("serpent", ("t/test.lua",), lua_path="./src/?.lua", masks=(rb"(?m)^full: do local _=.*$",)),
    Suite("dkjson", ("jsontest.lua",)),
    Suite("luaunit", ("run_unit_tests.lua",), masks=(rb"in [\d.]+ seconds", rb"time=\"[\d.]+\"")),
    Suite("Fennel-tests", ("test/init.lua",), folder="Fennel", lua_path="?.lua",
          masks=(rb"approximately \d+ second\(s\)", rb"[\d.]+ second\(s\) of CPU time used"),
          prepare=("make", "fennel", "fennel.lua", "test/faith.lua", "LUA=lua5.1")),
    Suite("Fennel-bootstrap", ("bootstrap/aot.lua", "src/fennel.fnl", "--require-as-include"),
          folder="Fennel", lua_path="?.lua", env={"FENNEL_PATH": "src/?.fnl"},
          prepare=("make", "fennel", "fennel.lua", "LUA=lua5.1")),
    busted("inspect.lua", "spec/inspect_spec.lua", lua_path="./?.lua;./spec/?.lua"),
    busted("middleclass", "spec/class_spec.lua spec/classes_spec.lua spec/default_methods_spec.lua "
                          "spec/instances_spec.lua spec/metamethods_spec.lua spec/mixins_spec.lua"),
    busted("30log", "specs/cast.lua specs/class.lua specs/classes.lua specs/commons.lua "
                    "specs/instances.lua specs/introspection.lua specs/metamethods.lua "
                    "specs/mixins.lua specs/require.lua specs/singleton.lua specs/subclasses.lua"),
    busted("argparse", "spec/actions_spec.lua spec/arguments_spec.lua spec/commands_spec.lua "
                       "spec/convert_spec.lua spec/default_spec.lua spec/help_spec.lua "
                       "spec/integrity_spec.lua spec/invalid_property_spec.lua spec/mutex_spec.lua "
                       "spec/options_spec.lua spec/pparse_spec.lua spec/tip_spec.lua "
                       "spec/usage_spec.lua"),
    busted("ansicolors.lua", "specs/ansicolors_spec.lua"),
    busted("luassert", " ".join(f"spec/{n}" for n in (
        "assertions_spec.lua", "formatters_spec.lua", "matchers_spec.lua", "mocks_spec.lua",
        "spies_spec.lua", "stub_spec.lua", "state_spec.lua", "output_spec.lua",
        "array_spec.lua", "called_with_spec.lua")), lua_path="./?.lua;./src/?.lua;../Penlight/lua/?.lua"),
    busted("say", "spec/say_spec.lua", lua_path="./src/?.lua;./src/?/init.lua"),
    busted("md5.lua", "spec/md5_spec.lua"),
    busted("sha1.lua", "spec/sha1_spec.lua", lua_path="./src/?.lua;./src/?/init.lua"),
    busted("semver.lua", "spec/semver_spec.lua"),
    busted("tween.lua", "spec/tween_spec.lua"),
    busted("lustache", "spec/context_spec.lua spec/parse_spec.lua spec/render_spec.lua",
           lua_path="./src/?.lua;./src/?/init.lua"),
    busted("i18n.lua", "spec/i18n_spec.lua spec/i18n_interpolate_spec.lua spec/i18n_plural_spec.lua "
                       "spec/i18n_variants_spec.lua"),
    busted("Penlight-spec", " ".join(f"spec/{n}_spec.lua" for n in (
        "app", "array2d", "date", "func", "multimap", "path", "permute", "pretty", "set", "stringx",
        "text", "utils-choose", "utils-deprecate", "utils-enum", "utils-kpairs", "utils-npairs",
        "xml")), folder="Penlight", lua_path="./lua/?.lua;./lua/?/init.lua"),
    Suite("luafun", ("runtest", "basic.lua", "compositions.lua", "filtering.lua", "generators.lua",
                     "indexing.lua", "operators.lua", "reducing.lua", "slicing.lua", "stateful.lua",
                     "transformations.lua"), cwd="tests"),
    Suite("lunajson", ("./test.lua",), cwd="test", lua_path="./?.lua;../src/?.lua;../util/?.lua"),
    Suite("LuLPeg", ("tests/lpeg.0.12.test.lua", "lulpeg")),
    busted("Moses", " ".join(f"spec/{n}_spec.lua" for n in (
        "array", "chaining", "func", "import", "object", "op", "table"))),
    Suite("LuaMinify-parser", ("test_parser.lua",), folder="LuaMinify", cwd="tests"),
    Suite("LuaMinify-minifier", ("test_minifier.lua",), folder="LuaMinify", cwd="tests"),
    Suite("LuaMinify-beautifier", ("test_beautifier.lua",), folder="LuaMinify", cwd="tests"),
    # luacheck checking its own source, and Penlight's (warnings, in a deterministic order)
    Suite("luacheck-self", ("bin/luacheck.lua", "--no-cache", "--no-color", "src"), folder="luacheck",
          lua_path="./src/?.lua;./src/?/init.lua;../argparse/src/?.lua"),
    Suite("luacheck-penlight", ("bin/luacheck.lua", "--no-cache", "--no-color", "--codes",
                                "../Penlight/lua", "../lume/lume.lua", "../serpent/src/serpent.lua"),
          folder="luacheck", lua_path="./src/?.lua;./src/?/init.lua;../argparse/src/?.lua"),

    # libraries added 2026-12-07 (teal-language/tl, Tieske/date, manoelcampos/xml2lua, kikito's)
    busted("date", "spec/date_spec.lua"),
    busted("xml2lua", "spec/acceptance_test_simple_spec.lua spec/acceptance_test_repeated_tags0_spec.lua "
                      "spec/acceptance_test_repeated_tags1_spec.lua "
                      "spec/acceptance_test_repeated_tags2_spec.lua"),
    busted("stateful.lua", "spec/unit_spec.lua spec/acceptance_spec.lua"),
    busted("bump.lua", "spec/bump_spec.lua spec/rect_spec.lua spec/responses_spec.lua "
                       "spec/World_spec.lua"),
    busted("memoize.lua", "spec/memoize_spec.lua"),
    busted("utf8_validator.lua", "spec/utf8_validator_spec.lua"),
    # written for Lua 5.2+ (table.pack): most of its tests fail under lua5.1 too, the same way
    busted("lua-sandbox", "spec/sandbox_spec.lua"),
    busted("lua_cliargs", " ".join(f"spec/{n}_spec.lua" for n in (
        "cliargs", "config_loader", "core", "printer", "features/argument", "features/command",
        "features/flag", "features/integration", "features/option", "features/splatarg",
        "utils/disect", "utils/disect_argument", "utils/split", "utils/wordwrap"))),
    Suite("knife", ("knife/test.lua", "spec/*.lua")),
    Suite("ftcsv", (str(HERE / "tested.lua"), "tests/dynamic_features_test.lua",
                    "tests/error_test.lua", "tests/feature_test.lua", "tests/parseLine_test.lua",
                    "tests/parse_encode_test.lua"),
          lua_path=f"./?.lua;../dkjson/?.lua;{HERE / 'cjson_from_dkjson'}/?.lua"),
    # MoonScript compiling its spec inputs (LuLPeg as lpeg: bench/third_party/moonscript_inputs.lua)
    Suite("moonscript", (str(HERE / "moonscript_inputs.lua"), "spec/inputs/*.moon"),
          lua_path="./?.lua;./?/init.lua;../LuLPeg/?.lua"),
    # Teal: the compiler type-checking itself, and its language specs (busted)
    Suite("tl-check", ("tl", "check", "tl.tl", "teal/parser.tl", "teal/lexer.tl",
                       "teal/gen/lua_generator.tl"), folder="tl",
          lua_path="./?.lua;./?/init.lua;../argparse/src/?.lua"),
]
TL_SPEC_DIRS = ("arguments", "assignment", "call", "code_gen", "declaration", "error_reporting",
                "inference", "lexer", "literals", "macro", "metamethods", "operator", "parser",
                "statement", "stdlib", "subtyping", "varargs")
SUITES += [busted(f"tl-spec-{d}", f"spec/lang/{d}/*_spec.lua", folder="tl",
                  lua_path="./?.lua;./?/init.lua;../argparse/src/?.lua") for d in TL_SPEC_DIRS]


# Penlight's own tests, one process each (pl.path loads lfs: bench/third_party/lfs.lua stands in)
PENLIGHT_TESTS = (
    "__vector", "app", "class", "class2", "class3", "class4", "compat", "comprehension", "config",
    "data", "data2", "date", "dir", "func", "import_into", "lapp", "lexer", "list", "list2", "map",
    "orderedmap", "path", "pretty", "seq", "sip", "strict", "stringio", "tablex", "tablex3",
    "template", "template2", "types", "url", "utils", "utils2", "utils3", "xml")
SUITES += [Suite(f"Penlight-{name}", (f"tests/test-{name}.lua",), folder="Penlight",
                 lua_path="./lua/?.lua;./lua/?/init.lua;./tests/?.lua;./tests/lua/?.lua")
           for name in PENLIGHT_TESTS]

# utf8.lua (Stepets): its test scripts, each one process (test.sh runs them the same way)
UTF8_TESTS = ("charclass_compiletime", "charclass_runtime", "context_runtime", "test", "test_compat",
              "test_pm", "test_utf8data")
SUITES += [Suite(f"utf8.lua-{name}", (f"test/{name}.lua",), folder="utf8.lua") for name in UTF8_TESTS]

# more libraries' own tests (2026-12-07): busted specs, plain test scripts
SUITES += [
    busted("binser", "spec/binser_spec.lua"),
    busted("Jumper", "specs/*_specs.lua", lua_path="./?.lua;./?/init.lua"),  # 7 fail in lua5.1 too
    busted("binaryheap.lua", "spec/binaryheap_spec.lua spec/dijkstras_algorithm_spec.lua"),
    busted("beholder.lua", "spec/acceptance.lua spec/unit.lua"),
    busted("cron.lua", "spec/cron_spec.lua"),
    Suite("lbase64", ("test.lua",)),
    Suite("lua-matrix", ("test.lua",), cwd="test", lua_path="../lua/?.lua"),
    Suite("lua-matrix-complex", ("test_complex.lua",), folder="lua-matrix", cwd="test",
          lua_path="../lua/?.lua"),
    # the 5.3 functions in plain Lua over 5.1's library: its test script exercises that library
    # (it stops at its C API part, testmod, which is not built: status 1 under lua5.1 too)
    Suite("lua-compat-5.3", ("test.lua",), cwd="tests", lua_path="../?.lua;../?/init.lua"),
]
# LuaMacro's tests, each preprocessed and run by its luam front end (LuLPeg as lpeg)
LUAMACRO_TESTS = ("dollar", "lambda", "try", "block", "forall", "scope", "do", "const", "with",
                  "case", "mod", "test", "rawhash", "list", "qw", "include", "proto", "cskin")
SUITES += [Suite(f"LuaMacro-{name}", ("../luam", f"test-{name}.lua"), folder="LuaMacro", cwd="tests",
                 lua_path=f"../?.lua;./?.lua;../../LuLPeg/?.lua;{HERE / 'lpeg_from_lulpeg'}/?.lua")
           for name in LUAMACRO_TESTS]

# lua-TestMore's Lua 5.1 conformance tests (TAP; its own Test.More), LUA_INIT as its Makefile sets
TESTMORE_TESTS = (
    "000-sanity", "001-if", "002-table", "011-while", "012-repeat", "014-fornum", "015-forlist",
    "101-boolean", "102-function", "103-nil", "104-number", "105-string", "106-table", "107-thread",
    "108-userdata", "200-examples", "201-assign", "202-expr", "203-lexico", "211-scope",
    "212-function", "213-closure", "214-coroutine", "221-table", "222-constructor", "223-iterator",
    "231-metatable", "232-object", "241-standalone", "301-basic", "303-package", "304-string",
    "305-table", "306-math", "307-io", "308-os", "309-debug", "310-stdin", "314-regex")
SUITES += [Suite(f"TestMore-{name}", (f"{name}.t",), folder="lua-TestMore", cwd="test_lua51",
                 lua_path="../src/?.lua",
                 env={"LUA_INIT": "platform = { lua=[[lua]], osname=[[linux]], intsize=4 }"})
           for name in TESTMORE_TESTS]

# lua-MessagePack's TAP tests (written for lua-TestMore: bench/third_party/Test/More.lua stands in)
MESSAGEPACK_TESTS = ("00-require", "01-spectest", "02-except", "03-edge", "04-cover", "12-metatable",
                     "14-function")
SUITES += [Suite(f"MessagePack-{name}", (f"test/{name}.t",), folder="lua-MessagePack",
                 lua_path="./src/?.lua") for name in MESSAGEPACK_TESTS]

# Public benchmark collections, at sizes where lua5.1 takes about 0.05 s: the output is compared
# (timings masked), so they are correctness tests here, not measurements.
AWFY = ("Bounce", "CD", "DeltaBlue", "Json", "List", "Mandelbrot", "NBody", "Permute",
        "Queens", "Richards", "Sieve", "Storage", "Towers")
SUITES += [Suite(f"awfy-{name}", ("harness.lua", name, "1", "1"), folder="are-we-fast-yet",
                 cwd="benchmarks/Lua", masks=(rb"\d+us",)) for name in AWFY]
LUAJIT_BENCH = (("array3d", "10"), ("binary-trees", "8"), ("chameneos", "1000"),
                ("coroutine-ring", "1000"), ("fannkuch", "7"), ("fasta", "2000"),
                ("mandelbrot", "100"), ("meteor", "100"), ("nbody", "1000"), ("nsieve", "2"),
                ("partialsums", "10000"), ("pidigits-nogmp", "50"), ("recursive-ack", "5"),
                ("recursive-fib", "20"), ("series", "100"), ("spectral-norm", "50"))
SUITES += [Suite(f"luajit-{name}", (f"{name}.lua", size), folder="LuaJIT-test-cleanup", cwd="bench",
                 masks=(rb"[\d.]+ s, [\d.]+ iterations/s",)) for name, size in LUAJIT_BENCH]


@dataclass(frozen=True, slots=True)
class Run:
    status: int
    stdout: bytes
    stderr: bytes
    seconds: float

    def lines(self) -> list[bytes]:
        out = [b"exit status %d" % self.status]
        out += [b"stderr: " + line for line in self.stderr.splitlines()]
        return out + self.stdout.splitlines()


def deps_dir(src: Path, tmp: Path, interpreter: list[str], env: dict[str, str]) -> Path:
    """A folder for LUA_PATH: luassert and say as busted installs them, stub luacov, and a
    ``lua`` command that runs the interpreter under test."""
    deps = tmp / "deps"
    deps.mkdir(exist_ok=True)
    for name, inner in (("luassert", "luassert/src"), ("say", "say/src/say")):
        if (src / inner).is_dir() and not (deps / name).exists():
            (deps / name).symlink_to(src / inner)
    (deps / "luacov.lua").write_text("return {}\n")
    for stand_in in ("bit.lua", "lfs.lua", "Test"):
        if not (deps / stand_in).exists():
            (deps / stand_in).symlink_to(HERE / stand_in)
    bin_dir = tmp / "bin"
    bin_dir.mkdir(exist_ok=True)
    lua = bin_dir / "lua"
    words = " ".join(f"{k}={v}" for k, v in env.items() if k == "FERROUS_TIER")
    lua.write_text(f"#!/bin/sh\nexec env {words} {' '.join(interpreter)} \"$@\"\n")
    lua.chmod(0o755)
    return deps


def run_suite(suite: Suite, src: Path, interpreter: list[str], env: dict[str, str]) -> Run:
    cwd = (src / suite.root / suite.cwd).resolve()
    with tempfile.TemporaryDirectory(prefix="third_party.") as name:
        tmp = Path(name)
        deps = deps_dir(src, tmp, interpreter, env)
        full_env = dict(os.environ, **env, **suite.env)
        if "LUA_INIT" not in env and "LUA_INIT" not in suite.env:
            full_env.pop("LUA_INIT", None)
        full_env["LUA_PATH"] = f"{suite.lua_path};{deps}/?.lua;{deps}/?/init.lua"
        full_env["PATH"] = f"{tmp / 'bin'}:{full_env['PATH']}"
        start = time.perf_counter()
        try:
            done = subprocess.run([*interpreter, *expanded(suite.argv, cwd)], cwd=cwd, env=full_env,
                                  capture_output=True, stdin=subprocess.DEVNULL,
                                  timeout=suite.timeout)
        except subprocess.TimeoutExpired as exc:
            return Run(-1, exc.stdout or b"", (exc.stderr or b"") + b"\n<timeout>",
                       time.perf_counter() - start)
        return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - start)


def expanded(argv: tuple[str, ...], cwd: Path) -> list[str]:
    """The arguments with each ``*`` pattern replaced by the files it matches under cwd, sorted:
    spec folders are listed when the suite runs, not when SUITES is written."""
    out: list[str] = []
    for word in argv:
        matches = sorted(str(p.relative_to(cwd)) for p in cwd.glob(word)) if "*" in word else []
        out += matches or [word]
    return out


def masked(run: Run, suite: Suite) -> Run:
    def mask(data: bytes) -> bytes:
        data = ADDRESS.sub(b"0x?", data)
        data = TMPDIR.sub(b"/tmp/third_party.?", data)
        data = PROGNAME.sub(b"LUA: ", data)
        for pattern in suite.masks:
            data = re.sub(pattern, b"<masked>", data)
        return data
    return Run(run.status, mask(run.stdout), mask(run.stderr), run.seconds)


def first_difference(a: list[bytes], b: list[bytes]) -> tuple[int, bytes, bytes]:
    for i in range(max(len(a), len(b))):
        left = a[i] if i < len(a) else b"<none>"
        right = b[i] if i < len(b) else b"<none>"
        if left != right:
            return i + 1, left, right
    return 0, b"", b""


def has_compiled_tier() -> bool:
    return (REPO / "vm" / "runtime" / "compiled").is_dir()


def show(line: bytes) -> str:
    text = line.decode("utf-8", "backslashreplace")
    return text if len(text) <= 300 else text[:300] + "..."


def prepare(suite: Suite, src: Path, done: set[tuple[str, ...]]) -> None:
    if suite.prepare and suite.prepare not in done:
        cwd = (src / suite.root / suite.cwd).resolve()
        subprocess.run(list(suite.prepare), cwd=cwd, capture_output=True, check=False)
        done.add(suite.prepare)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="suites to run (default: all)")
    parser.add_argument("--src", type=Path, default=Path("/tmp/qa/src"))
    parser.add_argument("--tier", default=None,
                        help="ferrous tiers, comma-separated (default: interp, and compiled when it exists)")
    parser.add_argument("--ferrous", default=str(FERROUS),
                        help="the ferrous command to test (default: this checkout's)")
    parser.add_argument("--keep", type=Path, default=None, help="write each run's output here")
    parser.add_argument("-v", "--verbose", action="store_true", help="show up to 10 differing lines")
    parser.add_argument("--trace-pairs", action="store_true",
                        help="both interpreters write every key pairs/next hands out to standard error "
                             "(third_party/trace_pairs.lua as LUA_INIT): traversal orders compared")
    args = parser.parse_args(argv)
    init = {"LUA_INIT": "@" + str(HERE / "trace_pairs.lua")} if args.trace_pairs else {}

    tiers = args.tier.split(",") if args.tier else (
        ["interp", "compiled"] if has_compiled_tier() else ["interp"])
    suites = [s for s in SUITES if not args.names or s.name in args.names]
    prepared: set[tuple[str, ...]] = set()
    identical = total = uncomparable = 0
    for suite in suites:
        if not (args.src / suite.root).is_dir():
            print(f"{suite.name:18} missing: {args.src / suite.root}")
            total += 1
            continue
        prepare(suite, args.src, prepared)
        ref = masked(run_suite(suite, args.src, ["lua5.1"], init), suite)
        again = masked(run_suite(suite, args.src, ["lua5.1"], init), suite)
        if again.lines() != ref.lines():
            where, left, right = first_difference(ref.lines(), again.lines())
            print(f"{suite.name:18} not comparable: two lua5.1 runs differ at line {where} "
                  f"(addresses decide an order?)")
            uncomparable += 1
            continue
        if args.keep:
            keep(args.keep, suite.name, "lua5.1", ref)
        for tier in tiers:
            total += 1
            got = masked(run_suite(suite, args.src, args.ferrous.split(), {"FERROUS_TIER": tier, **init}),
                         suite)
            if args.keep:
                keep(args.keep, suite.name, tier, got)
            ratio = got.seconds / max(ref.seconds, 1e-3)
            where, left, right = first_difference(ref.lines(), got.lines())
            summary = (f"{suite.name:18} {tier:8} lua5.1 {ref.seconds:6.2f}s "
                       f"ferrous {got.seconds:7.2f}s ({ratio:5.0f}x)")
            if where == 0:
                identical += 1
                print(f"{summary}  identical ({len(ref.stdout.splitlines())} lines, status {ref.status})")
            else:
                print(f"{summary}  DIFFERS at line {where}")
                print(f"    lua5.1:  {show(left)}")
                print(f"    ferrous: {show(right)}")
                if args.verbose:
                    shown = 0
                    for i, (a, b) in enumerate(zip(ref.lines(), got.lines(), strict=False)):
                        if a != b and i + 1 != where and shown < 10:
                            print(f"    line {i + 1}: lua5.1:  {show(a)}")
                            print(f"    line {i + 1}: ferrous: {show(b)}")
                            shown += 1
        sys.stdout.flush()
    print(f"{identical}/{total} runs identical" + (
        f", {uncomparable} suites not comparable (lua5.1's own output varies)" if uncomparable else ""))
    return 0 if identical == total else 1


def keep(folder: Path, name: str, tier: str, run: Run) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.{tier}.out").write_bytes(run.stdout)
    (folder / f"{name}.{tier}.err").write_bytes(run.stderr + b"\nexit status %d\n" % run.status)


if __name__ == "__main__":
    shutil.which("lua5.1") or sys.exit("lua5.1 is not on the PATH")
    sys.exit(main())
