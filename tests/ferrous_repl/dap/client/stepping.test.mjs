// Each step kind in both granularities, and going back: stepBack (line and instruction) and
// reverseContinue return to exactly the state going forward showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, frames, launchTo, move, program, scope, start, top, vars } from './harness.mjs';

const BASIC = program('basic.lua');

// everything the client can see of a stop: the stack, and every variable of every scope of
// every frame (tables expanded one level)
async function picture(dc) {
  const out = [];
  for (const f of await frames(dc)) {
    out.push([f.name, f.line, f.instructionPointerReference]);
    const scopes = (await dc.scopesRequest({ frameId: f.id })).body.scopes;
    for (const s of scopes) {
      for (const v of await vars(dc, s.variablesReference)) {
        out.push([s.name, v.name, v.value, v.type]);
        if (v.variablesReference && s.name !== 'Globals') {
          for (const c of await vars(dc, v.variablesReference)) out.push(['  ', c.name, c.value]);
        }
      }
    }
  }
  return out;
}

const ip = async (dc) => BigInt((await top(dc)).instructionPointerReference);

test('next, stepIn and stepOut by line', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [18]);
    await move(dc, 'nextRequest');
    assert.equal((await top(dc)).line, 19);
    await move(dc, 'nextRequest');
    assert.equal((await top(dc)).line, 17); // the loop's FORLOOP is on the for's line
    await move(dc, 'nextRequest');
    assert.equal((await top(dc)).line, 18);
    let ev = await move(dc, 'stepInRequest');
    assert.equal(ev.body.reason, 'step');
    let f = await top(dc);
    assert.deepEqual([f.name, f.line], ["local 'add'", 13]);
    await move(dc, 'stepInRequest');
    assert.equal((await top(dc)).line, 14);
    await move(dc, 'stepOutRequest');
    f = await top(dc);
    assert.deepEqual([f.name, f.line], ['main chunk', 18]);
    assert.equal((await evaluate(dc, 'total')).result, '1'); // add's result is stored
  } finally { await dc.stop(); }
});

test('next, stepIn and stepOut by instruction', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [18]);
    const a = await ip(dc);
    await move(dc, 'nextRequest', { granularity: 'instruction' });
    assert.equal(await ip(dc), a + 1n);
    await move(dc, 'stepInRequest', { granularity: 'instruction' });
    assert.equal(await ip(dc), a + 2n);
    // on to the CALL of add, and one instruction into it
    await move(dc, 'stepInRequest', { granularity: 'instruction' });
    await move(dc, 'stepInRequest', { granularity: 'instruction' });
    const f = await top(dc);
    assert.deepEqual([f.name, f.line], ["local 'add'", 13]);
    await move(dc, 'stepOutRequest', { granularity: 'instruction' });
    assert.equal((await top(dc)).name, 'main chunk');
  } finally { await dc.stop(); }
});

test('stepBack by line and by instruction returns to identical variables', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [18]);
    await move(dc, 'nextRequest');
    await move(dc, 'nextRequest');
    await move(dc, 'nextRequest');
    const at18 = await picture(dc);
    await move(dc, 'nextRequest');
    const at19 = await picture(dc);
    assert.notDeepEqual(at18, at19);
    await move(dc, 'stepBackRequest');
    assert.deepEqual(await picture(dc), at18);
    await move(dc, 'nextRequest');
    assert.deepEqual(await picture(dc), at19);
    const here = await ip(dc);
    await move(dc, 'nextRequest', { granularity: 'instruction' });
    const ahead = await picture(dc);
    await move(dc, 'stepBackRequest', { granularity: 'instruction' });
    assert.equal(await ip(dc), here);
    assert.deepEqual(await picture(dc), at19);
    await move(dc, 'nextRequest', { granularity: 'instruction' });
    assert.deepEqual(await picture(dc), ahead);
  } finally { await dc.stop(); }
});

test('reverseContinue goes back to the previous breakpoint hit, exactly as it was', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [13]);
    await move(dc, 'continueRequest');
    await move(dc, 'continueRequest');
    const third = await picture(dc);
    assert.equal((await evaluate(dc, 'b')).result, '3');
    await move(dc, 'continueRequest');
    assert.equal((await evaluate(dc, 'b')).result, '4');
    const ev = await move(dc, 'reverseContinueRequest');
    assert.equal(ev.body.reason, 'breakpoint');
    assert.deepEqual(await picture(dc), third);
    await move(dc, 'reverseContinueRequest');
    assert.equal((await evaluate(dc, 'b')).result, '2');
    // and forward again
    await move(dc, 'continueRequest');
    assert.deepEqual(await picture(dc), third);
  } finally { await dc.stop(); }
});

test('reverseContinue with no breakpoint behind goes back to the start', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [19]);
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    await move(dc, 'reverseContinueRequest');
    const f = await top(dc);
    assert.equal(f.line, 7);
    assert.equal((await evaluate(dc, 'total', 'watch')).result, 'nil');
  } finally { await dc.stop(); }
});

test('goto targets travel in time to a line, back and forward', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [18]);
    await move(dc, 'continueRequest');
    await move(dc, 'continueRequest'); // the third time round: i == 3
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    const targets = (await dc.gotoTargetsRequest({ source: { path: BASIC }, line: 13 })).body.targets;
    assert.equal(targets.length, 2);
    const back = targets.find((t) => t.label.startsWith('back'));
    const on = targets.find((t) => t.label.startsWith('on'));
    await move(dc, 'gotoRequest', { targetId: back.id });
    assert.equal((await top(dc)).line, 13);
    assert.equal((await evaluate(dc, 'b')).result, '2');
    await move(dc, 'gotoRequest', { targetId: on.id });
    assert.equal((await evaluate(dc, 'b')).result, '3');
  } finally { await dc.stop(); }
});

test('stepping inside a coroutine: it is a thread of its own', async () => {
  const dc = await start();
  try {
    const ev = await launchTo(dc, { program: program('varargs.lua') }, [6]);
    const thread = ev.body.threadId;
    assert.notEqual(thread, 1);
    const threads = (await dc.threadsRequest()).body.threads;
    const co = threads.find((t) => t.id === thread);
    assert.equal(co.name, 'coroutine thread#3 (running)'); // after va and the body: the third object
    const st = (await dc.stackTraceRequest({ threadId: thread })).body.stackFrames;
    assert.equal(st[0].line, 6);
    assert.equal((await dc.evaluateRequest({ expression: 'a', frameId: st[0].id })).body.result, '1');
    // over the yield: the main thread runs until the coroutine is resumed and reaches line 7
    let step = await move(dc, 'nextRequest', { threadId: thread });
    assert.equal(step.body.threadId, thread);
    let f = (await dc.stackTraceRequest({ threadId: thread })).body.stackFrames[0];
    assert.equal(f.line, 7);
    assert.equal((await dc.evaluateRequest({ expression: 'b', frameId: f.id })).body.result, '5');
    assert.equal((await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames.length, 0);
    step = await move(dc, 'stepOutRequest', { threadId: thread }); // back in the main thread
    assert.equal(step.body.threadId, 1);
    f = await top(dc);
    assert.equal(f.line, 11);
    const after = (await dc.threadsRequest()).body.threads.find((t) => t.id === thread);
    assert.match(after.name, /\(dead\)$/);
  } finally { await dc.stop(); }
});
