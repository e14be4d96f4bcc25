"""The package library (loadlib.c): require, module, and the searchers in package.loaders.

``require`` and ``module`` are generators: the loaders they try, the module chunk they run,
module's option functions and any __index/__newindex met on the way are calls the VM makes as
frames of its own (see ``vm.lib``). Names are C strings here, as in loadlib.c: a NUL ends them.

ferrous cannot run C code. The C searchers still look for files along package.cpath; a file
they find fails to load with the message 5.1 gives then: glibc's dlopen text where dlopen would
refuse the file too (``./x.so: invalid ELF header``, ``file too short``, ``cannot open shared
object file``), and for a real shared object the message of a Lua built without dynamic
libraries (``dynamic libraries not enabled; check your Lua installation``, package.loadlib's
third result ``"absent"``).
"""

from __future__ import annotations

import os

from vm.errors import LoadError, LuaError
from vm.lib.args import check_string, check_table
from vm.lib.stdio import cstr
from vm.runtime.frame import CONT_CALL, Frame
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.interp import MetaCall, index, setindex
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata

# luaconf.h as Debian builds lua5.1 (the stock paths plus /usr/share/lua/5.1 and the multiarch
# C directory), so ferrous finds the modules the system's lua5.1 finds
LUA_PATH_DEFAULT = (b"./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;"
                    b"/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;"
                    b"/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua")
LUA_CPATH_DEFAULT = (b"./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;"
                     b"/usr/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so")
CONFIG = b"/\n;\n?\n!\n-"  # LUA_DIRSEP, LUA_PATHSEP, LUA_PATH_MARK, LUA_EXECDIR, LUA_IGMARK
DLMSG = b"dynamic libraries not enabled; check your Lua installation"
LIBPREFIX = b"LOADLIB: "
_ELF_HEADER = 64  # sizeof(Elf64_Ehdr): dlopen reads at least this much
_LIB_DIRS = ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib",
             "/usr/lib")

_HOST = Frame(None, [], None, 0, -1, CONT_CALL)  # the caller of a table access made from here


def get_field(L, t: LuaTable, key: bytes):
    """lua_getfield on a table, as a generator step (an __index function is a VM call)."""
    v = index(L, _HOST, t, key, -1)
    if v.__class__ is MetaCall:
        res = yield v.fn, v.args  # type: ignore[union-attr]
        return res[0] if res else None
    return v


def set_field(L, t: LuaTable, key: bytes, value: object):
    """lua_setfield on a table, as a generator step (an __newindex function is a VM call)."""
    call = setindex(L, _HOST, t, key, value, -1)
    if call is not None:
        yield call.fn, call.args


def env_path(envname: str, default: bytes) -> bytes:
    """setpath: the environment variable with ';;' standing for the default, else the default."""
    path = os.environb.get(envname.encode())
    if path is None:
        return default
    return path.replace(b";;", b";\1;").replace(b"\1", default)


def _readable(filename: bytes) -> bool:
    """fopen(filename, "r") succeeds (a directory opens too)."""
    try:
        fd = os.open(filename, os.O_RDONLY)
    except (OSError, ValueError):
        return False
    os.close(fd)
    return True


def _strerror(exc: OSError) -> bytes:
    return os.strerror(exc.errno or 0).encode()


def dl_error(path: bytes) -> bytes | None:
    """dlerror() after dlopen(path) refused a file that is no shared object (missing, a directory,
    too short, not ELF); None when the file is an ELF object that dlopen would try to load."""
    target = path
    if b"/" not in path and path:  # a bare name: dlopen searches the library directories
        dirs = [d for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") if d]
        found = [os.path.join(os.fsencode(d), path) for d in [*dirs, *_LIB_DIRS]]
        found = [f for f in found if os.path.exists(f)]
        if not found:
            return path + b": cannot open shared object file: No such file or directory"
        target = found[0]
    elif not path:  # dlopen("") is the program itself
        return None
    try:
        fd = os.open(target, os.O_RDONLY)
    except OSError as exc:
        return path + b": cannot open shared object file: " + _strerror(exc)
    try:
        header = os.read(fd, _ELF_HEADER)
    except OSError as exc:
        return target + b": cannot read file data: " + _strerror(exc)
    finally:
        os.close(fd)
    if len(header) < _ELF_HEADER:
        return target + b": file too short"
    if header[:4] != b"\x7fELF":
        return target + b": invalid ELF header"
    return None


class PackageLib:
    """One state's package library: the package table its functions see (their environment in
    loadlib.c), the registry's _LOADED table, and require's loading sentinel."""

    def __init__(self, L, loaded: LuaTable) -> None:
        self.L = L
        self.loaded = loaded
        self.sentinel = Userdata()  # _LOADED[name] while name loads (a light userdata in 5.1)
        self.pkg = LuaTable()

    # --- require --------------------------------------------------------------------------

    def require(self, L, args: list):
        """require(name): package.loaded[name], or the first loader found, run with name."""
        name = cstr(check_string(args, 0, "require"))
        loaded = self.loaded
        v = yield from get_field(L, loaded, name)
        if v is not None and v is not False:
            if v is self.sentinel:
                raise LuaError(b"loop or previous error loading module '%s'" % name, positioned=False)
            return [v]
        loaders = yield from get_field(L, self.pkg, b"loaders")
        if loaders.__class__ is not LuaTable:
            raise LuaError(b"'package.loaders' must be a table", positioned=False)
        tried = b""
        i = 1
        while True:
            loader = loaders.get_int(i)  # type: ignore[union-attr]
            if loader is None:
                raise LuaError(b"module '%s' not found:%s" % (name, tried), positioned=False)
            res = yield loader, [name]
            found = res[0] if res else None
            if found.__class__ is LuaFunction or found.__class__ is Builtin:
                break
            if found.__class__ is bytes:
                tried += found  # type: ignore[operator]
            elif found.__class__ is float:
                tried += number_to_bytes(found)  # type: ignore[arg-type]
            i += 1
        yield from set_field(L, loaded, name, self.sentinel)
        res = yield found, [name]
        if res and res[0] is not None:
            yield from set_field(L, loaded, name, res[0])
        v = yield from get_field(L, loaded, name)
        if v is self.sentinel:  # the module set no value
            v = True
            yield from set_field(L, loaded, name, True)
        return [v]

    # --- module ---------------------------------------------------------------------------

    def module(self, L, args: list):
        """module(name, ...): the module's table (found or made) becomes the environment of the
        calling function; each option is then called with it."""
        modname = cstr(check_string(args, 0, "module"))
        m = yield from get_field(L, self.loaded, modname)
        if m.__class__ is not LuaTable:
            m = yield from _find_table(L, L.globals, modname)
            if m is None:
                raise LuaError(b"name conflict for module '%s'" % modname, positioned=False)
            yield from set_field(L, self.loaded, modname, m)
        if (yield from get_field(L, m, b"_NAME")) is None:
            yield from set_field(L, m, b"_M", m)
            yield from set_field(L, m, b"_NAME", modname)
            yield from set_field(L, m, b"_PACKAGE", modname[:modname.rfind(b".") + 1])
        frames = L.frames  # [..., the caller, module's own frame]
        caller = frames[-2] if len(frames) > 1 else None
        if caller is None or caller.cl is None:
            raise LuaError(b"'module' not called from a Lua function", positioned=False)
        caller.cl.env = m
        for option in args[1:]:
            yield option, [m]
        return []

    def seeall(self, L, args: list):
        """package.seeall(m): m's metatable gets __index = _G."""
        m = check_table(args, 0, "seeall")
        mt = m.metatable
        if mt is None:
            mt = m.metatable = LuaTable(0, 1)
        yield from set_field(L, mt, b"__index", L.globals)
        return []

    # --- the loaders ----------------------------------------------------------------------

    def loader_preload(self, L, args: list):
        name = cstr(check_string(args, 0, "loader_preload"))
        preload = yield from get_field(L, self.pkg, b"preload")
        if preload.__class__ is not LuaTable:
            raise LuaError(b"'package.preload' must be a table", positioned=False)
        v = yield from get_field(L, preload, name)
        if v is None:
            return [b"\n\tno field package.preload['%s']" % name]
        return [v]

    def loader_lua(self, L, args: list):
        from vm.loader import load_file

        name = cstr(check_string(args, 0, "loader_Lua"))
        filename, tried = yield from self._find_file(L, name, b"path")
        if filename is None:
            return [tried]
        try:
            proto = load_file(os.fsdecode(filename))
        except LoadError as err:
            raise _load_error(name, filename, err.msg) from None
        return [L.load(proto)]

    def loader_c(self, L, args: list):
        name = cstr(check_string(args, 0, "loader_C"))
        filename, tried = yield from self._find_file(L, name, b"cpath")
        if filename is None:
            return [tried]
        raise _load_error(name, filename, self._load_library(filename))

    def loader_croot(self, L, args: list):
        name = cstr(check_string(args, 0, "loader_Croot"))
        dot = name.find(b".")
        if dot < 0:
            return []
        filename, tried = yield from self._find_file(L, name[:dot], b"cpath")
        if filename is None:
            return [tried]
        raise _load_error(name, filename, self._load_library(filename))

    def _find_file(self, L, name: bytes, pname: bytes):
        """findfile: the first readable file along package[pname], or (None, the tries)."""
        name = name.replace(b".", b"/")
        path = yield from get_field(L, self.pkg, pname)
        if path.__class__ is float:
            path = number_to_bytes(path)  # type: ignore[arg-type]
        elif path.__class__ is not bytes:
            raise LuaError(b"'package.%s' must be a string" % pname, positioned=False)
        tried = []
        for template in cstr(path).split(b";"):  # type: ignore[arg-type]
            if not template:
                continue
            filename = template.replace(b"?", name)
            if _readable(filename):
                return filename, None
            tried.append(b"\n\tno file '%s'" % filename)
        return None, b"".join(tried)

    # --- C libraries ----------------------------------------------------------------------

    def _load_library(self, path: bytes) -> bytes:
        """ll_register + ll_load: the library's registry entry, and why it does not load."""
        key = LIBPREFIX + path
        registry = self.L.registry
        if registry.get_str(key) is None:
            handle = Userdata()
            handle.metatable = registry.get_str(b"_LOADLIB")
            registry.set_str(key, handle)
        return dl_error(path) or DLMSG

    def loadlib(self, L, args: list) -> list:
        """package.loadlib(path, init): nil, the message, and 'open' (dlopen refused the file)
        or 'absent' (a shared object ferrous cannot load)."""
        path = cstr(check_string(args, 0, "loadlib"))
        check_string(args, 1, "loadlib")
        msg = self._load_library(path)
        return [None, msg, b"absent" if msg is DLMSG else b"open"]


def _find_table(L, t: LuaTable, fname: bytes):
    """luaL_findtable: walk (rawget) a dotted name from t, making missing tables; None when a
    part of the name holds something else."""
    for part in fname.split(b"."):
        v = t.get(part)
        if v is None:
            v = LuaTable()
            yield from set_field(L, t, part, v)
        elif v.__class__ is not LuaTable:
            return None
        t = v  # type: ignore[assignment]
    return t


def _load_error(name: bytes, filename: bytes, msg: bytes) -> LuaError:
    return LuaError(b"error loading module '%s' from file '%s':\n\t%s" % (name, filename, msg),
                    positioned=False)


def _no_gc(L, args: list) -> list:
    """_LOADLIB's __gc (gctm): there is never a library to close."""
    return []


def open_package(L) -> LuaTable:
    """luaopen_package: the package table, require and module in the globals."""
    loaded = L.registry.get_str(b"_LOADED")
    if loaded is None:
        loaded = LuaTable()
        L.registry.set_str(b"_LOADED", loaded)
    lib = PackageLib(L, loaded)
    meta = LuaTable(0, 1)
    meta.set_str(b"__gc", Builtin("gctm", _no_gc))
    L.registry.set_str(b"_LOADLIB", meta)
    pkg = lib.pkg
    pkg.set_str(b"loadlib", Builtin("loadlib", lib.loadlib))
    pkg.set_str(b"seeall", Builtin("seeall", lib.seeall, True))
    loaders = LuaTable(4, 0)
    for i, fn in enumerate([lib.loader_preload, lib.loader_lua, lib.loader_c, lib.loader_croot]):
        loaders.set_int(i + 1, Builtin(fn.__name__, fn, True))
    pkg.set_str(b"loaders", loaders)
    pkg.set_str(b"path", env_path("LUA_PATH", LUA_PATH_DEFAULT))
    pkg.set_str(b"cpath", env_path("LUA_CPATH", LUA_CPATH_DEFAULT))
    pkg.set_str(b"config", CONFIG)
    pkg.set_str(b"loaded", loaded)
    pkg.set_str(b"preload", LuaTable())
    g = L.globals
    g.set_str(b"package", pkg)
    loaded.set_str(b"package", pkg)
    g.set_str(b"module", Builtin("module", lib.module, True))
    g.set_str(b"require", Builtin("require", lib.require, True))
    return pkg
