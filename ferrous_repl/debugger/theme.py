"""Textual themes from ferrous theme files: the palette becomes the Textual theme, and the
syntax and printer colours become theme variables (``$lua-string``, ``$lua-handle`` ...) so
that every styled surface, Lua values included, follows a live theme switch."""

from __future__ import annotations

from textual.theme import Theme as TextualTheme

from ferrous_repl.pretty import pretty_styles
from ferrous_repl.themes import DEFAULT_THEME, Theme, ThemeError, all_themes, find_theme

PREFIX = "ferrous-"


def textual_theme(theme: Theme) -> TextualTheme:
    """The Textual theme of a ferrous theme (named ``ferrous-<name>``)."""
    p = theme.palette
    variables = {f"lua-{name}": colour for name, colour in pretty_styles(theme).items()}
    s = theme.syntax
    variables.update({"lua-keyword": s.keyword, "lua-name": s.name, "lua-builtin": s.builtin,
                      "lua-comment": s.comment, "lua-operator": s.operator})
    muted = theme.interface.muted
    if muted:  # no dimmed foreground anywhere: secondary text, placeholders, inactive tabs
        variables.update({"text-muted": muted, "text-disabled": muted})
    return TextualTheme(name=PREFIX + theme.name, primary=p.primary, secondary=p.secondary,
                        accent=p.accent, warning=p.warning, error=p.error, success=p.success,
                        foreground=p.foreground, background=p.background, surface=p.surface,
                        panel=p.panel, dark=theme.dark, variables=variables)


def load_all(first: str | None = None) -> tuple[list[TextualTheme], list[str]]:
    """Every theme that loads (``first`` first, else the default), and what was wrong with
    those that do not."""
    themes: list[TextualTheme] = []
    problems: list[str] = []
    names = all_themes()
    wanted = first or DEFAULT_THEME
    if wanted in names:
        names.remove(wanted)
        names.insert(0, wanted)
    elif first:
        problems.append(str(ThemeError(first, "no such theme")))
    for name in names:
        loaded = find_theme(name)
        if isinstance(loaded, ThemeError):
            problems.append(str(loaded))
        else:
            themes.append(textual_theme(loaded))
    return themes, problems
