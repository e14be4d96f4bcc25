// What a stop shows: every scope (Locals, Upvalues open/closed/shared, Registers, Varargs,
// Globals), nested tables paged and expandable with their metatables, evaluate in each
// context, setVariable and setExpression, completions, disassembly against luac5.1 -l,
// loaded sources, output and exit events, standard input from a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { collectOutput, evaluate, frames, launchTo, move, named, program, scope, start, top, values, vars } from './harness.mjs';

const BASIC = program('basic.lua');

test('scopes of a Lua frame, and nested tables with their metatable', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [13]);
    const fs = await frames(dc);
    const scopes = (await dc.scopesRequest({ frameId: fs[0].id })).body.scopes.map((s) => s.name);
    assert.deepEqual(scopes, ['Locals', 'Upvalues', 'Registers', 'Varargs', 'Globals']);
    assert.deepEqual(await values(dc, 'Locals'), { a: '0', b: '1' });
    const regs = await values(dc, 'Registers');
    assert.equal(regs['R0 a'], '0');
    assert.equal(regs['R1 b'], '1');
    assert.ok('R2' in regs, JSON.stringify(regs));
    const globals = await values(dc, 'Globals');
    assert.equal(globals.total, '0');
    assert.equal(globals.print, 'print <builtin>'); // library objects by the name programs use

    const main = await named(dc, (await scope(dc, 'Locals', fs[1].id)).variablesReference);
    assert.deepEqual(Object.keys(main), ['counter', 'c1', 'c2', 't', 'add', '(for index)', '(for limit)', '(for step)', 'i']);
    const t = main.t;
    assert.equal(t.indexedVariables, 3);
    assert.equal(t.namedVariables, 3); // nested, name, (metatable)
    const fields = await named(dc, t.variablesReference);
    assert.deepEqual(Object.keys(fields), ['[1]', '[2]', '[3]', 'nested', 'name', '(metatable)']);
    assert.equal(fields['[2]'].value, '20');
    assert.equal(fields.name.value, '"tbl"');
    assert.equal(fields.name.evaluateName, 't.name');
    const deep = await named(dc, (await named(dc, fields.nested.variablesReference)).deep.variablesReference);
    assert.equal(deep.value.value, '42');
    assert.equal(deep.value.evaluateName, 't.nested.deep.value');
    const meta = await named(dc, fields['(metatable)'].variablesReference);
    assert.equal(meta.__index.type, 'function');
    // paged: the array part by index, the rest by name
    const page = await vars(dc, t.variablesReference, { filter: 'indexed', start: 1, count: 1 });
    assert.deepEqual(page.map((v) => [v.name, v.value]), [['[2]', '20']]);
    const rest = await vars(dc, t.variablesReference, { filter: 'named' });
    assert.deepEqual(rest.map((v) => v.name), ['nested', 'name', '(metatable)']);
    // a closure expands to its upvalues
    const c1 = await named(dc, main.c1.variablesReference);
    assert.equal(c1.n.value, '0');
    assert.match(c1['(defined)'].value, /basic\.lua:3/);
  } finally { await dc.stop(); }
});

test('upvalues open, then closed, and shared between closures', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: program('upvalues.lua') }, [4]);
    let s = await scope(dc, 'Upvalues');
    let x = (await vars(dc, s.variablesReference))[0];
    assert.equal(x.name, 'x');
    assert.equal(x.value, '1');
    assert.match(x.type, /^number, open: R0 of frame #1, shared with function#\d+/);
    await move(dc, 'continueRequest');
    s = await scope(dc, 'Upvalues');
    x = (await vars(dc, s.variablesReference))[0];
    assert.equal(x.value, '2');
    assert.match(x.type, /^number, closed, shared with function#\d+/);
  } finally { await dc.stop(); }
});

test('varargs, and the arg table of the launch arguments', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: program('varargs.lua'), args: ['first', 'second'] }, [2]);
    assert.deepEqual(await values(dc, 'Varargs'), { '...1': '"x"', '...2': '2', '...3': 'true' });
    const fs = await frames(dc);
    assert.equal((await evaluate(dc, 'arg[1], arg[2], #arg', 'repl', fs[1].id)).result, '"first", "second", 2');
  } finally { await dc.stop(); }
});

test('evaluate in the selected frame, setVariable and setExpression', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [13]);
    const fs = await frames(dc);
    assert.equal((await evaluate(dc, 'a + b')).result, '1');
    assert.equal((await evaluate(dc, 'i', 'hover', fs[1].id)).result, '1');
    const many = await evaluate(dc, '1, "two", nil');
    assert.equal(many.result, '1, "two", nil');
    const tbl = await evaluate(dc, 't', 'watch', fs[1].id);
    assert.match(tbl.result, /^table#\d+ /);
    assert.ok(tbl.variablesReference > 0);
    // a watch leaves no trace: a function called in it changes nothing
    await evaluate(dc, '(function() total = 99 end)()', 'watch');
    assert.equal((await evaluate(dc, 'total', 'watch')).result, '0');
    await assert.rejects(evaluate(dc, 'a +'), /unexpected symbol|expected/);
    await assert.rejects(evaluate(dc, 'nil + 1'), /attempt to perform arithmetic/);

    const locals = await scope(dc, 'Locals');
    const set = await dc.setVariableRequest({ variablesReference: locals.variablesReference, name: 'a', value: '100' });
    assert.equal(set.body.value, '100');
    assert.equal((await evaluate(dc, 'a + b')).result, '101');
    const main = await named(dc, (await scope(dc, 'Locals', fs[1].id)).variablesReference);
    const field = await dc.setVariableRequest({ variablesReference: main.t.variablesReference, name: 'name', value: '"renamed"' });
    assert.equal(field.body.value, '"renamed"');
    assert.equal((await evaluate(dc, 't.name', 'repl', fs[1].id)).result, '"renamed"');
    const expr = await dc.customRequest('setExpression', { expression: 't[1]', value: '10 * 9', frameId: fs[1].id });
    assert.equal(expr.body.value, '90');
    const globals = await scope(dc, 'Globals');
    await dc.setVariableRequest({ variablesReference: globals.variablesReference, name: 'total', value: '1000' });
    assert.equal((await evaluate(dc, 'total')).result, '1000');
    await dc.setBreakpointsRequest({ source: { path: BASIC }, breakpoints: [] });
    const out = collectOutput(dc);
    const ended = dc.waitForEvent('terminated');
    await dc.continueRequest({ threadId: 1 });
    await ended;
    const printed = out.filter((o) => o.category === 'stdout').map((o) => o.output).join('');
    // add returns 100 + 1 into total (over the 1000), then 2 + 3 + 4 + 5 more
    assert.equal(printed, 'total\t115\t1\t0\ndone\n');
  } finally { await dc.stop(); }
});

test('completions come from the REPL completer, with the frame\'s locals', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [13]);
    const fs = await frames(dc);
    const labels = async (text, frameId) =>
      (await dc.completionsRequest({ text, column: text.length + 1, frameId })).body.targets.map((t) => t.label);
    assert.deepEqual(await labels('str', fs[0].id), ['string']);
    assert.ok((await labels('string.fo', fs[0].id)).includes('format'));
    assert.deepEqual(await labels('t.na', fs[1].id), ['name']);
    assert.deepEqual(await labels('t.nested.d', fs[1].id), ['deep']);
    assert.ok((await labels('a', fs[0].id)).includes('add') === false);
    assert.ok((await labels('ad', fs[1].id)).includes('add'));
    assert.deepEqual(await labels('("x"):up', fs[0].id), ['upper']);
  } finally { await dc.stop(); }
});

test('disassemble around the current instruction is luac5.1 -l, on every frame', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [13]);
    const listing = execFileSync('luac5.1', ['-l', '-p', BASIC], { encoding: 'utf8' });
    const fns = {};
    let current = null;
    for (const line of listing.split('\n')) {
      const head = line.match(/^(main|function) <[^:]*:(\d+),\d+>/);
      if (head) { current = fns[head[2]] = []; continue; }
      const row = line.match(/^\t(\d+)\t\[(\d+)\]\t(.*)$/);
      if (row && current) current.push([Number(row[2]), row[3]]);
    }
    for (const f of await frames(dc)) {
      const fn = f.name === 'main chunk' ? fns['0'] : fns['12'];
      const ip = BigInt(f.instructionPointerReference);
      const r = await dc.disassembleRequest({ memoryReference: f.instructionPointerReference, instructionOffset: -2, instructionCount: 5 });
      const rows = r.body.instructions;
      assert.equal(rows.length, 5);
      assert.equal(BigInt(rows[2].address), ip);
      // the rows that are instructions are a stretch of luac5.1's listing of that function
      const valid = rows.filter((r) => r.presentationHint !== 'invalid').map((r) => [r.line, r.instruction]);
      assert.ok(valid.length >= 3);
      assert.ok(fn.some((_, i) => JSON.stringify(fn.slice(i, i + valid.length)) === JSON.stringify(valid)),
        `${JSON.stringify(valid)} is not in luac5.1's listing`);
    }
    // the whole function of add, from its first instruction
    const ip = BigInt((await top(dc)).instructionPointerReference);
    const all = (await dc.disassembleRequest({ memoryReference: '0x' + ip.toString(16), instructionCount: 3 })).body.instructions;
    assert.deepEqual(all.map((r) => [r.line, r.instruction]), fns['12']);
    assert.match(all[0].symbol, /^function <.*basic\.lua:12,15> \(3 instructions\)$/);
    // far from any function: invalid rows, never an error
    const far = (await dc.disassembleRequest({ memoryReference: '0x00ffffff', instructionCount: 2 })).body.instructions;
    assert.deepEqual(far.map((r) => r.presentationHint), ['invalid', 'invalid']);
  } finally { await dc.stop(); }
});

test('output events, exited with the status, terminated; loaded sources', async () => {
  const dc = await start();
  try {
    const out = collectOutput(dc);
    const exited = dc.waitForEvent('exited');
    const ended = dc.waitForEvent('terminated');
    await Promise.all([dc.configurationSequence(), dc.launch({ program: BASIC })]);
    assert.equal((await exited).body.exitCode, 0);
    await ended;
    assert.deepEqual(out.map((o) => [o.category, o.output]), [['stdout', 'total\t15\t1\t0\ndone\n']]);
    const sources = (await dc.customRequest('loadedSources', {})).body.sources;
    assert.deepEqual(sources.map((s) => s.path), [BASIC]);
  } finally { await dc.stop(); }
});

test('standard input from a file', async () => {
  const dc = await start();
  try {
    const out = collectOutput(dc);
    const ended = dc.waitForEvent('terminated');
    await Promise.all([dc.configurationSequence(),
      dc.launch({ program: program('input.lua'), stdin: program('input.txt') })]);
    await ended;
    assert.equal(out.map((o) => o.output).join(''), 'read\tline one\tline two\n');
  } finally { await dc.stop(); }
});
