"""Theme files: one palette for the Textual UI and one set of syntax colours for Lua highlighting.

A theme is a TOML file in the themes directory, named by its stem (`dark.toml` is theme `dark`).
A broken or missing theme comes back as a ThemeError value, never as an exception: a bad user
theme must not stop the program.

The themes directory is `ferrous_repl/theme_files` inside an installed wheel (pyproject.toml
force-includes the top-level `themes/` there) and the top-level `themes/` in a source tree or an
editable install.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TypeVar

DEFAULT_THEME = "dark"

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_THEME_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Palette:
    """UI colours; the names are Textual's theme fields."""

    background: str
    foreground: str
    primary: str
    secondary: str
    accent: str
    warning: str
    error: str
    success: str
    surface: str
    panel: str


@dataclass(frozen=True, slots=True)
class SyntaxColours:
    """Colours for kinds of Lua tokens (they map onto Pygments token types)."""

    keyword: str
    name: str
    builtin: str
    string: str
    number: str
    comment: str
    operator: str


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    dark: bool
    palette: Palette
    syntax: SyntaxColours


@dataclass(frozen=True, slots=True)
class ThemeError:
    """Why a theme could not be loaded; shown to the user, who keeps the default theme."""

    name: str
    message: str

    def __str__(self) -> str:
        return f"theme '{self.name}': {self.message}"


def themes_dir() -> Path:
    """Where the shipped themes are: inside the installed package, else in the source tree."""
    packaged = Path(__file__).with_name("theme_files")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "themes"


def available_themes(directory: Path | None = None) -> list[str]:
    """Names of the theme files in ``directory`` (default: the shipped themes), sorted."""
    folder = directory if directory is not None else themes_dir()
    try:
        return sorted(p.stem for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_theme(name: str, directory: Path | None = None) -> Theme | ThemeError:
    """Load theme ``name`` from ``directory`` (default: the shipped themes)."""
    folder = directory if directory is not None else themes_dir()
    if not _THEME_NAME.fullmatch(name):
        return ThemeError(name, "not a theme name")
    path = folder / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(available_themes(folder)) or "none"
        return ThemeError(name, f"no such theme (available: {known})")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ThemeError(name, f"cannot read {path}: {exc}")
    return parse_theme(name, text)


def parse_theme(name: str, text: str) -> Theme | ThemeError:
    """Build a theme from the text of a theme file, or say everything that is wrong with it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return ThemeError(name, f"not valid TOML: {exc}")
    problems: list[str] = []
    dark = data.get("dark")
    if not isinstance(dark, bool):
        problems.append("'dark' must be true or false")
    palette = _section(data, "palette", Palette, problems)
    syntax = _section(data, "syntax", SyntaxColours, problems)
    for key in data.keys() - {"dark", "palette", "syntax"}:
        problems.append(f"unknown key '{key}'")
    if problems or palette is None or syntax is None or not isinstance(dark, bool):
        return ThemeError(name, "; ".join(sorted(problems)))
    return Theme(name, dark, palette, syntax)


def _section(data: dict, section: str, cls: type[_T], problems: list[str]) -> _T | None:
    table = data.get(section)
    if not isinstance(table, dict):
        problems.append(f"missing table [{section}]")
        return None
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values: dict[str, str] = {}
    for key in names:
        value = table.get(key)
        if value is None:
            problems.append(f"missing {section}.{key}")
        elif not isinstance(value, str) or not _COLOUR.fullmatch(value):
            problems.append(f'{section}.{key} must be a colour like "#1e1e2e", not {value!r}')
        else:
            values[key] = value
    for key in table.keys() - set(names):
        problems.append(f"unknown key {section}.{key}")
    return cls(**values) if len(values) == len(names) else None
