"""Translate a prototype: analyse, emit Python source, compile it, attach it to the prototype."""

from __future__ import annotations

from vm.bytecode.proto import VARARG_NEEDSARG
from vm.chunkid import chunkid
from vm.runtime.compiled import NEVER
from vm.runtime.compiled.emit import Emitter
from vm.runtime.compiled.flow import Untranslatable, analyse
from vm.runtime.compiled.support import HELPERS, Meta

strict = False  # tests: a translator bug raises instead of leaving the prototype interpreted


def translate(p) -> object | None:
    """The translated ``run`` of prototype p (also set as p.run and p.enter), or None when its
    code is of a shape the translator does not take (it stays interpreted). A prototype with
    debugger traps is never run translated (Prototype.set_traps): None while it has them."""
    if p.traps:
        return None
    if p.run is not None:
        return p.run
    try:
        flow = analyse(p.decoded, p.template[:p.nk], p.maxstack, p.generic)
        em = Emitter(flow, p.nups, len(p.protos), p.numparams, p.is_vararg,
                     bool(p.is_vararg & VARARG_NEEDSARG))
        source = em.function()
        proto = p.proto
        name = chunkid(proto.source if proto.source is not None else b"=?").decode("latin-1")
        code = compile(source, f"<lua {name}:{proto.linedefined}>", "exec")
    except Untranslatable:
        p.hot = NEVER
        return None
    except Exception:  # a translator bug: the interpreter runs the function, as it always can
        if strict:
            raise
        p.hot = NEVER
        return None
    ns = dict(HELPERS)
    ns.update(em.consts)
    ns["TEMPLATE"] = p.template
    ns["PROTOS"] = p.protos
    ns["GUARDS"] = em.guards
    ns["META"] = Meta([-1, *em.src.pcs()], em.src.synced(), em.dirty_before, em.partial,
                      flow.rest, flow.unit, [ins[0] for ins in p.decoded], p.nk, em.reg_pos)
    ns["__source__"] = source
    exec(code, ns)
    run = ns["run"]
    entry = [0] * len(p.code)
    for start, block in flow.blocks.items():
        entry[start] = block.cost
    p.entry = entry
    p.to_leader = [r if r > 0 else NEVER for r in flow.rest]
    p.run = run
    p.enter = run
    return run
