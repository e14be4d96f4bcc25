"""The ``limits`` package (Python) driving its Redis Lua scripts through its own API: fixed,
moving and sliding windows, hits, tests, window stats, clears. Windows of an hour, so the
answers do not depend on how long a run takes. Prints each answer (timestamps masked by the
caller). Run by redis_suites.py with REDIS_URL set."""

import os

from limits import RateLimitItemPerHour, parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter as Fixed
from limits.strategies import MovingWindowRateLimiter as Moving
from limits.strategies import SlidingWindowCounterRateLimiter as Sliding

storage = storage_from_string(os.environ["REDIS_URL"])
for cls in (Fixed, Moving, Sliding):
    limiter = cls(storage)
    name = cls.__name__
    three = RateLimitItemPerHour(3)
    for user in (f"{name}:alice", f"{name}:bob"):
        for i in range(5):
            print(name, user, "hit", i, limiter.hit(three, user))
        print(name, user, "test", limiter.test(three, user))
        stats = limiter.get_window_stats(three, user)
        print(name, user, "remaining", stats.remaining)
    five = parse("5/hour")
    carol = f"{name}:carol"
    print(name, "costs 2, 4", limiter.hit(five, carol, cost=2), limiter.hit(five, carol, cost=4))
    print(name, "clear", limiter.clear(three, f"{name}:alice"), limiter.test(three, f"{name}:alice"))
    print(name, "stats after clear", limiter.get_window_stats(three, f"{name}:alice").remaining)
storage.reset()
print("reset done", storage.check())
