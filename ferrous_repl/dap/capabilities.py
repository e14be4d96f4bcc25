"""What ``ferrous dap`` can do, declared in one place: the ``initialize`` response's body.
Each capability set here has a handler in adapter.py (tests/ferrous_repl/dap checks that every
declared request is answered)."""

from __future__ import annotations

from vm.debugger import Breakpoint

# hit conditions and log messages are the engine's (Breakpoint.hits, Breakpoint.log)
_ENGINE = Breakpoint.__dataclass_fields__  # type: ignore[attr-defined]

UNCAUGHT = "uncaught"
CAUGHT = "caught"

EXCEPTION_FILTERS = [
    {"filter": UNCAUGHT, "label": "Uncaught errors", "default": True,
     "description": "Stop on an error that nothing catches, before the stack unwinds"},
    {"filter": CAUGHT, "label": "Caught errors (pcall)", "default": False,
     "description": "Stop also on errors that pcall, xpcall or a coroutine resume will catch"},
]

CAPABILITIES: dict = {
    "supportsConfigurationDoneRequest": True,
    "supportsFunctionBreakpoints": True,
    "supportsConditionalBreakpoints": True,
    "supportsHitConditionalBreakpoints": "hits" in _ENGINE,
    "supportsLogPoints": "log" in _ENGINE,
    "supportsEvaluateForHovers": True,
    "exceptionBreakpointFilters": EXCEPTION_FILTERS,
    "supportsExceptionInfoRequest": True,
    "supportsStepBack": True,
    "supportsSetVariable": True,
    "supportsSetExpression": True,
    "supportsRestartRequest": True,
    "supportsTerminateRequest": True,
    "supportsGotoTargetsRequest": True,
    "supportsCompletionsRequest": True,
    "completionTriggerCharacters": [".", ":"],
    "supportsLoadedSourcesRequest": True,
    "supportsDisassembleRequest": True,
    "supportsSteppingGranularity": True,
    "supportsInstructionBreakpoints": True,
    "supportsDataBreakpoints": True,
    "supportsValueFormattingOptions": False,
    "supportsDelayedStackTraceLoading": True,
    "supportTerminateDebuggee": True,
    "supportsSingleThreadExecutionRequests": False,
    "supportsExceptionOptions": False,
    "supportsModulesRequest": False,
    "supportsReadMemoryRequest": False,
}
