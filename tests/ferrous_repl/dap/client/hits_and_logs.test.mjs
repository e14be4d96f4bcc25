// Hit conditions and logpoints (the engine's Breakpoint.hits and Breakpoint.log).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectOutput, evaluate, launchTo, program, start, top } from './harness.mjs';

const BASIC = program('basic.lua');

test('a hit count stops on the given hit', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [{ line: 13, hitCondition: '3' }]);
    assert.equal((await evaluate(dc, 'b')).result, '3');
    assert.equal((await evaluate(dc, 'a')).result, '3');
  } finally { await dc.stop(); }
});

test('a logpoint writes its message and never stops', async () => {
  const dc = await start();
  try {
    const out = collectOutput(dc);
    const ended = dc.waitForEvent('terminated');
    await Promise.all([
      dc.waitForEvent('initialized').then(() => dc.setBreakpointsRequest({
        source: { path: BASIC }, breakpoints: [{ line: 13, logMessage: 'adding {a} and {b}' }],
      })).then(() => dc.configurationDoneRequest()),
      dc.launch({ program: BASIC }),
    ]);
    await ended;
    const logged = out.filter((o) => o.category === 'console').map((o) => o.output).join('');
    assert.equal(logged, 'adding 0 and 1\nadding 1 and 2\nadding 3 and 3\nadding 6 and 4\nadding 10 and 5\n');
    const printed = out.filter((o) => o.category === 'stdout').map((o) => o.output).join('');
    assert.equal(printed, 'total\t15\t1\t0\ndone\n');
  } finally { await dc.stop(); }
});


test('a hit count counts only the hits whose condition holds', async () => {
  const dc = await start();
  try {
    // a > 0 holds from the second call on (a = 1, 3, 6, 10): its second hit has a = 3
    await launchTo(dc, { program: BASIC }, [{ line: 13, condition: 'a > 0', hitCondition: '2' }]);
    assert.equal((await evaluate(dc, 'a')).result, '3');
    assert.equal((await evaluate(dc, 'b')).result, '3');
  } finally { await dc.stop(); }
});

test('breakpoints the engine refuses say why; one on a line with no code moves to code', async () => {
  const dc = await start();
  try {
    let answer;
    await Promise.all([
      dc.waitForEvent('initialized').then(() => dc.setBreakpointsRequest({
        source: { path: BASIC },
        breakpoints: [{ line: 13, condition: 'a ==' }, { line: 13, hitCondition: 'often' },
          { line: 400 }, { line: 12 }],
      })).then((r) => { answer = r.body.breakpoints; return dc.configurationDoneRequest(); }),
      dc.launch({ program: BASIC, stopOnEntry: true }),
    ]);
    assert.equal(answer.length, 4);
    const [bad, hits, past, moved] = answer;
    assert.equal(bad.verified, false);
    assert.match(bad.message, /unexpected symbol near '<eof>'/);
    assert.equal(hits.verified, false);
    assert.match(hits.message, /hit condition 'often'/);
    assert.equal(past.verified, false);
    assert.match(past.message, /past the end/);
    assert.equal(moved.verified, true);
    assert.equal(moved.line, 13); // line 12 (local function add) has no code; 11 and 13 are as near
  } finally { await dc.stop(); }
});

test('a condition that raises stops there with its error', async () => {
  const dc = await start();
  try {
    await launchTo(dc, { program: BASIC }, [{ line: 13, condition: 'a.x == 1' }]);
    assert.equal((await evaluate(dc, 'a')).result, '0');
    assert.equal((await top(dc)).line, 13);
  } finally { await dc.stop(); }
});
