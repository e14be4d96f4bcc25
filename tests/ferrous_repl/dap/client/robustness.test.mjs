// Pause of an infinite loop, restart, terminate, malformed and wrong requests answered with
// errors while the session goes on, breakpoints changed while the program runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, launchTo, move, program, rejects, start, top } from './harness.mjs';

const LOOP = program('loop.lua');
const BASIC = program('basic.lua');

test('pause stops an infinite loop; breakpoints set while it runs take effect', async () => {
  const dc = await start();
  try {
    await Promise.all([dc.configurationSequence(), dc.launch({ program: LOOP })]);
    await new Promise((r) => setTimeout(r, 300));
    const threads = (await dc.threadsRequest()).body.threads; // answered while it runs
    assert.equal(threads[0].id, 1);
    const stopped = dc.waitForEvent('stopped');
    await dc.pauseRequest({ threadId: 1 });
    const ev = await stopped;
    assert.equal(ev.body.reason, 'pause');
    const i = Number((await evaluate(dc, 'i')).result);
    assert.ok(i > 0);
    // disconnecting while it runs again ends it
    await dc.continueRequest({ threadId: 1 });
  } finally { await dc.stop(); }
});

test('a breakpoint set while the program runs stops it there', async () => {
  const dc = await start();
  try {
    await Promise.all([dc.configurationSequence(), dc.launch({ program: LOOP })]);
    await new Promise((r) => setTimeout(r, 300));
    const stopped = dc.waitForEvent('stopped');
    const set = await dc.setBreakpointsRequest({ source: { path: LOOP }, breakpoints: [{ line: 3 }] });
    assert.equal(set.body.breakpoints[0].verified, true);
    const ev = await stopped;
    assert.equal(ev.body.reason, 'breakpoint');
    assert.equal((await top(dc)).line, 3);
  } finally { await dc.stop(); }
});

test('restart runs the program again from the start', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC, stopOnEntry: true }, [13], 'entry');
    await move(dc, 'continueRequest');
    await move(dc, 'continueRequest');
    assert.equal((await evaluate(dc, 'b')).result, '2');
    const stopped = dc.waitForEvent('stopped');
    await dc.restartRequest({});
    assert.equal((await stopped).body.reason, 'entry');
    assert.equal((await evaluate(dc, 'total', 'watch')).result, 'nil');
    await move(dc, 'continueRequest');
    assert.equal((await evaluate(dc, 'b')).result, '1');
  } finally { await dc.stop(); }
});

test('terminate ends the session', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: LOOP, stopOnEntry: true }, [], 'entry');
    const ended = dc.waitForEvent('terminated');
    await dc.terminateRequest({});
    await ended;
  } finally { await dc.stop(); }
});

test('malformed and wrong requests get error responses, and the session goes on', async () => {
  const dc = await start();
  try {
    await rejects(dc.customRequest('stackTrace', { threadId: 1 }), /no program is being debugged/);
    await rejects(dc.launch({}), /'program' must name a Lua file/);
    await rejects(dc.launch({ program: program('nothere.lua') }), /cannot open .*nothere\.lua/);
    await launchTo(dc, { program: BASIC }, [13]);
    await rejects(dc.customRequest('frobnicate', {}), /does not know the request 'frobnicate'/);
    await rejects(dc.customRequest('stackTrace', {}), /'threadId' is missing/);
    await rejects(dc.customRequest('stackTrace', { threadId: 'one' }), /'threadId' must be a number/);
    await rejects(dc.customRequest('variables', { variablesReference: 9999 }), /no variables 9999/);
    await rejects(dc.customRequest('scopes', { frameId: 42 }), /no frame 42/);
    await rejects(dc.customRequest('next', { threadId: 1, granularity: 'sideways' }), /no granularity 'sideways'/);
    await rejects(dc.customRequest('setBreakpoints', { source: { path: BASIC }, breakpoints: [{ line: 'x' }] }), /needs a 'line'/);
    await rejects(dc.customRequest('setExceptionBreakpoints', { filters: ['everything'] }), /no filter 'everything'/);
    await rejects(dc.customRequest('disassemble', { memoryReference: 'here', instructionCount: 1 }), /not an instruction address/);
    await rejects(dc.customRequest('exceptionInfo', { threadId: 1 }), /not stopped on an error/);
    await rejects(dc.customRequest('evaluate', { expression: 'local = 1', frameId: 1 }), /unexpected symbol|expected/);
    await rejects(dc.customRequest('evaluate', { expression: 'error("from eval")', frameId: 1 }), /from eval/);
    const locals = (await dc.scopesRequest({ frameId: 1 })).body.scopes[0].variablesReference;
    await rejects(dc.customRequest('setVariable', { variablesReference: locals, name: 'nope', value: '1' }), /no variable 'nope'/);
    await rejects(dc.customRequest('setVariable', { variablesReference: locals, name: 'a', value: '+' }), /unexpected symbol/);
    await rejects(dc.customRequest('goto', { threadId: 1, targetId: 77 }), /no target 77/);
    // bytes that are not a DAP message at all, then a request: answered as ever
    dc.outputStream.write('Content-Length: x\r\n\r\n{}Content-Length: 2\r\n\r\n[]');
    dc.outputStream.write('Content-Length: 5\r\n\r\n{oops');
    assert.equal((await evaluate(dc, 'a + b')).result, '1');
    assert.equal((await top(dc)).line, 13);
  } finally { await dc.stop(); }
});
