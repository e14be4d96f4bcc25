// Launching, and every kind of breakpoint: line (plain, conditional, hit count, logpoint),
// function, exception (caught and uncaught), instruction, data (a watchpoint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectOutput, evaluate, frames, launchTo, move, program, start, top } from './harness.mjs';

const BASIC = program('basic.lua');

test('launch with stopOnEntry stops before the first instruction', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC, stopOnEntry: true }, [], 'entry');
    const f = await top(dc);
    assert.equal(f.name, 'main chunk');
    assert.equal(f.line, 7); // the first instruction: the CLOSURE of counter, at its 'end'
    assert.equal(f.source.path, BASIC);
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepEqual(threads, [{ id: 1, name: 'main' }]);
  } finally { await dc.stop(); }
});

test('a line breakpoint stops in the function, with 5.1 names on the stack', async () => {
  const dc = await start();
  try {
    const ev = await launchTo(dc, { program: BASIC }, [13]);
    assert.ok(ev.body.hitBreakpointIds.length === 1);
    const fs = await frames(dc);
    assert.deepEqual(fs.map((f) => [f.name, f.line]), [["local 'add'", 13], ['main chunk', 18]]);
    assert.equal((await evaluate(dc, 'a')).result, '0');
    assert.equal((await evaluate(dc, 'b')).result, '1');
  } finally { await dc.stop(); }
});

test('a conditional breakpoint stops when its condition holds', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [{ line: 13, condition: 'b == 4' }]);
    assert.equal((await evaluate(dc, 'a')).result, '6');
  } finally { await dc.stop(); }
});

test('a function breakpoint stops on entry to the function of that name', async () => {
  const dc = await start();
  try {
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([
      dc.waitForEvent('initialized')
        .then(() => dc.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'add' }] }))
        .then((r) => { assert.equal(r.body.breakpoints[0].verified, true); })
        .then(() => dc.configurationDoneRequest()),
      dc.launch({ program: BASIC }),
    ]);
    const ev = await stopped;
    assert.equal(ev.body.reason, 'function breakpoint');
    const f = await top(dc);
    assert.equal(f.line, 13);
    assert.equal(f.name, "local 'add'");
  } finally { await dc.stop(); }
});

test('exception breakpoints: caught and uncaught errors stop before the stack unwinds', async () => {
  const dc = await start();
  const ERRORS = program('errors.lua');
  try {
    const out = collectOutput(dc);
    const stopped = dc.waitForEvent('stopped');
    await Promise.all([
      dc.waitForEvent('initialized')
        .then(() => dc.setExceptionBreakpointsRequest({ filters: ['uncaught', 'caught'] }))
        .then(() => dc.configurationDoneRequest()),
      dc.launch({ program: ERRORS }),
    ]);
    let ev = await stopped;
    assert.equal(ev.body.reason, 'exception');
    assert.match(ev.body.text, /failed: caught/);
    let info = (await dc.exceptionInfoRequest({ threadId: 1 })).body;
    assert.equal(info.breakMode, 'always');
    let fs = await frames(dc);
    // pcall's frame is a library function's: subtle, between fail and the main chunk
    assert.deepEqual(fs.map((f) => [f.name, f.line, f.presentationHint]),
      [['function <errors.lua:1>', 2, undefined], ["[C] global 'pcall'", 0, 'subtle'],
        ['main chunk', 4, undefined]]);
    assert.equal((await evaluate(dc, 'what', 'repl', fs[0].id)).result, '"caught"');

    ev = await move(dc, 'continueRequest');
    assert.equal(ev.body.reason, 'exception');
    info = (await dc.exceptionInfoRequest({ threadId: 1 })).body;
    assert.equal(info.breakMode, 'unhandled');
    assert.match(info.description, /errors\.lua:2: failed: uncaught/);
    assert.match(info.details.stackTrace, /^stack traceback:\n\t\[C\]: in function 'error'\n\t.*errors\.lua:2: in function 'fail'\n\t.*errors\.lua:7: in main chunk/);
    fs = await frames(dc);
    const main = fs.find((f) => f.name === 'main chunk');
    assert.equal((await evaluate(dc, 'data.level', 'watch', main.id)).result, '1');

    const exited = dc.waitForEvent('exited');
    const ended = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    assert.equal((await exited).body.exitCode, 1);
    await ended;
    const err = out.filter((o) => o.category === 'stderr').map((o) => o.output).join('');
    assert.match(err, /failed: uncaught\nstack traceback:/);
    const printed = out.filter((o) => o.category === 'stdout').map((o) => o.output).join('');
    assert.match(printed, /^false\t.*errors\.lua:2: failed: caught\n$/);
  } finally { await dc.stop(); }
});

test('by default only uncaught errors stop', async () => {
  const dc = await start();
  try {
    const ev = await launchTo(dc, { program: program('errors.lua') }, [], 'exception');
    assert.match(ev.body.text, /failed: uncaught/);
  } finally { await dc.stop(); }
});

test('an instruction breakpoint stops at that instruction', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [13]);
    const ip = (await top(dc)).instructionPointerReference;
    // the RETURN of add: two instructions on
    const set = await dc.customRequest('setInstructionBreakpoints', { breakpoints: [{ instructionReference: ip, offset: 1 }] });
    assert.equal(set.body.breakpoints[0].verified, true);
    assert.equal(set.body.breakpoints[0].line, 14);
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    const ev = await move(dc, 'continueRequest');
    assert.equal(ev.body.reason, 'instruction breakpoint');
    const f = await top(dc);
    assert.equal(BigInt(f.instructionPointerReference), BigInt(ip) + 1n);
    assert.equal(f.line, 14);
  } finally { await dc.stop(); }
});

test('a data breakpoint stops when the watched global changes', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [18]);
    const info = (await dc.dataBreakpointInfoRequest({ name: 'total', frameId: (await top(dc)).id })).body;
    assert.ok(info.dataId, JSON.stringify(info));
    await dc.setDataBreakpointsRequest({ breakpoints: [{ dataId: info.dataId }] });
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    let ev = await move(dc, 'continueRequest');
    assert.equal(ev.body.reason, 'data breakpoint');
    assert.equal((await evaluate(dc, 'total')).result, '1');
    ev = await move(dc, 'continueRequest');
    assert.equal(ev.body.reason, 'data breakpoint');
    assert.equal((await evaluate(dc, 'total')).result, '3');
    ev = await move(dc, 'reverseContinueRequest');
    assert.equal((await evaluate(dc, 'total')).result, '1');
  } finally { await dc.stop(); }
});
