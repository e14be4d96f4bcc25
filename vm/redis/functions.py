"""Redis 7.0 Functions: the libraries loaded, and the FUNCTION commands (functions.c).

``FunctionLibraries`` is functionsLibCtx: libraries by exact name, functions by name without
regard to case (as Redis's dictionaries compare them), the engine's counts. Loading follows
functionsCreateWithLibraryCtx: the shebang's metadata (``#!lua name=mylib``), the engine, the
name rules, REPLACE, the library's code run by the Lua engine (``function_lua``), then the
collisions with other libraries' functions, each refused with Redis's words. FCALL itself runs
in the script engine (``engine.ScriptEngine.fcall``), which owns the runs.

Ordering: Redis lists libraries and functions in the order of its hash tables, which depends on
a seed chosen at start-up; here they come in the order they were loaded.
"""

from __future__ import annotations

from vm.redis.function_lua import NAME_RULE, FunctionInfo, FunctionLua, LibraryInfo, valid_name
from vm.redis.glob import string_match
from vm.redis.reply import ErrorReply, Map, SetReply, Status
from vm.redis.splitargs import split_args

ENGINE = b"LUA"

FUNCTION_HELP = (
    b"LOAD [REPLACE] <FUNCTION CODE>",
    b"    Create a new library with the given library name and code.",
    b"DELETE <LIBRARY NAME>",
    b"    Delete the given library.",
    b"LIST [LIBRARYNAME PATTERN] [WITHCODE]",
    b"    Return general information on all the libraries:",
    b"    * Library name",
    b"    * The engine used to run the Library",
    b"    * Library description",
    b"    * Functions list",
    b"    * Library code (if WITHCODE is given)",
    b"    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
    b"STATS",
    b"    Return information about the current function running:",
    b"    * Function name",
    b"    * Command used to run the function",
    b"    * Duration in MS that the function is running",
    b"    If no function is running, return nil",
    b"    In addition, returns a list of available engines.",
    b"KILL",
    b"    Kill the current running function.",
    b"FLUSH [ASYNC|SYNC]",
    b"    Delete all the libraries.",
    b"    When called without the optional mode argument, the behavior is determined by the",
    b"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
    b"    * ASYNC: Asynchronously flush the libraries.",
    b"    * SYNC: Synchronously flush the libraries.",
    b"DUMP",
    b"    Return a serialized payload representing the current libraries, can be restored using "
    b"FUNCTION RESTORE command",
    b"RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
    b"    Restore the libraries represented by the given payload, it is possible to give a restore "
    b"policy to",
    b"    control how to handle existing libraries (default APPEND):",
    b"    * FLUSH: delete all existing libraries.",
    b"    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
    b"    * REPLACE: appends the restored libraries to the existing libraries, On collision, "
    b"replace the old",
    b"      libraries with the new libraries (notice that even on this option there is a chance "
    b"of failure",
    b"      in case of functions name collision with another library).",
)


class LoadFailure(Exception):
    """A library that cannot be loaded; ``message`` is the error text without ``ERR``."""

    def __init__(self, message: bytes) -> None:
        super().__init__(message.decode("utf-8", "replace"))
        self.message = message


def _fold(name: bytes) -> bytes:
    """A function name as Redis's case-insensitive dictionary finds it: ASCII letters folded.
    (Redis hashes every byte but compares up to a NUL, so ``echo\\0x`` finds ``echo`` only when
    their hashes share a bucket: a matter of chance that is not reproduced.)"""
    return name.lower()


def library_metadata(payload: bytes) -> tuple[bytes, bytes, bytes]:
    """functionExtractLibMetaData: (engine, library name, code). The code starts at the
    shebang's newline, so the library's line numbers are the file's."""
    if not payload.startswith(b"#!"):
        raise LoadFailure(b"Missing library metadata")
    nul = payload.find(b"\0")
    end = payload.find(b"\n", 0, nul if nul >= 0 else len(payload))  # strchr on a C string
    if end < 0:
        raise LoadFailure(b"Invalid library metadata")
    parts = split_args(payload[:end])
    if not parts:
        raise LoadFailure(b"Invalid library metadata")
    engine = parts[0][2:]
    name = None
    for part in parts[1:]:
        if part[:5].lower() == b"name=":
            if name is not None:
                raise LoadFailure(b"Invalid metadata value, name argument was given multiple times")
            name = part[5:]
            continue
        raise LoadFailure(b"Invalid metadata value given: " + part)
    if name is None:
        raise LoadFailure(b"Library name was not given")
    return engine, name, payload[end:]


class FunctionLibraries:
    """The loaded libraries and their functions (functionsLibCtx), with the Lua engine that
    runs them."""

    def __init__(self, lua: FunctionLua) -> None:
        self.lua = lua
        self.libraries: dict[bytes, LibraryInfo] = {}
        self.functions: dict[bytes, FunctionInfo] = {}  # by _fold(name)

    def find(self, name: bytes) -> FunctionInfo | None:
        return self.functions.get(_fold(name))

    def _link(self, library: LibraryInfo) -> None:
        for f in library.functions.values():
            self.functions.setdefault(_fold(f.name), f)
        self.libraries[library.name] = library

    def _unlink(self, library: LibraryInfo) -> None:
        for f in library.functions.values():
            if self.functions.get(_fold(f.name)) is f:
                del self.functions[_fold(f.name)]
        del self.libraries[library.name]

    def load(self, payload: bytes, replace: bool) -> bytes:
        """functionsCreateWithLibraryCtx: the library's name; LoadFailure says why not."""
        engine, name, code = library_metadata(payload)
        if not valid_name(name):
            raise LoadFailure(NAME_RULE)
        if _fold(engine) != b"lua":
            raise LoadFailure(b"Engine '%s' not found" % engine)
        old = self.libraries.get(name)
        if old is not None and not replace:
            raise LoadFailure(b"Library '%s' already exists" % name)
        if old is not None:
            self._unlink(old)
        try:
            new = LibraryInfo(name, payload)
            failure = self.lua.create(new, code)
            if failure is not None:
                raise LoadFailure(failure)
            if not new.functions:
                raise LoadFailure(b"No functions registered")
            for f in new.functions.values():
                if _fold(f.name) in self.functions:
                    raise LoadFailure(b"Function %s already exists" % f.name)
        except LoadFailure:
            if old is not None:
                self._link(old)
            raise
        self._link(new)
        return name

    def delete(self, name: bytes) -> bool:
        library = self.libraries.get(name)
        if library is None:
            return False
        self._unlink(library)
        return True

    def flush(self) -> None:
        self.libraries.clear()
        self.functions.clear()

    def join(self, other: FunctionLibraries, replace: bool) -> None:
        """libraryJoin: add other's libraries; on a library of the same name, fail (APPEND) or
        take the new one (REPLACE); any function name collision fails and changes nothing."""
        replaced = []
        try:
            for name in other.libraries:
                old = self.libraries.get(name)
                if old is None:
                    continue
                if not replace:
                    raise LoadFailure(b"Library %s already exists" % name)
                self._unlink(old)
                replaced.append(old)
            for key, f in other.functions.items():
                if key in self.functions:
                    raise LoadFailure(b"Function %s already exists" % f.name)
        except LoadFailure:
            for old in replaced:
                self._link(old)
            raise
        for library in other.libraries.values():
            self._link(library)

    def function_count(self) -> int:
        return sum(len(lib.functions) for lib in self.libraries.values())

    # ---- replies ----------------------------------------------------------------------------

    def list_reply(self, pattern: bytes | None, with_code: bool) -> list:
        out = []
        for lib in self.libraries.values():
            if pattern is not None and not string_match(pattern, lib.name, nocase=True):
                continue
            functions = [Map(((b"name", f.name), (b"description", f.description),
                              (b"flags", SetReply(tuple(Status(x.encode()) for x in f.flags)))))
                         for f in lib.functions.values()]
            pairs: list = [(b"library_name", lib.name), (b"engine", ENGINE), (b"functions", functions)]
            if with_code:
                pairs.append((b"library_code", lib.code))
            out.append(Map(tuple(pairs)))
        return out

    def stats_reply(self) -> Map:
        engine = Map(((b"libraries_count", len(self.libraries)),
                      (b"functions_count", self.function_count())))
        return Map(((b"running_script", None), (b"engines", Map(((ENGINE, engine),)))))


def _c(s: bytes) -> bytes:
    nul = s.find(b"\0")
    return s if nul < 0 else s[:nul]


def _syntax_error(argv: list[bytes]) -> ErrorReply:
    """addReplySubcommandSyntaxError."""
    return ErrorReply(b"ERR unknown subcommand or wrong number of arguments for '%s'. Try %s HELP."
                      % (_c(argv[1])[:128], _c(argv[0]).upper()))


def function_command(libs: FunctionLibraries, argv: list[bytes]) -> object:
    """FUNCTION <subcommand> ... (arity and unknown subcommands already checked)."""
    sub = argv[1].lower()
    if sub == b"load":
        return _load(libs, argv)
    if sub == b"list":
        return _list(libs, argv)
    if sub == b"delete":
        if not libs.delete(argv[2]):
            return ErrorReply(b"ERR Library not found")
        return Status(b"OK")
    if sub == b"flush":
        if len(argv) > 3:
            return _syntax_error(argv)
        if len(argv) == 3 and argv[2].lower() not in (b"sync", b"async"):
            return ErrorReply(b"ERR FUNCTION FLUSH only supports SYNC|ASYNC option")
        libs.flush()
        return Status(b"OK")
    if sub == b"stats":
        return libs.stats_reply()
    if sub == b"kill":
        return ErrorReply(b"NOTBUSY No scripts in execution right now.")
    if sub == b"dump":
        from vm.redis.rdb import dump_functions

        return dump_functions([lib.code for lib in libs.libraries.values()])
    if sub == b"restore":
        return _restore(libs, argv)
    if sub == b"help":
        return [Status(b"FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                *map(Status, FUNCTION_HELP), Status(b"HELP"), Status(b"    Prints this help.")]
    return ErrorReply(b"ERR unknown subcommand '%s'. Try FUNCTION HELP." % _c(argv[1])[:128])


def _load(libs: FunctionLibraries, argv: list[bytes]) -> object:
    replace = False
    pos = 2
    while pos < len(argv) - 1:
        arg = argv[pos]
        pos += 1
        if arg.lower() == b"replace":
            replace = True
            continue
        return ErrorReply(b"ERR Unknown option given: " + _map_newlines(_c(arg)))
    if pos >= len(argv):
        return ErrorReply(b"ERR Function code is missing")
    try:
        return libs.load(argv[pos], replace)
    except LoadFailure as failure:
        return ErrorReply(b"ERR " + _map_newlines(failure.message))


def _map_newlines(s: bytes) -> bytes:
    return s.replace(b"\r", b" ").replace(b"\n", b" ")


def _list(libs: FunctionLibraries, argv: list[bytes]) -> object:
    with_code = False
    pattern = None
    i = 2
    while i < len(argv):
        arg = argv[i]
        if not with_code and _c(arg).lower() == b"withcode":
            with_code = True
        elif pattern is None and _c(arg).lower() == b"libraryname":
            if i >= len(argv) - 1:
                return ErrorReply(b"ERR library name argument was not given")
            i += 1
            pattern = argv[i]
        else:
            return ErrorReply(b"ERR Unknown argument " + _map_newlines(_c(arg)))
        i += 1
    return libs.list_reply(pattern, with_code)


def _restore(libs: FunctionLibraries, argv: list[bytes]) -> object:
    from vm.redis.rdb import PayloadError, read_function_payload

    if len(argv) > 4:
        return _syntax_error(argv)
    policy = b"append"
    if len(argv) == 4:
        policy = _c(argv[3]).lower()
        if policy not in (b"append", b"replace", b"flush"):
            return ErrorReply(b"ERR Wrong restore policy given, value should be either FLUSH, "
                              b"APPEND or REPLACE.")
    try:
        codes = read_function_payload(argv[2])
    except PayloadError as exc:
        return ErrorReply(b"ERR " + exc.message)
    fresh = FunctionLibraries(libs.lua)
    try:
        for code in codes:
            fresh.load(code, False)
        if policy == b"flush":
            libs.flush()
        libs.join(fresh, policy == b"replace")
    except LoadFailure as failure:
        return ErrorReply(b"ERR " + _map_newlines(failure.message))
    return Status(b"OK")
