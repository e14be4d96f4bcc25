"""A theme as a prompt_toolkit style: Lua highlighting (Pygments token classes), the prompt,
toolbar, completion menu, history suggestions, bracket matching and the pretty printer.
``NO_COLOR`` (https://no-color.org) gives a style without colours, contrast kept by reverse
video and underlines."""

from __future__ import annotations

import os

from prompt_toolkit.output.color_depth import ColorDepth
from prompt_toolkit.styles import Style

from ferrous_repl.pretty import pretty_styles
from ferrous_repl.themes import Theme


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def color_depth() -> ColorDepth | None:
    """None: prompt_toolkit's choice (from TERM); 1 bit under NO_COLOR; 24 bits when the
    terminal says it has true colour."""
    if no_color():
        return ColorDepth.DEPTH_1_BIT
    if os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return ColorDepth.DEPTH_24_BIT
    return None


def repl_style(theme: Theme) -> Style:
    if no_color():
        return Style.from_dict({
            "prompt": "bold",
            "bottom-toolbar": "reverse",
            "completion-menu.completion.current": "reverse",
            "auto-suggestion": "underline",
            "matching-bracket.cursor": "bold underline",
            "matching-bracket.other": "bold underline",
            "pretty.error": "bold",
        })
    s = theme.syntax
    ui = theme.interface
    rules = {
        "pygments.keyword": f"{s.keyword} bold",
        "pygments.name": s.name,
        "pygments.name.builtin": s.builtin,
        "pygments.name.function": s.builtin,
        "pygments.literal.string": s.string,
        "pygments.literal.number": s.number,
        "pygments.comment": f"{s.comment} italic",
        "pygments.operator": s.operator,
        "pygments.punctuation": s.operator,
        "prompt": f"{ui.prompt} bold",
        "continuation": ui.continuation,
        "bottom-toolbar": f"noreverse bg:{ui.toolbar_background} {ui.toolbar}",
        "bottom-toolbar.title": f"bg:{ui.prompt} {theme.palette.background} bold",
        "bottom-toolbar.mode": "bold",
        "completion-menu": f"bg:{ui.menu_background} {ui.menu}",
        "completion-menu.completion": f"bg:{ui.menu_background} {ui.menu}",
        "completion-menu.completion.current": f"bg:{ui.menu_current} {ui.menu} bold",
        "completion-menu.meta.completion": f"bg:{ui.menu_background} {ui.suggestion}",
        "completion-menu.meta.completion.current": f"bg:{ui.menu_current} {ui.menu}",
        "auto-suggestion": ui.suggestion,
        "matching-bracket.cursor": f"bg:{ui.matching_bracket} bold",
        "matching-bracket.other": f"bg:{ui.matching_bracket} bold",
        "search": f"bg:{ui.menu_current} {ui.menu}",
    }
    for name, colour in pretty_styles(theme).items():
        rules[f"pretty.{name}"] = colour
    rules["pretty.error"] += " bold"
    return Style.from_dict(rules)
