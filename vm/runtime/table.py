"""LuaTable: the Lua 5.1 table, laid out exactly as ltable.c lays it out.

Why exactly: ``pairs``/``next`` walk the array part and then the node part in node order, and
``#`` on a table with holes answers from the array part's size; both are visible to programs (and
to Redis, whose replies and ``cjson.encode`` output follow ``pairs``). So the array part has the
size 5.1 gives it, and every key of the node part sits on the node 5.1 would put it on.

Storage (the interpreter reads ``arr`` and ``hash`` directly):

- ``arr``: list, the array part. ``arr[i - 1]`` holds key ``float(i)``; ``None`` is a nil slot.
  Its length is 5.1's ``sizearray``.
- ``hash``: dict, the node part's keys and values: the index every lookup uses. Booleans are
  stored under the sentinels ``TRUE_KEY``/``FALSE_KEY`` (Python's ``True == 1.0``). A key set
  to nil stays, with value ``None``, as 5.1 keeps a dead node, until a new key takes the node or
  the table is rehashed.
- ``hsize``: the node count, a power of two, or 0 for 5.1's shared ``dummynode``.
- ``arr`` and ``hash`` are never replaced by this module (a rehash refills them in place).
- Fast paths elsewhere may store into ``arr`` (any value) and replace the value of a key already
  in ``hash`` with a non-nil one; a new key, and nil into ``hash``, go through ``set``: the first
  may take a node or rehash, the second makes a dead node that later keys must see.

Which node each key sits on is worked out only when needed, because most tables are never
traversed (``_layout``; vm/runtime/nodes.py):

- *Lazy* (``_layout`` None or an ``Epoch``): as long as no node holds nil (``_lazycap`` >= 0),
  every key came in while every earlier one was live, and then 5.1's layout is a function of the
  order the keys came in: the dict's own insertion order, the keys the last resize moved in
  first, in 5.1's reinsertion order. A new key costs nothing beyond the dict store while a free
  node is left (``len(hash) < _lazycap``); when none is left, 5.1's getfreepos fails too, and the
  table rehashes without knowing its layout: the old layout's record is kept as an ``Epoch`` and
  worked out only if the new one is ever needed.
- *Materialized* (``_layout`` a ``Layout``): the node vector itself. Built by replaying the lazy
  record the first time ``next``/``items`` reaches the node part, or when a new key comes in
  while a node holds nil (5.1 reuses such a node when it is the new key's main position, and
  that decides whether getfreepos ever runs out). From then on, until the next resize, each new
  key is placed as luaH_set/newkey places it (``Layout.insert``).

Keys hash as in 5.1 (vm/runtime/keyhash.py): strings by luaS_hash (Redis 7 hashes every byte of
a long string: ``LuaState.full_string_hash``), numbers by their double's halves, booleans by
value; tables, functions, userdata and coroutines by an address made from their heap handle, so
they land on the same nodes in every run and in the debugger's replays (``bind_state``: the
interpreter's ``run`` says which state's heap).

Dead keys: a key set to nil keeps its node; setting it again revives it in place. When the
collector traverses a table (``remove_dead_entries``, lgc.c's removeentry) the nil-valued nodes
with collectable keys (strings, tables, functions, userdata, coroutines) become DEADKEY nodes:
gone from ``hash``, still occupying their node (which a new key whose main position it is
takes), still good for ``next`` in the middle of a traversal. Weak entries the collector clears
go the same way (``clear_entries``). So the layout depends on when the collector ran, as in 5.1;
ferrous's collector runs at its own times, and a program that deletes a string key and sets it
again matches lua5.1 where both collected at the same points (explicitly, or not at all).

Sizing (rehash, computesizes, numusearray/numusehash, resize, luaH_resizearray) and ``#``
(luaH_getn, unbound_search) follow ltable.c line by line.

For the debugger's history: every change of a table's state is a method of this class (each
calls ``write_barrier`` first) or a plain store into ``arr``/``hash`` by a fast path that calls
it too (the ``Layout`` and ``Epoch`` objects are the table's own); ``capture_state()`` returns the
table's whole internal state and ``restore_state(state)`` puts it back (the same state may be
restored again and again). Working out the layout (``_materialize``) changes no state a program
can see, and restoring a state saved before it is as good.
"""

from __future__ import annotations

from collections.abc import Iterator

from vm.errors import LuaError
from vm.runtime import track
from vm.runtime.keyhash import FALSE_KEY as _FALSE_KEY
from vm.runtime.keyhash import TRUE_KEY as _TRUE_KEY
from vm.runtime.keyhash import BoolKey as _BoolKey
from vm.runtime.keyhash import bind_state, bound_state, is_collectable
from vm.runtime.limits import LARGE, reserve
from vm.runtime.nodes import Dead, Epoch, Layout, build, insertion_order

__all__ = ["LuaTable", "WEAK_KEYS", "WEAK_VALUES", "MAXBITS", "TABLE_BYTES", "TVALUE_BYTES", "NODE_BYTES",
           "bind_state"]

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

# An epoch chain holding more keys than this many times the table's is worked out at the next
# resize (growth by doubling keeps it under 2; same-size rehashes would grow it without bound).
_EPOCH_KEYS_FACTOR = 4

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
    if key.__class__ is float and key.is_integer():  # type: ignore[attr-defined]
        k = key.__trunc__()  # type: ignore[attr-defined]
        if 0 < k <= _MAXASIZE:
            nums[_ceillog2(k)] += 1
            return 1
    return 0


class LuaTable:
    """A Lua 5.1 table. Raw operations only; metamethods are the interpreter's business."""

    __slots__ = ("arr", "hash", "hsize", "metatable", "handle", "weak", "_lazycap", "_layout")

    arr: list[object]
    hash: dict[object, object]
    hsize: int
    metatable: LuaTable | None
    handle: object
    weak: int
    _lazycap: int  # lazy and no nil in the node part: hsize (new keys go straight in); else -1
    _layout: Layout | Epoch | None  # the node vector, or the record it is worked out from

    def __init__(self, narray: int = 0, nhash: int = 0) -> None:
        """Create a table with room for ``narray`` array slots and ``nhash`` nodes (luaH_new)."""
        self.arr = [None] * narray if narray > 0 else []
        self.hash = {}
        self._lazycap = self.hsize = 1 << (nhash - 1).bit_length() if nhash > 0 else 0
        self.metatable = None
        self.handle = None
        self.weak = 0
        self._layout = None
        if track.hook is not None:
            track.hook(self)

    def __repr__(self) -> str:
        return "<LuaTable array=%d nodes=%d/%d>" % (len(self.arr), len(self.hash), self.hsize)

    # ---- the debugger's history -------------------------------------------------------------

    def capture_state(self) -> tuple:
        """The table's whole internal state (contents, sizes, layout, metatable, weak mode), as
        a value ``restore_state`` takes. Keys and values are shared, not copied."""
        lay = self._layout
        if lay.__class__ is Layout:
            lay = lay.copy()  # type: ignore[union-attr]
        return (list(self.arr), dict(self.hash), self.hsize, self.metatable, self.weak, self._lazycap, lay)

    def restore_state(self, state: tuple) -> None:
        """Put back a state ``capture_state`` returned (any number of times). ``arr`` and ``hash``
        keep their identity and class (a read-only table stays read-only)."""
        arr, hash_, self.hsize, self.metatable, self.weak, self._lazycap, lay = state
        list.__setitem__(self.arr, slice(None), arr)
        dict.clear(self.hash)
        dict.update(self.hash, hash_)
        self._layout = lay.copy() if lay.__class__ is Layout else lay

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
        if len(hash) < self._lazycap and value is not None:  # lazy, a free node left: any key
            hash[key] = value
        elif key in hash:
            hash[key] = value
            if value is None:
                self._lazycap = -1  # a dead node: new keys must see where it is
        else:
            self._newkey(key, value)

    def set_str(self, key: bytes, value: object) -> None:
        """rawset for a string key: ``set`` without the type tests."""
        if write_barrier is not None:
            write_barrier(self)
        hash = self.hash
        if len(hash) < self._lazycap and value is not None:
            hash[key] = value
        elif key in hash:
            hash[key] = value
            if value is None:
                self._lazycap = -1
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
        if len(hash) < self._lazycap and value is not None:
            hash[key] = value
        elif key in hash:
            hash[key] = value
            if value is None:
                self._lazycap = -1
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
        """lua_next (luaH_next): the (key, value) after ``key`` (None starts), or None at the end.

        Raises LuaError "invalid key to 'next'" for a key that is not in the table.
        """
        arr = self.arr
        n = len(arr)
        if key is None:
            i = 0
        elif key.__class__ is float and key.is_integer() and 0 < key <= n:
            i = key.__trunc__()
        else:
            lay = self._layout
            if lay.__class__ is not Layout:
                lay = self._materialize()
            if key.__class__ is bool:
                key = _TRUE_KEY if key else _FALSE_KEY
            get = self.hash.get
            order = lay.order  # type: ignore[union-attr]
            if order is not None:  # the quick way: the used nodes only
                p = lay.opos.get(key)  # type: ignore[union-attr]
                if p is None:
                    raise LuaError(_ERR_NEXT, positioned=False, runtime=True)
                p += 1
                nk = len(order)
                while p < nk:
                    k = order[p]
                    v = get(k)
                    if v is not None:
                        return (k.value if k.__class__ is _BoolKey else k), v  # type: ignore[attr-defined]
                    p += 1
                return None
            # a key took a node since the traversal started, or DEADKEY nodes are about
            p = lay.findindex(key)  # type: ignore[union-attr]
            if p is None:
                raise LuaError(_ERR_NEXT, positioned=False, runtime=True)
            keys = lay.keys  # type: ignore[union-attr]
            for i in range(p + 1, len(keys)):
                k = keys[i]
                if k is not None:
                    v = get(k)  # a Dead key is in no dict: None
                    if v is not None:
                        return (k.value if k.__class__ is _BoolKey else k), v  # type: ignore[attr-defined]
            return None
        while i < n:
            v = arr[i]
            i += 1
            if v is not None:
                return float(i), v
        hash = self.hash
        if not hash:
            return None  # no node can hold a value
        lay = self._layout
        if lay.__class__ is not Layout:
            lay = self._materialize()
        if lay.order is None and not lay.ndead:  # type: ignore[union-attr]
            lay.build_order()  # type: ignore[union-attr]  # a traversal of the nodes starts
        get = hash.get
        for k in lay.keys:  # type: ignore[union-attr]
            if k is not None:
                v = get(k)
                if v is not None:
                    return (k.value if k.__class__ is _BoolKey else k), v  # type: ignore[attr-defined]
        return None

    def items(self) -> Iterator[tuple[object, object]]:
        """Live (key, value) pairs in ``next`` order, booleans as booleans (do not add keys while
        iterating)."""
        for i, v in enumerate(self.arr, 1):
            if v is not None:
                yield float(i), v
        hash = self.hash
        if not hash:
            return
        lay = self._layout
        if lay.__class__ is not Layout:
            lay = self._materialize()
        get = hash.get
        for k in lay.keys:  # type: ignore[union-attr]
            if k is not None:
                v = get(k)
                if v is not None:
                    yield (k.value if k.__class__ is _BoolKey else k), v  # type: ignore[attr-defined]

    def node_keys(self) -> list[object]:
        """The node part as 5.1 holds it, for inspection and tests: each node's key, None when
        free, ``("dead", key)`` for a DEADKEY node (booleans as booleans)."""
        if self.hsize == 0:
            return []
        lay = self._layout
        if lay.__class__ is not Layout:
            lay = self._materialize()
        return [None if k is None else ("dead", _plain(k.key)) if k.__class__ is Dead else _plain(k)
                for k in lay.keys]  # type: ignore[union-attr]

    # ---- the collector ----------------------------------------------------------------------

    def remove_dead_entries(self) -> None:
        """lgc.c traversetable's removeentry: nodes whose value is nil and whose key is
        collectable become DEADKEY nodes. The collector calls it for the tables it marks that
        hold a nil value in their node part."""
        if write_barrier is not None:
            write_barrier(self)
        self._kill([k for k, v in self.hash.items() if v is None and is_collectable(k)])

    def clear_entries(self, keys: list[object]) -> None:
        """lgc.c cleartable: the weak entries the collector found dead get a nil value, and
        collectable keys become DEADKEY nodes (removeentry)."""
        if write_barrier is not None:
            write_barrier(self)
        hash = self.hash
        for k in keys:
            dict.__setitem__(hash, k, None)  # the collector clears read-only tables too
        self._lazycap = -1
        self._kill([k for k in keys if is_collectable(k)])

    def _kill(self, dead: list[object]) -> None:
        hash = self.hash
        if dead:
            lay = self._layout
            if lay.__class__ is not Layout:
                lay = self._materialize()
            for k in dead:
                lay.kill(k)  # type: ignore[union-attr]
                dict.__delitem__(hash, k)
        elif self._layout.__class__ is not Layout and None not in hash.values():
            self._lazycap = self.hsize  # every key live again, and none came in meanwhile

    # ---- placing keys -----------------------------------------------------------------------

    def _materialize(self) -> Layout:
        """Work out the node vector from the lazy record (the dict order, and the epoch it
        started with); the table keeps it until its next resize."""
        epoch = self._layout
        lay = build(self.hsize, insertion_order(epoch, list(self.hash)))  # type: ignore[arg-type]
        self._layout = lay
        self._lazycap = -1
        return lay

    def _newkey(self, key: object, value: object) -> None:
        """luaH_set for a key the node part does not have: place it, or rehash and store it."""
        hash = self.hash
        if hash.__class__ is not dict:  # Redis's read-only tables refuse before anything changes
            hash[key] = value
            del hash[key]
        lay = self._layout
        if lay.__class__ is not Layout:
            if self._lazycap >= 0:  # lazy, every key live (the value stored is nil)
                if len(hash) < self.hsize:  # a free node is left
                    hash[key] = value
                    if value is None:
                        self._lazycap = -1
                    return
                self._rehash(key)  # every main position is live, no free node is left
                self._store_new(key, value)
                return
            lay = self._materialize()
        if self.hsize and lay.insert(key, hash):  # type: ignore[union-attr]
            hash[key] = value
            return
        self._rehash(key)
        self._store_new(key, value)

    def _store_new(self, key: object, value: object) -> None:
        """After a rehash that counted ``key``: into its array slot, or as a new key of the fresh
        (lazy) node part, which has room for it."""
        arr = self.arr
        if key.__class__ is float and key.is_integer() and 0 < key <= len(arr):  # type: ignore[attr-defined]
            arr[key.__trunc__() - 1] = value  # type: ignore[attr-defined]
            return
        self.hash[key] = value
        if value is None:
            self._lazycap = -1

    # ---- sizing -----------------------------------------------------------------------------

    def _rehash(self, extra_key: object) -> None:
        """5.1's rehash: pick new sizes from the live keys plus ``extra_key``, then resize."""
        arr = self.arr
        size = len(arr)
        if not self.hash and extra_key == size + 1 and extra_key.__class__ is float \
                and None not in arr:
            # a list growing by one at its end (t[#t + 1] = v), the common case: keys 1..size+1
            # and nothing else, so computesizes picks the power of two that holds them all
            self._resize(1 << size.bit_length(), 0)
            return
        nums = [0] * (MAXBITS + 1)  # nums[i]: integer keys in (2^(i-1), 2^i]
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
        totaluse = nasize + 1  # the extra key counts
        for k, v in self.hash.items():  # numusehash
            if v is not None:
                totaluse += 1
                if k.__class__ is float:
                    nasize += _countint(k, nums)
        nasize += _countint(extra_key, nums)
        if nasize:
            n, na = _computesizes(nums, nasize)
            self._resize(n, totaluse - na)
        else:
            self._resize(0, totaluse)

    def _resize(self, nasize: int, nhsize: int) -> None:
        """5.1's resize: the array part to ``nasize`` slots, a new node part with room for
        ``nhsize`` keys; into it the array's vanishing slice first (in index order), then the
        live nodes from the last one down. Dead keys are dropped."""
        if nhsize > 0:
            lsize = (nhsize - 1).bit_length()  # ceillog2
            if lsize > MAXBITS:
                raise LuaError(b"table overflow", positioned=False, runtime=True)
            hsize = 1 << lsize
        else:
            hsize = 0
        grow = (nasize - len(self.arr)) * TVALUE_BYTES + (hsize - self.hsize) * NODE_BYTES
        if grow >= LARGE:  # the limits hold before a large part is allocated
            L = bound_state()
            if L is not None:
                reserve(L, grow, collect=False)
        arr = self.arr
        hash = self.hash
        lay = self._layout
        epoch = None
        if not hash:  # nothing to reinsert (a table growing its array part, say)
            live: list = []
        else:
            if lay.__class__ is not Layout and self._lazycap < 0:
                lay = self._materialize()  # dead nodes about: the lazy record says nothing of them
            if lay.__class__ is Layout:  # the reinsertion order is known
                get = hash.get
                live = [(k, v) for k in reversed(lay.keys)  # type: ignore[union-attr]
                        if k is not None and (v := get(k)) is not None]
            else:
                live = list(hash.items())  # every key live; their order is kept as an Epoch
                if len(live) > 1:
                    if lay is not None and lay.total > _EPOCH_KEYS_FACTOR * len(live) + 64:  # type: ignore[union-attr]
                        old = build(self.hsize, insertion_order(lay, list(hash)))  # type: ignore[arg-type]
                        live = [(k, hash[k]) for k in reversed(old.keys) if k is not None]
                    else:
                        epoch = Epoch(self.hsize, lay, list(hash))  # type: ignore[arg-type]
        hash.clear()  # the first change (read-only tables refuse here)
        old_size = len(arr)
        if nasize != old_size:
            if nasize > old_size:
                arr.extend([None] * (nasize - old_size))
            else:
                for i in range(nasize, old_size):  # the vanishing slice goes to the node part
                    v = arr[i]
                    if v is not None:
                        hash[float(i + 1)] = v
                del arr[nasize:]
        nvanish = len(hash)
        if nasize:
            for k, v in live:
                if k.__class__ is float and k.is_integer() and 0 < k <= nasize:  # type: ignore[attr-defined]
                    arr[k.__trunc__() - 1] = v  # type: ignore[attr-defined]
                else:
                    hash[k] = v
        else:
            hash.update(live)
        self.hsize = self._lazycap = hsize
        if epoch is not None and len(hash) - nvanish > 1:
            epoch.nvanish = nvanish
            epoch.plen = len(hash)
            self._layout = epoch
        else:
            self._layout = None

    def resize_array(self, nasize: int) -> None:
        """luaH_resizearray: set the array part to ``nasize`` slots, keeping the node count (the
        node part is rebuilt all the same). SETLIST calls it when a list overflows the
        constructor's size hint."""
        if write_barrier is not None:
            write_barrier(self)
        self._resize(nasize, self.hsize)

    def memory_size(self) -> int:
        """Bytes 5.1 allocates for this table (Table + array + nodes; the dummy node is free)."""
        return TABLE_BYTES + len(self.arr) * TVALUE_BYTES + self.hsize * NODE_BYTES


def _plain(k: object) -> object:
    return k.value if k.__class__ is _BoolKey else k  # type: ignore[attr-defined]
