"""A project's settings: ``geo.toml`` at the project root (optional; every key has a default).

::

    [project]
    name = "fall-of-kaifeng"            # a short slug: stable place ids (urn:geo:NAME:place:ID), file names
    title_zh = "靖康之變"
    title_en = "The fall of the Northern Song, 1125–1127"
    description = "Maps of the Jin campaigns against Kaifeng, from the Song History."
    about = \"\"\"Paragraphs for the about page, separated by blank lines.\"\"\"
    author = "A. Historian"
    licence = "CC-BY-4.0"                 # the data's licence, an SPDX id
    default_regime = "song"               # the calendar of geo propose and geo figure when none is given

    [site]
    base_url = "https://example.org/kaifeng/"   # where the built site is published

    [vocabularies]                        # terms the project adds to the documented defaults
    side = ["mongol"]
    action = ["siege_lifted"]
    place_type = []
    polity = []

Every problem of the file is reported at once, as ``geo.toml:LINE:COLUMN: what — how to fix it``.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlparse

from geo import schema as S
from geo.calendar.regimes import regime_names, resolve_regime
from geo.errors import CalendarError, GeoDataError, Issue, ValidationError

SETTINGS_FILE = "geo.toml"
_TEXT_KEYS: dict[str, dict[str, str]] = {
    "project": {
        "name": "a short slug naming the project (letters, digits, - and _)",
        "title_zh": "the site's title in Chinese", "title_en": "the site's title in English",
        "description": "one or two sentences under the title", "about": "the about page's own text",
        "author": "who made the data", "licence": "the data's licence (an SPDX id such as CC-BY-4.0)",
        "default_regime": "the calendar used when a command is given none",
        "place_uri": "the permanent stem of place URIs (a w3id.org, DOI or own-domain URL ending in / or #)",
    },
    "site": {"base_url": "where the built site is published"},
}
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _frozen(terms: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType(dict(terms))


@dataclass(frozen=True)
class Settings:
    """The settings of one project; the defaults are those of a project with no ``geo.toml``."""

    name: str = "geo-project"
    title_zh: str = ""
    title_en: str = "Campaign maps"
    description: str = ""
    about: str = ""
    author: str = ""
    licence: str = ""
    default_regime: str = ""
    base_url: str = ""
    place_uri_stem: str = ""
    """``[project] place_uri``: what comes before a place id in its URI when there is no ``base_url``."""
    extra_terms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))
    """The terms ``[vocabularies]`` adds, by vocabulary name (``side``, ``action``, ``place_type``, ``polity``)."""

    @property
    def title(self) -> str:
        """The title as pages show it: Chinese and English joined by a middle dot."""
        return " · ".join(t for t in (self.title_zh, self.title_en) if t)

    @property
    def place_uri(self) -> str:
        """The stem of place URIs: ``place_uri`` when set, else a tag URI (RFC 4151) from the project's name."""
        return self.place_uri_stem or f"tag:{self.name},2026:place/"

    @property
    def vocabularies(self) -> Mapping[str, tuple[str, ...]]:
        """Every vocabulary of the schema, each extended by the project's own terms; regimes from the calendar."""
        terms = {name: terms + tuple(t for t in self.extra_terms.get(name, ()) if t not in terms)
                 for name, terms in S.VOCABULARIES.items()}
        return _frozen({**terms, "regime": tuple(sorted(regime_names()))})


def _load(text: str, path: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, column = (int(where[1]), int(where[2])) if where else (0, 0)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ValidationError([Issue(path, line, column, f"{message} — not valid TOML",
                                     "fix the TOML syntax (see README: settings)")]) from None


def _base_url_problem(url: str) -> str:
    """Why ``url`` cannot be a site's address (empty when it can)."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return f"base_url {url!r} is not an absolute http(s) URL"
    return ""


_BASE_URL_HINT = "write it like https://example.org/maps/"


def normal_base_url(text: str, *, where: str) -> str:
    """``text`` as an absolute http(s) URL ending in ``/``; a :class:`GeoDataError` otherwise.

    >>> normal_base_url("https://example.org/maps", where="geo.toml")
    'https://example.org/maps/'
    """
    url = text.strip()
    if not url:
        return ""
    problem = _base_url_problem(url)
    if problem:
        raise GeoDataError(f"{where}: {problem} — {_BASE_URL_HINT}")
    return url if url.endswith("/") else url + "/"


class _Reader:
    """Reads the sections of one ``geo.toml``, collecting every problem with the line it is on."""

    def __init__(self, text: str, path: str) -> None:
        self.lines = text.splitlines()
        self.path = path
        self.issues: list[Issue] = []

    def line_of(self, section: str, key: str = "") -> int:
        """The line of ``[section]`` or of ``key`` inside it (1 when it cannot be found)."""
        inside = False
        for number, line in enumerate(self.lines, 1):
            stripped = line.strip()
            if stripped.startswith("["):
                inside = stripped.strip("[] ") == section
                if inside and not key:
                    return number
            elif inside and key and re.match(rf"{re.escape(key)}\s*=", stripped):
                return number
        return 1

    def problem(self, section: str, key: str, message: str, hint: str) -> None:
        self.issues.append(Issue(self.path, self.line_of(section, key), 1, message, hint))

    def table(self, data: dict, section: str) -> dict:
        value = data.get(section, {})
        if isinstance(value, dict):
            return value
        self.problem(section, "", f"[{section}] must be a table", f"write it as a [{section}] section")
        return {}

    def unknown(self, table: dict, section: str, known: Mapping[str, object]) -> None:
        for key in sorted(set(table) - set(known)):
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.problem(section, key, f"unknown key {key!r} in [{section}]",
                         hint + f"the keys of [{section}] are {', '.join(known)}")

    def text(self, table: dict, section: str, key: str) -> str:
        value = table.get(key, "")
        if isinstance(value, str):
            return value.strip()
        self.problem(section, key, f"[{section}] {key} must be a string, not {type(value).__name__}",
                     f'quote it: {key} = "…" ({_TEXT_KEYS[section][key]})')
        return ""

    def terms(self, table: dict, name: str) -> tuple[str, ...]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            self.problem("vocabularies", name, f"[vocabularies] {name} must be a list of strings",
                         f'write it like {name} = ["new_term"]')
            return ()
        bad = [t for t in value if not re.fullmatch(S.SLUG_PATTERN, t)]
        if bad:
            self.problem("vocabularies", name, f"[vocabularies] {name}: {', '.join(map(repr, bad))} "
                         "is not a slug", S.SLUG_HINT)
        return tuple(dict.fromkeys(t for t in value if t not in bad))


def parse_settings(text: str, *, path: str = SETTINGS_FILE) -> Settings:
    """The settings written in ``text``; a :class:`ValidationError` listing every problem otherwise."""
    reader = _Reader(text, path)
    data = _load(text, path)
    reader.unknown(data, "(top level)", {**_TEXT_KEYS, "vocabularies": ""})
    values = {}
    for section, keys in _TEXT_KEYS.items():
        table = reader.table(data, section)
        reader.unknown(table, section, keys)
        values |= {key: reader.text(table, section, key) for key in keys if key in table}
    vocabularies = reader.table(data, "vocabularies")
    reader.unknown(vocabularies, "vocabularies", dict.fromkeys(S.EXTENSIBLE_VOCABULARIES))
    extra = {name: reader.terms(vocabularies, name) for name in S.EXTENSIBLE_VOCABULARIES if name in vocabularies}
    _check_values(values, reader)
    if reader.issues:
        raise ValidationError(reader.issues)
    values["place_uri_stem"] = values.pop("place_uri", "")
    return Settings(**values, extra_terms=_frozen(extra))


def _check_values(values: dict[str, str], reader: _Reader) -> None:
    if "name" in values and not _NAME.fullmatch(values["name"]):
        reader.problem("project", "name", f"[project] name {values['name']!r} is not a short slug",
                       "use letters, digits, - and _, like fall-of-kaifeng")
    if values.get("default_regime"):
        try:
            values["default_regime"] = resolve_regime(values["default_regime"]).slug
        except CalendarError as exc:
            reader.problem("project", "default_regime", f"[project] default_regime: {str(exc).split(' — ')[0]}",
                           "use a slug (jin, song, liao, tang …) or a Chinese name (金, 宋, 遼, 唐 …) of the "
                           "regime table in campaigns/README.md")
    url = values.get("base_url", "")
    if url and _base_url_problem(url):
        reader.problem("site", "base_url", _base_url_problem(url), _BASE_URL_HINT)
    elif url:
        values["base_url"] = normal_base_url(url, where=reader.path)


def read_settings(root: str | Path) -> Settings:
    """The settings in ``root/geo.toml``, or the defaults when there is no such file."""
    path = Path(root) / SETTINGS_FILE
    if not path.exists():
        return Settings()
    shown = SETTINGS_FILE if Path(root) == Path() else str(path)
    return parse_settings(path.read_text(encoding="utf-8-sig"), path=shown)
