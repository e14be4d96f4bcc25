"""Theme files: one palette for the Textual UI, one set of syntax colours for Lua highlighting,
and the REPL's interface colours.

A theme is a TOML file in the themes directory, named by its stem (`dark.toml` is theme `dark`).
A broken or missing theme comes back as a ThemeError value, never as an exception: a bad user
theme must not stop the program. The ``[ui]`` table is optional, and so is each of its keys: a
missing one is derived from the palette and the syntax colours (see UiColours.derive).

Users add themes in their own directory (``$XDG_CONFIG_HOME/ferrous/themes``, by default
``~/.config/ferrous/themes``); a user theme of the same name as a shipped one replaces it.

The themes directory is `ferrous_repl/theme_files` inside an installed wheel (pyproject.toml
force-includes the top-level `themes/` there) and the top-level `themes/` in a source tree or an
editable install.
"""

from __future__ import annotations

import os
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
class UiColours:
    """The REPL's interface colours and the pretty printer's markers (the ``[ui]`` table)."""

    prompt: str
    continuation: str
    toolbar: str
    toolbar_background: str
    menu: str
    menu_background: str
    menu_current: str
    suggestion: str
    matching_bracket: str
    error: str
    traceback: str
    handle: str
    marker: str
    # secondary text of the debugger (line numbers, notes, placeholders, inactive tabs); "" lets
    # Textual dim the foreground (a high-contrast theme names a full colour: no grey text)
    muted: str = ""

    @staticmethod
    def derive(palette: Palette, syntax: SyntaxColours, given: dict[str, str] | None = None) -> UiColours:
        """The colours ``given`` (from a theme's [ui] table), the rest taken from the palette and
        the syntax colours."""
        defaults = {
            "prompt": palette.primary,
            "continuation": palette.secondary,
            "toolbar": palette.foreground,
            "toolbar_background": palette.panel,
            "menu": palette.foreground,
            "menu_background": palette.surface,
            "menu_current": palette.primary,
            "suggestion": syntax.comment,
            "matching_bracket": palette.accent,
            "error": palette.error,
            "traceback": syntax.comment,
            "handle": palette.accent,
            "marker": palette.warning,
        }
        defaults.update(given or {})
        return UiColours(**defaults)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    dark: bool
    palette: Palette
    syntax: SyntaxColours
    ui: UiColours | None = None  # None: derived from the palette and the syntax colours

    def __post_init__(self) -> None:
        if self.ui is None:
            object.__setattr__(self, "ui", UiColours.derive(self.palette, self.syntax))

    @property
    def interface(self) -> UiColours:
        """The [ui] colours (always present after construction)."""
        assert self.ui is not None
        return self.ui


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


def user_themes_dir() -> Path:
    """Where a user's own themes are: ``$XDG_CONFIG_HOME/ferrous/themes`` (default
    ``~/.config/ferrous/themes``)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "ferrous" / "themes"


def all_themes() -> list[str]:
    """Names of the shipped themes and the user's themes, sorted, each once."""
    return sorted(set(available_themes()) | set(available_themes(user_themes_dir())))


def find_theme(name: str) -> Theme | ThemeError:
    """Theme ``name`` from the user's directory if it is there, else a shipped one."""
    user = user_themes_dir()
    if _THEME_NAME.fullmatch(name) and (user / f"{name}.toml").is_file():
        return load_theme(name, user)
    found = load_theme(name)
    if isinstance(found, ThemeError) and found.message.startswith("no such theme"):
        return ThemeError(name, f"no such theme (available: {', '.join(all_themes())})")
    return found


def broken_user_themes() -> list[ThemeError]:
    """What is wrong with each theme file of the user's that does not load (to report once)."""
    folder = user_themes_dir()
    problems = []
    for name in available_themes(folder):
        loaded = load_theme(name, folder)
        if isinstance(loaded, ThemeError):
            problems.append(loaded)
    return problems


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
    ui = _colours(data, "ui", [f.name for f in fields(UiColours)], problems, required=False)
    for key in data.keys() - {"dark", "palette", "syntax", "ui"}:
        problems.append(f"unknown key '{key}'")
    if problems or palette is None or syntax is None or not isinstance(dark, bool):
        return ThemeError(name, "; ".join(sorted(problems)))
    return Theme(name, dark, palette, syntax, UiColours.derive(palette, syntax, ui))


def _section(data: dict, section: str, cls: type[_T], problems: list[str]) -> _T | None:
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    values = _colours(data, section, names, problems, required=True)
    return cls(**values) if values is not None and len(values) == len(names) else None


def _colours(data: dict, section: str, names: list[str], problems: list[str], *,
             required: bool) -> dict[str, str] | None:
    """The colours of table [section]; every name must be there when ``required``."""
    table = data.get(section)
    if table is None and not required:
        return {}
    if not isinstance(table, dict):
        problems.append(f"missing table [{section}]" if required else f"[{section}] must be a table")
        return None
    values: dict[str, str] = {}
    for key in names:
        value = table.get(key)
        if value is None:
            if required:
                problems.append(f"missing {section}.{key}")
        elif not isinstance(value, str) or not _COLOUR.fullmatch(value):
            problems.append(f'{section}.{key} must be a colour like "#1e1e2e", not {value!r}')
        else:
            values[key] = value
    for key in table.keys() - set(names):
        problems.append(f"unknown key {section}.{key}")
    return values
