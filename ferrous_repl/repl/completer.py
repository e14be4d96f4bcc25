"""The prompt_toolkit completer: the context at the cursor (context.py), candidates for it
from the live VM (candidates.py), file names from prompt_toolkit's path completer."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prompt_toolkit.completion import CompleteEvent, Completer, Completion, PathCompleter
from prompt_toolkit.document import Document

from ferrous_repl.repl.candidates import Sources, candidates
from ferrous_repl.repl.commands import REGISTRY
from ferrous_repl.repl.context import FILE, NAME_KIND, NONE, completion_context
from ferrous_repl.themes import all_themes
from vm.values_view import ValuesView, kind


def sources_for(view: ValuesView) -> Sources:
    """Callables reading one session's values raw, for the candidate producer."""
    def string_methods() -> list[tuple[str, object]]:
        library = view.string_library()
        return view.fields(library) if library is not None else []

    return Sources(
        globals=lambda: view.fields(view.globals),
        lookup=view.lookup,
        fields=view.fields,
        string_methods=string_methods,
        kind_of=kind,
        commands=lambda: [(c.name, c.summary) for c in REGISTRY.all()],
        themes=all_themes,
    )


class LuaCompleter(Completer):
    def __init__(self, view: Callable[[], ValuesView]) -> None:
        self.view = view  # the current session's view (it changes with :reset)
        self.arg_kinds = REGISTRY.arg_kinds()
        self.paths = PathCompleter(expanduser=True)

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        ctx = completion_context(document.text_before_cursor, self.arg_kinds)
        if ctx.kind == NONE:
            return
        if ctx.kind == FILE:
            yield from self.paths.get_completions(Document(ctx.prefix), complete_event)
            return
        if ctx.kind == NAME_KIND and not ctx.prefix and not complete_event.completion_requested:
            return  # every name at once only on Tab
        for c in candidates(ctx, sources_for(self.view())):
            yield Completion(c.text, -len(ctx.prefix), display_meta=c.meta)
