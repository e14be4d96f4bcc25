"""Theme files load into Theme values; broken ones come back as ThemeError, never an exception."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from ferrous_repl.themes import (
    DEFAULT_THEME,
    Palette,
    SyntaxColours,
    Theme,
    ThemeError,
    available_themes,
    load_theme,
    parse_theme,
    themes_dir,
)

GOOD = """\
dark = true
[palette]
background = "#000000"
foreground = "#ffffff"
primary = "#111111"
secondary = "#222222"
accent = "#333333"
warning = "#444444"
error = "#555555"
success = "#666666"
surface = "#777777"
panel = "#888888"
[syntax]
keyword = "#aaaaaa"
name = "#bbbbbb"
builtin = "#cccccc"
string = "#dddddd"
number = "#eeeeee"
comment = "#AbCdEf"
operator = "#010203"
"""


def test_shipped_themes() -> None:
    assert {"dark", "light", "high-contrast"} <= set(available_themes())
    assert DEFAULT_THEME in available_themes()
    assert themes_dir().is_dir()


@pytest.mark.parametrize("name", ["dark", "light", "high-contrast"])
def test_shipped_theme_loads(name: str) -> None:
    theme = load_theme(name)
    assert isinstance(theme, Theme), str(theme)
    assert theme.name == name
    assert theme.dark == (name != "light")


@pytest.mark.parametrize("name", ["dark", "light", "high-contrast"])
def test_palette_makes_a_textual_theme(name: str) -> None:
    from textual.theme import Theme as TextualTheme

    theme = load_theme(name)
    assert isinstance(theme, Theme)
    colours = {f.name: getattr(theme.palette, f.name) for f in fields(Palette)}
    TextualTheme(name=f"ferrous-{name}", dark=theme.dark, **colours)


def test_parse_good() -> None:
    theme = parse_theme("t", GOOD)
    assert isinstance(theme, Theme)
    assert theme.palette.primary == "#111111"
    expected = ("#aaaaaa", "#bbbbbb", "#cccccc", "#dddddd", "#eeeeee", "#AbCdEf", "#010203")
    assert theme.syntax == SyntaxColours(*expected)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("dark = ", "not valid TOML"),
        (GOOD.replace("dark = true", "dark = 1"), "'dark' must be true or false"),
        (GOOD.replace("dark = true\n", ""), "'dark' must be true or false"),
        (GOOD.replace('primary = "#111111"\n', ""), "missing palette.primary"),
        (GOOD.replace('"#111111"', '"red"'), "palette.primary must be a colour"),
        (GOOD.replace('"#111111"', "17"), "palette.primary must be a colour"),
        (GOOD.replace('"#111111"', '"#11111"'), "palette.primary must be a colour"),
        (GOOD + 'extra = "#000000"\n', "unknown key syntax.extra"),
        ("bogus = 1\n" + GOOD, "unknown key 'bogus'"),
        (GOOD.split("[syntax]")[0], "missing table [syntax]"),
        ("dark = true\npalette = 3\n", "missing table [palette]"),
        ("", "missing table [palette]"),
    ],
)
def test_broken_theme_is_an_error_value(text: str, complaint: str) -> None:
    result = parse_theme("broken", text)
    assert isinstance(result, ThemeError)
    assert complaint in result.message
    assert str(result).startswith("theme 'broken': ")


def test_broken_file_on_disk(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD)
    (tmp_path / "bad.toml").write_text("[palette\n")
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "notes.txt").write_text("not a theme")
    assert available_themes(tmp_path) == ["bad", "binary", "good"]
    assert isinstance(load_theme("good", tmp_path), Theme)
    assert isinstance(load_theme("bad", tmp_path), ThemeError)
    assert isinstance(load_theme("binary", tmp_path), ThemeError)


def test_missing_theme_lists_the_available_ones(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text(GOOD)
    result = load_theme("nope", tmp_path)
    assert isinstance(result, ThemeError)
    assert "available: good" in result.message


@pytest.mark.parametrize("name", ["", "../dark", "a/b", ".hidden"])
def test_odd_names_are_refused(name: str) -> None:
    assert isinstance(load_theme(name), ThemeError)


def test_missing_directory(tmp_path: Path) -> None:
    assert available_themes(tmp_path / "none") == []
    assert isinstance(load_theme("dark", tmp_path / "none"), ThemeError)


def test_theme_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "odd.toml").mkdir()
    assert available_themes(tmp_path) == []
    assert isinstance(load_theme("odd", tmp_path), ThemeError)
