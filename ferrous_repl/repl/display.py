"""How the outcome of running input is shown: results pretty-printed, errors with their
traceback, interrupts and internal errors said plainly. Pure: fragments out, nothing printed."""

from __future__ import annotations

import os

from ferrous_repl.pretty import Fragment, PrettyOptions, pretty, pretty_values
from ferrous_repl.repl.evaluate import Failed, Internal, Outcome, Returned, Stopped, SyntaxFailure
from vm.values_view import ValuesView, kind, number_text


def _text(b: bytes) -> str:
    return b.decode("utf-8", "replace")


def outcome_fragments(outcome: Outcome, view: ValuesView,
                      options: PrettyOptions | None = None) -> list[Fragment]:
    """What to show for an outcome; [] when there is nothing to show (no results)."""
    if isinstance(outcome, Returned):
        return pretty_values(outcome.values, view, options)
    if isinstance(outcome, SyntaxFailure):
        return [("error", _text(outcome.message))]
    if isinstance(outcome, Failed):
        return error_fragments(outcome, view, options)
    if isinstance(outcome, Stopped):
        if outcome.report is not None:  # as lua.c reports it: the message, the traceback
            message, _, rest = _text(outcome.report).partition("\n")
            return [("error", message)] + ([("traceback", "\n" + rest)] if rest else [])
        return [("marker", outcome.message)]
    assert isinstance(outcome, Internal)
    frags: list[Fragment] = [("error", f"internal error (a bug in ferrous): {outcome.summary}"),
                             ("traceback", "\nthe session goes on")]
    if os.environ.get("FERROUS_TRACEBACK"):
        frags.append(("traceback", "\n" + outcome.details.rstrip("\n")))
    else:
        frags.append(("traceback", "; set FERROUS_TRACEBACK=1 to see the Python traceback"))
    return frags


def error_fragments(failed: Failed, view: ValuesView,
                    options: PrettyOptions | None = None) -> list[Fragment]:
    """The error value (a message, or any other value pretty-printed) and the traceback."""
    value = failed.value
    if kind(value) == "string":
        frags: list[Fragment] = [("error", _text(value))]  # type: ignore[arg-type]
    elif kind(value) == "number":
        frags = [("error", number_text(value))]  # type: ignore[arg-type]
    else:
        frags = [("error", "error object is not a string: ")] + pretty(value, view, options, column=31)
    if failed.traceback:
        frags.append(("traceback", "\n" + _text(failed.traceback)))
    return frags
