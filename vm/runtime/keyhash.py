"""Lua 5.1's hashes of table keys (ltable.c mainposition, lstring.c luaS_newlstr).

A key's *code* is an int: >= 0 for the kinds 5.1 reduces with a power-of-two mask (hashpow2:
strings, booleans), ``~h`` (< 0) for the kinds it reduces modulo an odd number (hashmod: numbers,
addresses). ``mainpos(code, size)`` is the node a key of that code starts from in a node part of
``size`` nodes.

- strings: luaS_hash, seeded with the length, folding in every ``(len >> 5) + 1``-th byte from
  the end; Redis 7 patched the step to 1 (every byte), so a state says which it runs
  (``LuaState.full_string_hash``);
- numbers: hashnum, the double's two 32-bit halves summed (0 and -0 on node 0);
- booleans: their value (stored in tables as ``TRUE_KEY``/``FALSE_KEY``, see ``BoolKey``);
- tables, functions, userdata, coroutines: their address in 5.1, whose low 32 bits vary from run
  to run; here the address is made from the object's heap handle (as ``tostring`` shows it while
  debugging), so keys land on the same nodes in every run and in the debugger's replays.

String and number codes are cached (a string's hash costs a Python loop over its bytes).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from weakref import ref

__all__ = ["BoolKey", "TRUE_KEY", "FALSE_KEY", "bind_state", "string_hash", "code", "mainpos", "codes_of",
           "is_collectable"]


class BoolKey:
    """A stand-in key for a Lua boolean, so that ``true`` and ``1`` stay distinct keys."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<key %s>" % ("true" if self.value else "false")


TRUE_KEY = BoolKey(True)
FALSE_KEY = BoolKey(False)

_DOUBLE = struct.Struct("<d")
_HALVES = struct.Struct("<II")
# string and number keys -> code, under 5.1's string hash and under Redis's
_CODES: dict[object, int] = {}
_CODES_FULL: dict[object, int] = {}
_CACHE_LIMIT = 1 << 17  # entries; then the cache starts again
_CACHED_LENGTH = 256  # longer strings are hashed each time (5.1 reads at most 64 of their bytes)

# the Lua state whose keys are being placed (bind_state), weakly: a state nothing else holds
# is freed (and its files flushed) as before
def _no_state() -> None:
    return None


_state: Callable[[], object] = _no_state


def bind_state(L: object) -> None:
    """Say which Lua state's code runs now: its heap gives the handles that address-hashed keys
    are placed by, and its ``full_string_hash`` says whether long strings hash every byte. The
    interpreter's ``run`` and ``LuaState()`` call it."""
    global _state
    if _state() is not L:
        _state = ref(L)


def bound_state() -> object:
    """The Lua state bind_state last named (None when it is gone)."""
    return _state()


def string_hash(s: bytes, full: bool = False) -> int:
    """luaS_newlstr's hash; ``full``: Redis's, every byte."""
    n = len(s)
    h = n
    step = 1 if full else (n >> 5) + 1
    i = n
    while i >= step:
        h = (h ^ ((h << 5) + (h >> 2) + s[i - 1])) & 0xFFFFFFFF
        i -= step
    return h


def _cache() -> dict[object, int]:
    """The code cache of the running state's string hash."""
    L = _state()
    return _CODES_FULL if L is not None and L.full_string_hash else _CODES  # type: ignore[attr-defined]


def _fill(cache: dict[object, int], keys: list[object]) -> None:
    """Put the codes of the string and number keys among ``keys`` into ``cache``; the numbers
    all at once (one pack of the doubles, one unpack of their halves)."""
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    nums = [k for k in keys if k.__class__ is float and k != 0]
    if nums:
        n = len(nums)
        halves = struct.unpack("<%dI" % (2 * n), struct.pack("<%dd" % n, *nums))
        for k, lo, hi in zip(nums, halves[0::2], halves[1::2], strict=True):
            cache[k] = ~((lo + hi) & 0xFFFFFFFF)
    full = cache is _CODES_FULL
    for k in keys:
        if k.__class__ is bytes:
            if len(k) < _CACHED_LENGTH:  # type: ignore[arg-type]
                cache[k] = string_hash(k, full)  # type: ignore[arg-type]
        elif k.__class__ is float and k == 0:
            cache[k] = ~0


def _address(obj: object) -> int:
    """The low 32 bits of the address 5.1 would hash (IntPoint), made from the heap handle."""
    h = getattr(obj, "handle", None)
    if h is None:
        L = _state()
        if L is None or not hasattr(obj, "handle"):
            return (id(obj) >> 4) & 0xFFFFFFFF  # no state (a bare table in a unit test)
        h = L.heap.handle_of(obj)  # type: ignore[attr-defined]
    return (0x10000000 + h.index * 0x40) & 0xFFFFFFFF


def code(key: object) -> int:
    """The key's code (see the module's docstring)."""
    cls = key.__class__
    if cls is bytes or cls is float:
        cache = _cache()
        c = cache.get(key)
        if c is None:
            if cls is bytes and len(key) >= _CACHED_LENGTH:  # type: ignore[arg-type]
                return string_hash(key, cache is _CODES_FULL)  # type: ignore[arg-type]
            _fill(cache, [key])
            c = cache[key]
        return c
    if cls is BoolKey:
        return 1 if key.value else 0  # type: ignore[attr-defined]
    return ~_address(key)


def codes_of(keys: list[object]) -> list[int]:
    """``[code(k) for k in keys]``, fast when most keys are strings and numbers seen before."""
    cache = _cache()
    get = cache.get
    codes = [get(k) for k in keys]
    if None in codes:
        _fill(cache, [k for k, c in zip(keys, codes, strict=True) if c is None])
        codes = [get(k) for k in keys]
        if None in codes:  # booleans, addresses
            codes = [code(k) if c is None else c for k, c in zip(keys, codes, strict=True)]
    return codes  # type: ignore[return-value]


def mainpos(c: int, size: int) -> int:
    """The main position of a key of code ``c`` among ``size`` nodes (a power of two)."""
    if c >= 0:
        return c & (size - 1)
    return (~c) % ((size - 1) | 1)


def is_collectable(key: object) -> bool:
    """iscollectable, for a key as tables store it: everything but numbers and booleans."""
    cls = key.__class__
    return cls is not float and cls is not BoolKey
