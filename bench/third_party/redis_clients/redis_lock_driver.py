"""python-redis-lock driving its Lua scripts (unlock, extend, reset, reset_all) through its
own Lock API: acquire, extend, release, a second holder refused, reset, errors for a lock
not held. Non-blocking acquires only."""

import os

import redis
import redis_lock

conn = redis.Redis.from_url(os.environ["REDIS_URL"])
a = redis_lock.Lock(conn, "job-1", expire=3600, id=b"holder-a")
b = redis_lock.Lock(conn, "job-1", expire=3600, id=b"holder-b")
print("a acquire", a.acquire(blocking=False))
print("b acquire", b.acquire(blocking=False))
print("a locked", a.locked(), "owner", a.get_owner_id())
a.extend(7200)
print("a ttl > 3600", conn.ttl("lock:job-1") > 3600)
for what, call in (("b extend", lambda: b.extend(10)), ("b release", b.release)):
    try:
        call()
        print(what, "ok")
    except Exception as e:  # the library's own exception classes
        print(what, type(e).__name__, e)
a.release()
print("after release", a.locked(), conn.exists("lock-signal:job-1"), conn.ttl("lock-signal:job-1") > 0)
try:
    a.release()
except Exception as e:
    print("a release again", type(e).__name__)
c = redis_lock.Lock(conn, "job-2", expire=None, id=b"holder-c")
print("c acquire", c.acquire(blocking=False))
try:
    c.extend(100)
except Exception as e:
    print("c extend (no expire)", type(e).__name__, e)
c.reset()
print("after reset", c.locked())
for n in range(3):
    redis_lock.Lock(conn, f"bulk-{n}", id=f"x{n}".encode()).acquire(blocking=False)
redis_lock.reset_all(conn)
print("after reset_all", sorted(conn.keys("*")))
