// Redis scripts and functions: KEYS/ARGV bound, the Keyspace and redis.call log scopes, redis.log
// as console output, the reply as redis-cli prints it, going back restoring the keyspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectOutput, evaluate, launchTo, move, named, scope, program, start, top, vars } from './harness.mjs';

const SCRIPT = program('transfer.lua');

async function keyspace(dc) {
  return named(dc, (await scope(dc, 'Keyspace')).variablesReference);
}

test('a Redis script: its Keyspace scope and call log, back and forward, its reply', async () => {
  const dc = await start();
  try {
    const out = collectOutput(dc);
    const redis = { keys: ['alice', 'bob'], argv: ['30'], setup: program('transfer.redis') };
    await launchTo(dc, { program: SCRIPT, redis }, [8]);
    const f = await top(dc);
    assert.equal(f.source.path, SCRIPT);
    assert.equal((await evaluate(dc, 'KEYS[1], ARGV[1], amount')).result, '"alice", "30", 30');
    let keys = await keyspace(dc);
    assert.equal(keys['"alice"'].value, '"70"');
    assert.equal(keys['"bob"'].value, '"5"');
    assert.equal(keys['"history"'].value, 'list (2 items)');
    const history = await vars(dc, keys['"history"'].variablesReference);
    assert.deepEqual(history.map((v) => v.value), ['"first"', '"second"']);
    const log = await vars(dc, (await scope(dc, 'redis.call log')).variablesReference);
    assert.deepEqual(log.map((v) => [v.name, v.value]),
      [['1. line 3', '"GET" "alice" -> "100"'], ['2. line 7', '"DECRBY" "alice" "30" -> (integer) 70']]);

    await move(dc, 'stepBackRequest');
    assert.equal((await top(dc)).line, 7);
    keys = await keyspace(dc);
    assert.equal(keys['"alice"'].value, '"100"');
    await move(dc, 'nextRequest');
    await move(dc, 'nextRequest');
    keys = await keyspace(dc);
    assert.equal(keys['"alice"'].value, '"70"');
    assert.equal(keys['"bob"'].value, '"35"');

    const exited = dc.waitForEvent('exited');
    const ended = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    assert.equal((await exited).body.exitCode, 0);
    await ended;
    assert.deepEqual(out.map((o) => [o.category, o.output]), [
      ['console', 'redis.log(warning): moved 30\n'],
      ['stdout', 'EVAL reply: 1) "alice"\n2) "70"\n3) "bob"\n4) "35"\n'],
    ]);
  } finally { await dc.stop(); }
});

test('a Redis script error stops where it is raised and ends with the error reply', async () => {
  const dc = await start();
  try {
    const out = collectOutput(dc);
    const redis = { keys: ['alice', 'bob'], argv: ['oops'], setup: program('transfer.redis') };
    const ev = await launchTo(dc, { program: SCRIPT, redis }, [], 'exception');
    assert.match(ev.body.text, /attempt to compare/);
    assert.equal((await top(dc)).line, 4);
    const ended = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await ended;
    const err = out.filter((o) => o.category === 'stderr').map((o) => o.output).join('');
    assert.match(err, /^EVAL reply: \(error\) ERR user_script:4: attempt to compare .* script: [0-9a-f]{40}, on @user_script:4\.\n$/);
  } finally { await dc.stop(); }
});

test('a Redis function: FCALL of a library function, its upvalues kept', async () => {
  const dc = await start();
  try {
    const out = collectOutput(dc);
    const redis = { function: 'myincr', keys: ['counter'], argv: ['5'] };
    await launchTo(dc, { program: program('mylib.lua'), redis }, [5]);
    const f = await top(dc);
    assert.equal(f.source.path, program('mylib.lua'));
    assert.equal(f.name, 'function <mylib.lua:3>');
    const locals = await named(dc, (await scope(dc, 'Locals')).variablesReference);
    const keys = await vars(dc, locals.keys.variablesReference);
    assert.deepEqual(keys.map((v) => [v.name, v.value]), [['[1]', '"counter"']]);
    const ups = await named(dc, (await scope(dc, 'Upvalues')).variablesReference);
    assert.equal(ups.calls.value, '1');
    await move(dc, 'nextRequest');
    assert.equal((await keyspace(dc))['"counter"'].value, '"5"');
    const ended = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await ended;
    assert.deepEqual(out.map((o) => o.output), ['FCALL reply: 1) (integer) 5\n2) (integer) 1\n']);
  } finally { await dc.stop(); }
});

test('a Redis launch that cannot load says why', async () => {
  const dc = await start();
  try {
    await assert.rejects(dc.launch({ program: program('basic.lua'), redis: { function: 'nope' } }),
      /No functions registered|library|shebang/i);
    await assert.rejects(dc.launch({ program: program('nothere.lua'), redis: {} }),
      /Can't open file/);
  } finally { await dc.stop(); }
});
