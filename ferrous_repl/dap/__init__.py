"""``ferrous dap``: the debugger as a Debug Adapter Protocol server, for editors.

Layers, each knowing only the one below it:

- ``framing.py``: DAP's wire format (``Content-Length`` headers, JSON bodies) as an incremental
  reader that survives split reads, several messages in one read and malformed input.
- ``messaging.py``: the JSON-RPC-like channel: sequence numbers, responses and events, one
  handler per request found in a registry, errors answered, never fatal.
- ``capabilities.py``: what the adapter declares, in one place.
- ``adapter.py``: the handlers, one per request: they read the arguments, call the runtime and
  shape the answers. They run the engine in one worker thread, so that ``pause`` reaches a
  program that loops.
- ``runtime.py`` and its helpers (``targets.py`` what is launched, ``variables.py`` scopes and
  values by reference, ``disassembly.py`` instruction addresses): the mapping of DAP's notions
  onto ``vm.debugger``'s API and the inspection views. Nothing here reaches into the VM's
  runtime objects (tests/ferrous_repl/dap/test_boundary.py checks the imports).
- ``server.py``: standard input/output, or a loopback port (``--port N``).
"""
