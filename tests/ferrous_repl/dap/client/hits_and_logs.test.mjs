// Hit conditions and logpoints (the engine's Breakpoint.hits and Breakpoint.log).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectOutput, evaluate, launchTo, program, start } from './harness.mjs';

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

