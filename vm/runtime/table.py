"""LuaTable: the Lua 5.1 table, an array part plus a hash part, sized the way ltable.c sizes them.

Why emulate 5.1's sizing at all: the `#` operator (luaH_getn) answers from the array part's size
(binary search when its last slot is nil, else a probe of the hash part), and for tables with
holes the answer depends on that size. So the array part must have the size real Lua's would.

Representation (the interpreter reads these attributes directly):

- ``arr``: list, the array part. ``arr[i - 1]`` holds key ``float(i)``; ``None`` is a nil slot.
  Its length is 5.1's ``sizearray``.
- ``hash``: dict, the node part: every other key. Booleans are stored under the private
  sentinels ``_TRUE_KEY``/``_FALSE_KEY`` (Python's ``True == 1.0`` would merge them with key 1).
  Like 5.1, a key whose value is set to nil stays in the node part as a *dead key* (value
  ``None``) until the next rehash, so ``len(hash)`` is the number of used nodes.
- ``hsize``: the emulated node-part capacity, a power of two or 0 (5.1's ``dummynode``).
- ``arr`` and ``hash`` are never replaced (a rehash rebuilds them in place): a caller may keep
  references to them, for reading. Every write of a key that may be new must go through ``set``
  (or the same capacity test, see ``set_str``), because it may trigger a rehash.

Sizing follows ltable.c: a table starts with the sizes given (lua_createtable / NEWTABLE hints);
a new key that does not fit triggers ``rehash``, which counts the integer keys (numusearray,
numusehash), picks the largest power of two ``n`` such that more than half of ``1..n`` is in use
(computesizes), moves keys between the parts, and gives the node part the next power of two of
the remaining key count (setnodevector). Like luaH_set, storing nil under a new key still creates
the key (a dead node), and that may rehash too.

The one approximation: real Lua rehashes when an insertion finds its main position taken and its
free-slot pointer finds no free node. Which node each key occupies depends on hash values
(addresses, for tables and functions) and on the whole collision history, which this module does
not track (it would cost every insertion). Emulated rule: the node part is full when the number of
keys it holds, dead keys included, reaches ``hsize``. Without dead keys this is exact (5.1 only
runs out of free nodes once every node holds a key, and then every main position is taken). With
dead keys, real Lua may put a new key on a dead node that happens to be its main position, and so
skip a rehash or leave a free node free. Here that is done only for a one-node part (that node is
every key's main position); otherwise the new key takes a fresh node or rehashes. Measured against
lua5.1: tables never given a nil in the node part match exactly; queues and delete-heavy tables
sometimes get different sizes (and then `#` may differ). Nor is the collector's turning of dead
collectable keys into DEADKEY nodes modelled: a dead key here can always be revived by setting it.

Traversal (``next``) yields the array part in index order, then the node part in insertion order
(real Lua's node order follows hash positions and is not reproduced). Each call is O(1)
amortised: a key list and a key->position map are cached; the node part only ever grows between
rehashes (keys are appended to the dict's order), so a changed ``len(hash)`` says keys were added
and the cache is extended with them; a rehash drops the cache.
Assigning or clearing existing fields during a traversal keeps it valid, as in 5.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from itertools import islice

from vm.errors import LuaError
from vm.runtime import track
from vm.runtime.copying import ATOMIC, copy_list, copy_value

__all__ = ["LuaTable", "WEAK_KEYS", "WEAK_VALUES", "MAXBITS", "TABLE_BYTES", "TVALUE_BYTES", "NODE_BYTES"]

MAXBITS = 26  # ltable.c: the array part holds at most 2^26 slots; the node part 2^26 nodes
_MAXASIZE = 1 << MAXBITS
_MAX_INT = (1 << 31) - 1

# 5.1's allocation sizes on 64-bit (sizeof(Table), sizeof(TValue), sizeof(Node)); checked against
# lua5.1's collectgarbage("count"): {} costs 64 bytes, {1,2,3,4} 128, {x=1,y=2,z=3} 224.
TABLE_BYTES = 64
TVALUE_BYTES = 16
NODE_BYTES = 40

# The debugger's write barrier (vm/runtime/journal.py): None when nothing records, else called
# with the table before any change to it. Every mutating method calls it first; code that writes
# ``arr``/``hash`` directly (the interpreter's fast paths, table.insert/remove) calls it too.
# ``capture_state``/``restore_state`` below are what it saves and puts back: keep them whole.
write_barrier = None

# Bits of LuaTable.weak, set by the VM from a metatable's __mode ('k' and/or 'v').
WEAK_KEYS = 1
WEAK_VALUES = 2


class _BoolKey:
    """A stand-in key for a Lua boolean, so that ``true`` and ``1`` stay distinct keys."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "<key %s>" % ("true" if self.value else "false")

    def __copy__(self) -> _BoolKey:
        return self  # one key object per boolean, even in a copied state

    def __deepcopy__(self, memo: dict) -> _BoolKey:
        return self


_TRUE_KEY = _BoolKey(True)
_FALSE_KEY = _BoolKey(False)

_ERR_NIL = b"table index is nil"
_ERR_NAN = b"table index is NaN"
_ERR_NEXT = b"invalid key to 'next'"


def _ceillog2(n: int) -> int:
    """ceil(log2(n)) for n >= 1, as lobject.c's luaO_log2-based ceillog2."""
    return (n - 1).bit_length()


def _computesizes(nums: list[int], narray: int) -> tuple[int, int]:
    """5.1's computesizes: (new array size, number of keys that will go into it)."""
    a = 0  # number of integer keys <= 2^i
    na = 0
    n = 0
    i = 0
    twotoi = 1
    while twotoi // 2 < narray:
        c = nums[i]
        if c > 0:
            a += c
            if a > twotoi // 2:  # more than half of 1..twotoi in use
                n = twotoi
                na = a
        if a == narray:
            break
        i += 1
        twotoi *= 2
    return n, na


def _countint(key: object, nums: list[int]) -> int:
    """5.1's countint: count ``key`` in ``nums`` if it is a candidate array index."""
    if key.__class__ is float and key.is_integer():
        k = key.__trunc__()
        if 0 < k <= _MAXASIZE:
            nums[_ceillog2(k)] += 1
            return 1
    return 0


class LuaTable:
    """A Lua 5.1 table. Raw operations only; metamethods are the interpreter's business."""

    __slots__ = ("arr", "hash", "hsize", "metatable", "handle", "weak", "_keys", "_pos")

    arr: list[object]
    hash: dict[object, object]
    hsize: int
    metatable: LuaTable | None
    handle: object
    weak: int
    _keys: list[object] | None
    _pos: dict[object, int] | None

    def __init__(self, narray: int = 0, nhash: int = 0) -> None:
        """Create a table with room for ``narray`` array slots and ``nhash`` nodes (luaH_new)."""
        self.arr = [None] * narray if narray > 0 else []
        self.hash = {}
        self.hsize = 1 << _ceillog2(nhash) if nhash > 0 else 0
        self.metatable = None
        self.handle = None
        self.weak = 0
        self._keys = None
        self._pos = None
        if track.hook is not None:
            track.hook(self)

    def __deepcopy__(self, memo: dict) -> LuaTable:
        """A copy for a copied state: immutable keys and values are shared (vm/runtime/copying)."""
        new = LuaTable.__new__(LuaTable)
        memo[id(self)] = new
        arr, hash_ = self.arr, self.hash
        # storage of another class (Redis's read-only tables) copies itself
        new.arr = copy_list(arr, memo) if arr.__class__ is list else deepcopy(arr, memo)
        if hash_.__class__ is dict:
            new.hash = {(k if k.__class__ in ATOMIC or k.__class__ is _BoolKey else deepcopy(k, memo)):
                        (v if v.__class__ in ATOMIC else deepcopy(v, memo)) for k, v in hash_.items()}
        else:
            new.hash = deepcopy(hash_, memo)
        new.hsize = self.hsize
        new.metatable = copy_value(self.metatable, memo)
        new.handle = self.handle
        new.weak = self.weak
        keys = self._keys
        new._keys = None if keys is None else copy_list(keys, memo)
        new._pos = copy_value(self._pos, memo)
        return new

    def capture_state(self) -> tuple:
        """The table's whole internal state, for the debugger's journal (restore_state puts it
        back into this same object). Copies of the storage; values are shared."""
        return (list(self.arr), dict(self.hash), self.hsize, self.metatable, self.weak)

    def restore_state(self, state: tuple) -> None:
        """Become what capture_state saw (in place: references to arr and hash stay valid).
        Storage of another class (Redis's read-only tables) is written through list/dict."""
        arr, hash_, self.hsize, self.metatable, self.weak = state
        list.__setitem__(self.arr, slice(None), arr)
        dict.clear(self.hash)
        dict.update(self.hash, hash_)
        self._keys = None
        self._pos = None

    def __repr__(self) -> str:
        return "<LuaTable array=%d nodes=%d/%d>" % (len(self.arr), len(self.hash), self.hsize)

    # ---- raw access -------------------------------------------------------------------------

    def get(self, key: object) -> object:
        """rawget: the value under ``key``, None when absent (a nil or NaN key finds nothing)."""
        if key.__class__ is float:
            if key.is_integer():  # false for NaN and infinities
                i = key.__trunc__()  # faster than int(key)
                arr = self.arr
                if 0 < i <= len(arr):
                    return arr[i - 1]
            return self.hash.get(key)
        if key.__class__ is bool:
            key = _TRUE_KEY if key else _FALSE_KEY
        return self.hash.get(key)

    def get_str(self, key: bytes) -> object:
        """rawget for a string key (strings never live in the array part)."""
        return self.hash.get(key)

    def get_int(self, i: int) -> object:
        """rawget for a Python int index (luaH_getnum), for the libraries."""
        arr = self.arr
        if 0 < i <= len(arr):
            return arr[i - 1]
        return self.hash.get(float(i))

    def set(self, key: object, value: object) -> None:
        """rawset (luaH_set + store): ``value`` None clears; a new key may rehash the table.

        Raises LuaError for a nil or NaN key, even when ``value`` is nil, as 5.1 does.
        """
        if write_barrier is not None:
            write_barrier(self)
        if key.__class__ is float:
            if key.is_integer():
                i = key.__trunc__()
                arr = self.arr
                if 0 < i <= len(arr):
                    arr[i - 1] = value
                    return
            elif key != key:
                raise LuaError(_ERR_NAN, positioned=False, runtime=True)
        elif key.__class__ is bytes:
            pass
        elif key is True:
            key = _TRUE_KEY
        elif key is False:
            key = _FALSE_KEY
        elif key is None:
            raise LuaError(_ERR_NIL, positioned=False, runtime=True)
        hash = self.hash
        if len(hash) < self.hsize or key in hash:
            hash[key] = value
        else:
            self._newkey(key, value)

    def set_str(self, key: bytes, value: object) -> None:
        """rawset for a string key: the same capacity test as ``set``, without the type tests."""
        if write_barrier is not None:
            write_barrier(self)
        hash = self.hash
        if len(hash) < self.hsize or key in hash:
            hash[key] = value
        else:
            self._newkey(key, value)

    def set_int(self, i: int, value: object) -> None:
        """rawset for a Python int index (luaH_setnum, lua_rawseti), for the libraries."""
        if write_barrier is not None:
            write_barrier(self)
        arr = self.arr
        if 0 < i <= len(arr):
            arr[i - 1] = value
            return
        key = float(i)
        hash = self.hash
        if len(hash) < self.hsize or key in hash:
            hash[key] = value
        else:
            self._newkey(key, value)

    def length(self) -> int:
        """The `#` operator, exactly as luaH_getn computes it (any border when there are holes)."""
        arr = self.arr
        j = len(arr)
        if j and arr[j - 1] is None:
            # a border in the array part: binary search for it
            i = 0
            while j - i > 1:
                m = (i + j) // 2
                if arr[m - 1] is None:
                    j = m
                else:
                    i = m
            return i
        hash = self.hash
        if not hash or hash.get(float(j + 1)) is None:
            return j
        return self._unbound_search(j)

    def _unbound_search(self, j: int) -> int:
        """5.1's unbound_search: a border beyond the array part, looking into the hash part."""
        get = self.get_int
        i = j
        j += 1
        while get(j) is not None:
            i = j
            j *= 2
            if j > _MAX_INT:  # built to be hostile: linear search, as 5.1 does
                i = 1
                while get(i) is not None:
                    i += 1
                return i - 1
        while j - i > 1:
            m = (i + j) // 2
            if get(m) is None:
                j = m
            else:
                i = m
        return i

    # ---- traversal --------------------------------------------------------------------------

    def next(self, key: object) -> tuple[object, object] | None:
        """lua_next: the (key, value) after ``key`` (None starts), or None at the end.

        Raises LuaError "invalid key to 'next'" for a key that is not in the table.
        """
        arr = self.arr
        n = len(arr)
        if key is None:
            i = 0
        elif key.__class__ is float and key.is_integer() and 0 < key.__trunc__() <= n:
            i = key.__trunc__()
        else:
            hash = self.hash
            keys = self._keys
            if keys is None or len(keys) != len(hash):
                keys = self._rebuild()
            if key.__class__ is bool:
                key = _TRUE_KEY if key else _FALSE_KEY
            p = self._pos.get(key)
            if p is None:
                raise LuaError(_ERR_NEXT, positioned=False, runtime=True)
            return self._next_node(keys, p + 1)
        while i < n:
            v = arr[i]
            i += 1
            if v is not None:
                return float(i), v
        hash = self.hash
        if not hash:
            return None
        keys = self._keys
        if keys is None or len(keys) != len(hash):
            # starting the node part with a stale cache: scan the dict, do not rebuild yet
            for k, v in hash.items():
                if v is not None:
                    return (k.value if k.__class__ is _BoolKey else k), v
            return None
        return self._next_node(keys, 0)

    def _next_node(self, keys: list[object], p: int) -> tuple[object, object] | None:
        hash = self.hash
        nk = len(keys)
        while p < nk:
            k = keys[p]
            v = hash[k]
            if v is not None:
                return (k.value if k.__class__ is _BoolKey else k), v
            p += 1
        return None

    def _rebuild(self) -> list[object]:
        """Bring the traversal cache up to date. Between rehashes the node part only gains keys,
        at the end of the dict's order, so a cache that exists only needs the new ones."""
        keys = self._keys
        pos = self._pos
        if keys is None or pos is None:
            keys = list(self.hash)
            self._keys = keys
            self._pos = {k: p for p, k in enumerate(keys)}
            return keys
        start = len(keys)
        new = list(islice(self.hash, start, None))
        for p, k in enumerate(new, start):
            pos[k] = p
        keys.extend(new)
        return keys

    def items(self) -> Iterator[tuple[object, object]]:
        """Live (key, value) pairs in ``next`` order, booleans as booleans (a snapshot-free view:
        do not add keys while iterating)."""
        for i, v in enumerate(self.arr, 1):
            if v is not None:
                yield float(i), v
        for k, v in self.hash.items():
            if v is not None:
                yield (k.value if k.__class__ is _BoolKey else k), v

    # ---- sizing -----------------------------------------------------------------------------

    def _newkey(self, key: object, value: object) -> None:
        """Insert a key that did not fit: rehash (counting it), then store it."""
        hash = self.hash
        if self.hsize == 1:
            # one node is every key's main position: 5.1 reuses it if its key is dead
            for v in hash.values():
                if v is None:
                    hash.clear()
                    hash[key] = value
                    self._keys = None
                    return
        self._rehash(key)
        if key.__class__ is float and key.is_integer():
            i = key.__trunc__()
            arr = self.arr
            if 0 < i <= len(arr):
                arr[i - 1] = value
                return
        hash[key] = value

    def _rehash(self, extra_key: object) -> None:
        """5.1's rehash: pick new sizes from the live keys plus ``extra_key``, then resize."""
        nums = [0] * (MAXBITS + 1)  # nums[i]: integer keys in (2^(i-1), 2^i]
        arr = self.arr
        size = len(arr)
        nasize = 0
        lo = 0
        lg = 0
        ttlg = 1
        while lo < size:  # numusearray, one power-of-two slice at a time
            hi = ttlg if ttlg < size else size
            c = (hi - lo) - arr[lo:hi].count(None)
            nums[lg] += c
            nasize += c
            lo = hi
            lg += 1
            ttlg *= 2
        totaluse = nasize
        for k, v in self.hash.items():  # numusehash
            if v is not None:
                totaluse += 1
                if k.__class__ is float:
                    nasize += _countint(k, nums)
        nasize += _countint(extra_key, nums)
        totaluse += 1
        n, na = _computesizes(nums, nasize)
        self._resize(n, totaluse - na)

    def _resize(self, nasize: int, nhsize: int) -> None:
        """5.1's resize: array part to ``nasize`` slots, node part to room for ``nhsize`` keys.

        Dead keys are dropped; keys move to whichever part now owns them.
        """
        if nhsize > 0:
            lsize = _ceillog2(nhsize)
            if lsize > MAXBITS:
                raise LuaError(b"table overflow", positioned=False, runtime=True)
            hsize = 1 << lsize
        else:
            hsize = 0
        arr = self.arr
        hash = self.hash
        old = len(arr)
        live = [(k, v) for k, v in hash.items() if v is not None]
        hash.clear()
        if nasize > old:
            arr.extend([None] * (nasize - old))
        elif nasize < old:
            for i in range(nasize, old):  # the vanishing slice goes to the node part
                v = arr[i]
                if v is not None:
                    hash[float(i + 1)] = v
            del arr[nasize:]
        for k, v in live:
            if k.__class__ is float and k.is_integer():
                i = k.__trunc__()
                if 0 < i <= nasize:
                    arr[i - 1] = v
                    continue
            hash[k] = v
        self.hsize = hsize
        self._keys = None
        self._pos = None
        if len(hash) > hsize:  # only when a shrinking resize_array overflows the node part
            self._grow_nodes()

    def _grow_nodes(self) -> None:
        # 5.1 would rehash while re-inserting; settle for a node part that holds every key
        self.hsize = 1 << _ceillog2(len(self.hash))

    def resize_array(self, nasize: int) -> None:
        """luaH_resizearray: set the array part to ``nasize`` slots, keeping the node capacity.

        SETLIST calls it when a multiple-results list overflows the constructor's size hint.
        """
        if write_barrier is not None:
            write_barrier(self)
        self._resize(nasize, self.hsize)

    def memory_size(self) -> int:
        """Bytes 5.1 allocates for this table (Table + array + nodes; the dummy node is free)."""
        return TABLE_BYTES + len(self.arr) * TVALUE_BYTES + self.hsize * NODE_BYTES
