// Starts `ferrous dap` the way an editor does (a child process speaking DAP on its standard
// input and output) under @vscode/debugadapter-testsupport's DebugClient, and a few helpers
// that read what the adapter answers. FERROUS_BIN names the `ferrous` executable (set by the
// pytest wrapper, tests/ferrous_repl/dap/test_client.py).
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DebugClient } from '@vscode/debugadapter-testsupport';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PROGRAMS = path.resolve(HERE, '..', 'programs');
export const program = (name) => path.join(PROGRAMS, name);

export async function start() {
  const bin = process.env.FERROUS_BIN;
  assert.ok(bin, 'FERROUS_BIN must name the ferrous executable');
  const dc = new DebugClient(bin, 'dap', 'ferrous', { cwd: PROGRAMS });
  dc.defaultTimeout = 30000;
  await dc.start();
  return dc;
}

// launch, set line breakpoints once the adapter asks for configuration, and wait for the stop
export async function launchTo(dc, args, lines = [], reason = 'breakpoint', file = null) {
  const stopped = dc.waitForEvent('stopped');
  await Promise.all([
    dc.waitForEvent('initialized').then(async () => {
      if (lines.length) {
        await dc.setBreakpointsRequest({
          source: { path: file || args.program },
          breakpoints: lines.map((l) => (typeof l === 'number' ? { line: l } : l)),
        });
      }
      return dc.configurationDoneRequest();
    }),
    dc.launch(args),
  ]);
  const event = await stopped;
  assert.equal(event.body.reason, reason, JSON.stringify(event.body));
  return event;
}

export async function top(dc) {
  const st = await dc.stackTraceRequest({ threadId: 1 });
  return st.body.stackFrames[0];
}

export async function frames(dc) {
  return (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
}

export async function scope(dc, name, frameId = null) {
  const id = frameId ?? (await top(dc)).id;
  const scopes = (await dc.scopesRequest({ frameId: id })).body.scopes;
  const found = scopes.find((s) => s.name === name);
  assert.ok(found, `no scope ${name} in ${scopes.map((s) => s.name)}`);
  return found;
}

export async function vars(dc, ref, extra = {}) {
  const r = await dc.variablesRequest({ variablesReference: ref, ...extra });
  return r.body.variables;
}

export async function named(dc, ref) {
  const out = {};
  for (const v of await vars(dc, ref)) out[v.name] = v;
  return out;
}

// the values of a scope, by name
export async function values(dc, scopeName, frameId = null) {
  const s = await scope(dc, scopeName, frameId);
  const out = {};
  for (const v of await vars(dc, s.variablesReference)) out[v.name] = v.value;
  return out;
}

export async function evaluate(dc, expression, context = 'repl', frameId = null) {
  const id = frameId ?? (await top(dc)).id;
  return (await dc.evaluateRequest({ expression, frameId: id, context })).body;
}

// send a request and wait for the stopped event it leads to
export async function move(dc, request, args = {}) {
  const stopped = dc.waitForEvent('stopped');
  await dc[request]({ threadId: 1, ...args });
  return stopped;
}

// collect the output events until the adapter terminates
export function collectOutput(dc) {
  const out = [];
  dc.on('output', (e) => out.push(e.body));
  return out;
}

export async function rejects(promise, pattern) {
  await assert.rejects(promise, (err) => {
    assert.match(err.message, pattern);
    return true;
  });
}
