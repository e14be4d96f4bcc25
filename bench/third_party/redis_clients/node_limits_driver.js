// Three Node.js libraries driving their Redis Lua scripts through their own API, on ioredis:
// rate-limiter-flexible (RateLimiterRedis: consume, penalty, reward, block, get, delete),
// redis-semaphore (Mutex, Semaphore, MultiSemaphore: tryAcquire, refresh, release, with
// fixed identifiers) and ratelimit.js (sliding windows: incr, check, violatedRules,
// whitelist, blacklist; not limitedKeys, which checks the keys in KEYS's order, the server's
// hash table's). Hour-long windows and locks, one attempt per acquire, so the answers do not
// depend on how long a run takes. Prints each answer; run by redis_suites.py with REDIS_URL and NODE_PATH set.
const Redis = require('ioredis');
const { RateLimiterRedis } = require('rate-limiter-flexible');
const { Mutex, Semaphore, MultiSemaphore } = require('redis-semaphore');
const { RateLimit } = require('ratelimit.js');

const out = (...words) => console.log(words.map((w) => JSON.stringify(w)).join(' '));
const settle = (p) => p.then((v) => ['ok', v], (e) => ['rejected', e instanceof Error ? e.message : e]);
const res = (r) => r && [r.remainingPoints, r.consumedPoints, r.isFirstInDuration];

async function rateLimiterFlexible(client) {
  const limiter = new RateLimiterRedis({ storeClient: client, keyPrefix: 'rlf', points: 3, duration: 3600 });
  for (let i = 0; i < 5; i++) {
    const [how, r] = await settle(limiter.consume('user-1'));
    out('rlf consume', i, how, res(r));
  }
  out('rlf consume 2 points', res((await settle(limiter.consume('user-2', 2)))[1]));
  out('rlf penalty', res(await limiter.penalty('user-2', 1)));
  out('rlf reward', res(await limiter.reward('user-2', 2)));
  out('rlf get', res(await limiter.get('user-2')), res(await limiter.get('nobody')));
  await limiter.block('user-3', 3600);
  out('rlf blocked', (await settle(limiter.consume('user-3')))[0]);
  out('rlf delete', await limiter.delete('user-1'), await limiter.delete('user-1'));
  out('rlf after delete', res((await settle(limiter.consume('user-1')))[1]));
  const noExpire = new RateLimiterRedis({ storeClient: client, keyPrefix: 'rlf0', points: 2, duration: 0 });
  out('rlf no expiry', res((await settle(noExpire.consume('k')))[1]), res((await settle(noExpire.consume('k', 5)))[1]));
}

async function semaphores(client) {
  const opts = { lockTimeout: 3600000, acquireAttemptsLimit: 1, retryInterval: 10, refreshInterval: 0 };
  const a = new Mutex(client, 'mutex', { ...opts, identifier: 'id-a' });
  const b = new Mutex(client, 'mutex', { ...opts, identifier: 'id-b' });
  out('mutex a', await a.tryAcquire(), 'b', await b.tryAcquire());
  await a.release();
  out('mutex b after release', await b.tryAcquire(), await client.get('mutex:mutex'));
  await b.release();
  const sems = ['s1', 's2', 's3'].map((id) => new Semaphore(client, 'sem', 2, { ...opts, identifier: id }));
  const took = [];
  for (const s of sems) took.push(await s.tryAcquire());
  out('semaphore of 2', took, await client.zcard('semaphore:sem'));
  await sems[0].release();
  out('semaphore after release', await sems[2].tryAcquire(), await client.zrange('semaphore:sem', 0, -1));
  const multi = ['m1', 'm2'].map((id) => new MultiSemaphore(client, 'msem', 3, 2, { ...opts, identifier: id }));
  out('multi semaphore', await multi[0].tryAcquire(), await multi[1].tryAcquire(),
      await client.zrange('semaphore:msem', 0, -1));
  await multi[0].release();
  out('multi after release', await multi[1].tryAcquire(), await client.zrange('semaphore:msem', 0, -1));
}

function call(fn) {
  return new Promise((resolve) => fn((err, value) => resolve(err ? ['error', String(err)] : value)));
}

async function ratelimitJs(client) {
  const limiter = new RateLimit(client, [{ interval: 3600, limit: 3 }, { interval: 7200, limit: 5, precision: 100 }],
                                { prefix: 'rljs' });
  for (let i = 0; i < 5; i++) out('ratelimit.js incr', i, await call((cb) => limiter.incr(['10.0.0.1'], cb)));
  out('ratelimit.js check', await call((cb) => limiter.check(['10.0.0.1', '10.0.0.2'], cb)));
  out('ratelimit.js weight 2', await call((cb) => limiter.incr(['10.0.0.3'], 2, cb)),
      await call((cb) => limiter.incr(['10.0.0.3'], 2, cb)));
  out('ratelimit.js violated', await call((cb) => limiter.violatedRules(['10.0.0.1'], cb)));
  await call((cb) => limiter.whitelist(['10.0.0.1'], cb));
  out('ratelimit.js whitelisted', await call((cb) => limiter.incr(['10.0.0.1'], cb)));
  await call((cb) => limiter.blacklist(['10.0.0.9'], cb));
  out('ratelimit.js blacklisted', await call((cb) => limiter.incr(['10.0.0.9'], cb)));
}

async function main() {
  const client = new Redis(process.env.REDIS_URL, { enableOfflineQueue: true, lazyConnect: false });
  await rateLimiterFlexible(client);
  await semaphores(client);
  await ratelimitJs(client);
  out('keys', (await client.keys('*')).sort());
  client.disconnect();
}

main().catch((e) => { out('error', e.message); process.exit(1); });
