"""Redis's own random numbers for scripts (rand.c): the 48-bit linear congruential generator of
drand48 (x' = 0x5DEECE66D x + 0xB mod 2^48), the same sequence on every platform.

``math.random`` and ``math.randomseed`` in scripts use it. Redis 7 keeps one state for the whole
server, never reseeded between scripts; an engine keeps one per engine.
"""

from __future__ import annotations

_A = 0x5DEECE66D
_C = 0xB
_MASK = (1 << 48) - 1
_X0 = 0x330E  # the low 16 bits a seed never changes
REDIS_LRAND48_MAX = 0x7FFFFFFF  # INT32_MAX


class Lrand48:
    """One generator state; starts as rand.c's static initialiser (0x1234ABCD330E)."""

    __slots__ = ("x",)

    def __init__(self) -> None:
        self.x = 0x1234ABCD330E

    def seed(self, seedval: int) -> None:
        """redisSrand48: the 32-bit seed becomes the high 32 bits of the state."""
        self.x = ((seedval & 0xFFFFFFFF) << 16) | _X0

    def next(self) -> int:
        """redisLrand48: advance, return the state's top 31 bits."""
        self.x = (_A * self.x + _C) & _MASK
        return self.x >> 17
