"""pottery's Redlock (acquire, extend, release, locked scripts) and NextID on one Redis,
through pottery's own API: a lock held, refused to a second holder, extended, released."""

import os

import redis
from pottery import NextID, Redlock
from pottery.exceptions import ExtendUnlockedLock, ReleaseUnlockedLock, TooManyExtensions

conn = redis.Redis.from_url(os.environ["REDIS_URL"])
a = Redlock(key="printer", masters={conn}, auto_release_time=3600)
b = Redlock(key="printer", masters={conn}, auto_release_time=3600)
print("a acquire", a.acquire(blocking=False))
print("b acquire", b.acquire(blocking=False))
print("a locked > 0", a.locked() > 0, "b locked", b.locked())
a.extend()
print("a extended, locked > 0", a.locked() > 0)
for _ in range(3):
    try:
        a.extend()
        print("extend ok")
    except TooManyExtensions as e:
        print("too many", type(e).__name__)
try:
    b.release()
except ReleaseUnlockedLock as e:
    print("b release", type(e).__name__)
try:
    b.extend()
except ExtendUnlockedLock as e:
    print("b extend", type(e).__name__)
a.release()
print("a locked after release", a.locked())
ids = NextID(key="tickets", masters={conn})
print("ids", [next(ids) for _ in range(5)])
print("keys", sorted(conn.keys("*")))
