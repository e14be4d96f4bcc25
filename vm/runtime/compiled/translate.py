"""Translate a prototype: analyse, emit Python source, compile it, attach it to the prototype."""

from __future__ import annotations

from vm.bytecode.proto import VARARG_NEEDSARG
from vm.chunkid import chunkid
from vm.runtime.compiled import NEVER, codecache
from vm.runtime.compiled.callslow import CALLS
from vm.runtime.compiled.emit import Emitter
from vm.runtime.compiled.exits import EXITS
from vm.runtime.compiled.flow import Flow, Untranslatable, analyse
from vm.runtime.compiled.support import HELPERS, Meta

strict = False  # tests: a translator bug raises instead of leaving the prototype interpreted


def translate(p, free: bool = False) -> object | None:
    """The translated ``run`` of prototype p (also set as p.run and p.enter), or None when its
    code is of a shape the translator does not take (it stays interpreted). The translation
    honours p's debugger traps (Prototype.set_traps): each trapped pc starts a block that asks
    the trap's check first. One translation is kept per set of trapped pcs (``p.variants``), so
    that setting the same breakpoints again, or removing them, costs no translation.

    ``free``: the translation that counts no budget (p.run_free and p.enter_free), for a run
    whose budget never ends (compiled.FREE); a prototype with traps gets the counting one."""
    if free and not p.traps:
        if p.run_free is not None:
            return p.run_free
        variant = p.variants.get(FREE_KEY, _MISSING)
        if variant is _MISSING:
            variant = p.variants[FREE_KEY] = _translate(p, frozenset(), free=True)
        if variant is None:
            p.hot = NEVER
            return None
        p.run_free, p.entry, p.to_leader = variant
        p.enter_free = p.run_free
        return p.run_free
    if p.run is not None:
        return p.run
    traps = frozenset(p.traps)
    variant = p.variants.get(traps, _MISSING)
    if variant is _MISSING:
        variant = p.variants[traps] = _translate(p, traps)
    if variant is None:
        if not traps:
            p.hot = NEVER  # untranslatable as it is: never try again
        return None
    p.run, p.entry, p.to_leader = variant
    p.enter = p.run
    return p.run


FREE_KEY = "free"  # p.variants' key of the translation without budget counting
_MISSING = object()


def _translate(p, traps: frozenset[int], emitter: type = Emitter,
               names: dict | None = None, free: bool = False) -> tuple | None:
    """(run, entry, to_leader) of p's code with checks at these trapped pcs, or None. Another
    ``emitter`` (a subclass of Emitter) makes another variant, with ``names`` added to its
    namespace (cobody.py: a coroutine's body as a generator); ``free``: counting no budget."""
    try:
        flow = analyse_proto(p, traps)
        em, source = generate(p, flow, traps, emitter, free)
        code = compile_source(p, source)
    except Untranslatable:
        return None
    except Exception:  # a translator bug: the interpreter runs the function, as it always can
        if strict:
            raise
        return None
    return bind(p, flow, em, source, code, names)


# The four steps of a translation, each on its own so that bench/translate_cost.py times the
# same code: flow analysis, source generation, Python's compile(), and binding the result.

def analyse_proto(p, traps: frozenset[int]) -> Flow:
    """Step 1: blocks, types and register states (flow.analyse)."""
    return analyse(p.decoded, p.template[:p.nk], p.maxstack, p.generic, traps)


def generate(p, flow: Flow, traps: frozenset[int], emitter: type = Emitter,
             free: bool = False) -> tuple[Emitter, str]:
    """Step 2: the emitter and the Python source it writes."""
    em = emitter(flow, p.nups, len(p.protos), p.numparams, p.is_vararg,
                 bool(p.is_vararg & VARARG_NEEDSARG), traps, free)
    return em, em.function()


def compile_source(p, source: str) -> object:
    """Step 3: Python's compile() of the generated source, named after the Lua function (or
    the code object compiled from the same source before: codecache)."""
    proto = p.proto
    name = chunkid(proto.source if proto.source is not None else b"=?").decode("latin-1")
    return codecache.compiled(source, f"<lua {name}:{proto.linedefined}>")


def bind(p, flow: Flow, em: Emitter, source: str, code: object,
         names: dict | None = None) -> tuple:
    """Step 4: the compiled code run in its namespace; (run, entry, to_leader)."""
    ns = dict(HELPERS)
    ns.update(EXITS)
    ns.update(CALLS)
    ns.update(em.consts)
    ns["TEMPLATE"] = p.template
    ns["PROTOS"] = p.protos
    ns["PROTO"] = p
    ns["GUARDS"] = em.guards
    ns["META"] = Meta([-1, *em.src.pcs()], em.src.synced(), em.dirty_before, em.partial,
                      flow.rest, flow.unit, [ins[0] for ins in p.decoded], p.nk, em.reg_pos)
    ns["__source__"] = source
    if names:
        ns.update(names)
    exec(code, ns)
    entry = [0] * len(p.code)
    for start in em.has_case:  # the blocks the translated code can be entered at
        entry[start] = flow.blocks[start].cost
    return ns["run"], entry, [r if r > 0 else NEVER for r in flow.rest]
