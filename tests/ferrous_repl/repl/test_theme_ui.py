"""The [ui] table of theme files: optional, each key optional, checked like the others, and the
REPL's prompt_toolkit style builds from every shipped theme (and without colours for NO_COLOR)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from ferrous_repl.repl.style import repl_style
from ferrous_repl.themes import Theme, ThemeError, UiColours, available_themes, load_theme, parse_theme

DARK = (Path(__file__).resolve().parents[3] / "themes" / "dark.toml").read_text()
WITHOUT_UI = DARK[: DARK.index("\n# [ui]")]


@pytest.mark.parametrize("name", available_themes())
def test_shipped_themes_define_every_ui_colour(name: str) -> None:
    text = (Path(__file__).resolve().parents[3] / "themes" / f"{name}.toml").read_text()
    theme = load_theme(name)
    assert isinstance(theme, Theme)
    for f in fields(UiColours):
        assert f'\n{f.name} = "' in text, f.name
    repl_style(theme)


def test_ui_is_optional_and_derived() -> None:
    theme = parse_theme("t", WITHOUT_UI)
    assert isinstance(theme, Theme)
    assert theme.interface.prompt == theme.palette.primary
    assert theme.interface.suggestion == theme.syntax.comment
    partial = parse_theme("t", WITHOUT_UI + '\n[ui]\nprompt = "#010203"\n')
    assert isinstance(partial, Theme)
    assert partial.interface.prompt == "#010203"
    assert partial.interface.error == partial.palette.error
    built = Theme("t", True, theme.palette, theme.syntax)  # constructed without [ui]
    assert built.interface == theme.interface


@pytest.mark.parametrize(("text", "complaint"), [
    (WITHOUT_UI + '\n[ui]\nprompt = "red"\n', "ui.prompt must be a colour"),
    (WITHOUT_UI + '\n[ui]\npromt = "#000000"\n', "unknown key ui.promt"),
    ("ui = 3\n" + WITHOUT_UI, "[ui] must be a table"),
])
def test_bad_ui_is_reported(text: str, complaint: str) -> None:
    broken = parse_theme("b", text)
    assert isinstance(broken, ThemeError)
    assert complaint in broken.message


def test_no_color_style_has_no_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    theme = load_theme("dark")
    assert isinstance(theme, Theme)
    style = repl_style(theme)
    assert all("#" not in rule for _, rule in style.style_rules)
