"""A table's node part as Lua 5.1 lays it out (ltable.c): which key sits on which node.

``Layout`` is the node vector: each node's key, ``next`` link and its key's main position, and
5.1's ``lastfree``. ``build`` replays newkey for keys coming in one after another while every
earlier key is live; ``Layout.insert`` is newkey itself, dead nodes included (luaH_set's
caller stores the value). ``Epoch`` records a node part that a resize rebuilt before anyone
needed its layout, so that the order the old nodes were reinserted in can be worked out later
(``insertion_order``). The values stay in the table's ``hash`` dict; see vm/runtime/table.py for
when each of these is used.
"""

from __future__ import annotations

from vm.runtime.keyhash import code, codes_of, is_collectable, mainpos

__all__ = ["Dead", "Layout", "Epoch", "build", "insertion_order"]


class Dead:
    """A DEADKEY node's key: the collector found its value nil. No lookup finds it; ``next``
    still accepts the key it was (lgc.c removeentry, ltable.c findindex)."""

    __slots__ = ("key",)

    def __init__(self, key: object) -> None:
        self.key = key

    def __repr__(self) -> str:
        return "<dead %r>" % (self.key,)


class Layout:
    """The node vector: node i's key (None: free; a ``Dead``: DEADKEY), its ``next`` (-1: end of
    chain), its key's main position; 5.1's ``lastfree``; where each live or dead key is
    (``where()``), and how many DEADKEY nodes there are."""

    __slots__ = ("keys", "nexts", "mps", "lastfree", "_pos", "ndead", "order", "opos")

    keys: list[object]
    nexts: list[int]
    mps: list[int]
    lastfree: int
    _pos: dict[object, int] | None  # key -> node, made when first needed
    ndead: int
    # for next(): the keys of the used nodes in node order, and where each is in that list;
    # built when a traversal starts, dropped when a key takes a node (None: not built)
    order: list[object] | None
    opos: dict[object, int] | None

    def copy(self) -> Layout:
        new = Layout.__new__(Layout)
        new.keys = self.keys.copy()
        new.nexts = self.nexts.copy()
        new.mps = self.mps.copy()
        new.lastfree = self.lastfree
        new._pos = None if self._pos is None else self._pos.copy()
        new.ndead = self.ndead
        new.order = new.opos = None
        return new

    def where(self) -> dict[object, int]:
        """key -> node, for every key of ``hash`` (DEADKEY nodes are in no lookup)."""
        pos = self._pos
        if pos is None:
            pos = self._pos = {k: i for i, k in enumerate(self.keys)
                               if k is not None and k.__class__ is not Dead}
        return pos

    def getfreepos(self) -> int:
        """5.1's getfreepos: the next free node below ``lastfree``, -1 when there is none."""
        keys = self.keys
        n = self.lastfree
        while n > 0:
            n -= 1
            if keys[n] is None:
                self.lastfree = n
                return n
        self.lastfree = 0
        return -1

    def insert(self, key: object, values: dict) -> bool:
        """newkey: put ``key`` on its main position, moving a colliding node that is not on its
        own main position, or on a free node. A main position whose value is nil (in ``values``,
        the table's ``hash``; DEADKEY nodes) is taken as it is, and the dead key it held is gone
        for good (from ``values`` too). False when no free node is left: the caller rehashes."""
        keys = self.keys
        self.order = None
        mp = mainpos(code(key), len(keys))
        other = keys[mp]
        if other is not None:
            if other.__class__ is Dead:
                self.ndead -= 1
            elif values[other] is None:
                del values[other]
                del self.where()[other]
            else:  # a live colliding node
                n = self.getfreepos()
                if n < 0:
                    return False
                mps, nexts, pos = self.mps, self.nexts, self.where()
                othern = mps[mp]
                if othern != mp:  # the colliding node is out of its main position: move it
                    while nexts[othern] != mp:
                        othern = nexts[othern]
                    nexts[othern] = n
                    keys[n] = other
                    mps[n] = mps[mp]
                    nexts[n] = nexts[mp]
                    pos[other] = n
                    nexts[mp] = -1
                else:  # it is on its main position: the new key goes to the free node
                    nexts[n] = nexts[mp]
                    nexts[mp] = n
                    keys[n] = key
                    mps[n] = mp
                    pos[key] = n
                    return True
        keys[mp] = key
        self.mps[mp] = mp
        self.where()[key] = mp
        return True

    def kill(self, key: object) -> None:
        """removeentry: the node of ``key`` (its value nil) becomes a DEADKEY node."""
        self.keys[self.where().pop(key)] = Dead(key)
        self.ndead += 1
        self.order = None

    def findindex(self, key: object) -> int | None:
        """The node ``next`` continues after, as findindex finds it: with DEADKEY nodes about
        (and a collectable key) by walking the key's chain, where a DEADKEY node that was this
        key counts and the first match wins."""
        if not self.ndead or not is_collectable(key):
            return self.where().get(key)
        keys, nexts = self.keys, self.nexts
        i = mainpos(code(key), len(keys))
        while i >= 0:
            k = keys[i]
            if k.__class__ is Dead:
                k = k.key  # type: ignore[union-attr]
            if k is key or (k.__class__ is bytes and k == key):
                return i
            i = nexts[i]
        return None

    def build_order(self) -> None:
        self.order = order = [k for k in self.keys if k is not None]
        self.opos = {k: i for i, k in enumerate(order)}


def build(size: int, order: list[object]) -> Layout:
    """The node vector 5.1 ends up with after newkey for each of ``order`` in turn into a fresh
    node part of ``size`` nodes, every earlier key still live (so a free node is always found)."""
    keys: list[object] = [None] * size
    nexts = [-1] * size
    mps = [0] * size
    lastfree = size
    m = size - 1
    odd = m | 1
    mainps = [c & m if c >= 0 else (~c) % odd for c in codes_of(order)]
    for key, mp in zip(order, mainps, strict=True):
        other = keys[mp]
        if other is None:  # main position free
            keys[mp] = key
            mps[mp] = mp
            continue
        lastfree -= 1  # getfreepos
        while keys[lastfree] is not None:
            lastfree -= 1
        n = lastfree
        othern = mps[mp]
        if othern != mp:  # the colliding node is out of its main position: move it to n
            while nexts[othern] != mp:
                othern = nexts[othern]
            nexts[othern] = n
            keys[n] = other
            mps[n] = mps[mp]
            nexts[n] = nexts[mp]
            nexts[mp] = -1
            keys[mp] = key
            mps[mp] = mp
        else:  # the colliding node is on its main position: the new key goes to n
            nexts[n] = nexts[mp]
            nexts[mp] = n
            keys[n] = key
            mps[n] = mp
    lay = Layout.__new__(Layout)
    lay.keys = keys
    lay.nexts = nexts
    lay.mps = mps
    lay.lastfree = lastfree
    lay._pos = None
    lay.ndead = 0
    lay.order = lay.opos = None
    return lay


class Epoch:
    """A node part rebuilt by a resize while its old layout was not worked out: the old node
    part's size, its keys in dict order (``keys``, to be read as its own epoch ``prev`` says),
    and, of the keys the new node part started with (``plen``), how many came from the array's
    vanishing slice (``nvanish``, first, in index order). The others were reinserted from the
    old nodes, from the last node down: their order is found by building the old layout."""

    __slots__ = ("size", "prev", "keys", "nvanish", "plen", "total")

    def __init__(self, size: int, prev: Epoch | None, keys: list[object]) -> None:
        self.size = size
        self.prev = prev
        self.keys = keys
        self.nvanish = 0
        self.plen = 0
        self.total = len(keys) + (0 if prev is None else prev.total)  # keys held by the chain


def insertion_order(epoch: Epoch | None, keys: list[object]) -> list[object]:
    """The order keys came into a node part whose dict order is ``keys`` and whose start
    ``epoch`` describes (None: the dict order is that order)."""
    if epoch is None:
        return keys
    old = build(epoch.size, insertion_order(epoch.prev, epoch.keys)).keys
    nv, plen = epoch.nvanish, epoch.plen
    if plen - nv == len(epoch.keys):  # every old key stayed in the node part
        moved = [k for k in reversed(old) if k is not None]
    else:
        stay = set(keys[nv:plen])
        moved = [k for k in reversed(old) if k is not None and k in stay]
    return keys[:nv] + moved + keys[plen:]
