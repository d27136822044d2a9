"""A new project folder (``geo init``), and the generated files every project carries.

:func:`init_project` writes ``geo.toml``, ``seeds/README.md``, the CSVs with their headers only, a README
beside them that defines every column (generated from :mod:`geo.schema`, so it cannot drift), and the
Frictionless schema files (:func:`schema_files`). It never replaces a file: a folder that already holds
any of them is refused, and a failure part-way removes what it wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from geo import atomic
from geo import schema as S
from geo.errors import OutputError
from geo.settings import SETTINGS_FILE, Settings, parse_settings
from geo.table_schema import data_package, dump, schema_path, table_schema


def schema_files(root: Path, *, settings: Settings, present: set[str] | None = None) -> dict[str, str]:
    """Every Frictionless file of the project at ``root`` (path → text), with the project's vocabularies.

    ``present`` names the tables that have a file (default: the required ones and the optional ones found).
    """
    if present is None:
        present = {name for name, spec in S.TABLES.items() if not spec.optional or (root / spec.path).exists()}
    vocabularies = settings.vocabularies
    files = {schema_path(spec): dump(table_schema(spec, vocabularies=vocabularies))
             for name, spec in S.TABLES.items() if name in present}
    title = settings.title_en or "Gazetteer and campaign events"
    files["datapackage.json"] = dump(data_package(name=settings.name.lower(), title=title, present=present,
                                                  vocabularies=vocabularies))
    return files


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def column_table(spec: S.TableSpec, *, vocabularies: dict[str, tuple[str, ...]]) -> str:
    """A Markdown table defining every column of ``spec``: name, type, required, definition, allowed values."""
    rows = ["| column | type | required | definition |", "|---|---|---|---|"]
    for field in spec.fields:
        definition = field.description
        if field.vocabulary and field.vocabulary != "regime":
            definition += ": one of " + ", ".join(f"`{t}`" for t in vocabularies[field.vocabulary])
        elif field.vocabulary == "regime":
            definition += ": a regime of the calendar tables (`geo date --help`), like `song` or `jin`"
        if field.form and field.form not in definition:
            definition += f" ({field.form})"
        if field.reference:
            definition += f"; a `{field.reference[1]}` of `{S.TABLES[field.reference[0]].path}`"
        required = "yes" if field.required else ""
        rows.append(f"| `{field.name}` | {field.type} | {required} | {_cell(definition)} |")
    return "\n".join(rows)


def folder_readme(folder: str, *, settings: Settings) -> str:
    """The README of ``places/`` or ``campaigns/``: one section per table of that folder."""
    vocabularies = dict(settings.vocabularies)
    parts = [f"# `{folder}/`\n",
             "Hand-edited CSV files (UTF-8, comma-separated, one header row). Edit them in a spreadsheet "
             "(save as *CSV UTF-8*) or a text editor, then run `geo check`. This file was written by "
             "`geo init` from the schema; `geo check` enforces every rule below.\n"]
    for spec in S.TABLES.values():
        if spec.path.startswith(folder + "/"):
            optional = " (optional)" if spec.optional else ""
            parts += [f"## `{Path(spec.path).name}`{optional}\n", f"{spec.title}.\n",
                      column_table(spec, vocabularies=vocabularies) + "\n"]
    parts.append("Extend the vocabularies of `side`, `action`, `type` and `polity` in `geo.toml` "
                 "(`[vocabularies]`); `geo schema --write` then updates the `*.schema.json` files.\n")
    return "\n".join(parts)


SEEDS_README = """# The seed texts

The project's primary sources, kept **verbatim**: copy each juan into `SIGLUM.txt` (UTF-8) exactly as your edition
prints it, and never correct it here: corrections belong in the data that cites it (`campaigns/events.csv`,
column `note`). Events cite a seed as `SIGLUM:LINE` (the 1-based line number in the file) and quote that line.

| siglum | file | source | work and juan | coverage | script and known defects |
|---|---|---|---|---|---|
| `SIGLUM` | `SIGLUM.txt` | … | … | … | … |

Fill one row per seed: the *source* is where the text comes from (a repository, its path and commit, or an
edition and its pages); *coverage* the years it tells; *script and known defects* traditional or simplified
characters, OCR noise, lacunae.

## `reckonings.csv` (optional)

When a source counts an era's years its own way, declare it in `reckonings.csv` ({columns}), so that its dates are
converted as the source means them while each event keeps `date` as written. `geo check` warns when such a
source is converted without it.
"""

_CSV_FILES = (S.GAZETTEER, S.UNLOCATED, S.CAMPAIGNS, S.ACTORS, S.EVENTS, S.SKIPPED)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def settings_text(*, name: str, title_zh: str = "", title_en: str = "", regime: str = "") -> str:
    """The ``geo.toml`` of a new project, every key present and explained."""
    title = title_en or name.replace("-", " ").replace("_", " ")
    return f"""# The settings of this project, read by every geo command (see README: settings).

[project]
# A short slug: the stable ids of places (urn:geo:NAME:place:ID) and the data package's name.
name = {_toml_string(name)}
# The site's title in Chinese and in English, and one or two sentences under it on the index.
title_zh = {_toml_string(title_zh)}
title_en = {_toml_string(title)}
description = ""
# The about page's own text: paragraphs separated by blank lines.
about = \"\"\"\"\"\"
# Who made the data, and its licence (an SPDX id such as CC-BY-4.0).
author = ""
licence = ""
# The calendar that geo propose and geo figure use when they are given none (song, jin, liao, tang, 宋 …).
default_regime = {_toml_string(regime)}
# The permanent stem of place URIs in the downloads when there is no base_url (a w3id.org, DOI or own-domain
# URL ending in / or #); empty: tag:NAME,2026:place/ID.
place_uri = ""

[site]
# Where the site is published (https://…/): embed snippets and place ids become absolute.
base_url = ""

[vocabularies]
# Terms this project adds to the documented defaults (campaigns/README.md, places/README.md).
side = []          # like ["mongol"]
action = []        # like ["siege_lifted"]
place_type = []
polity = []
"""


@dataclass(frozen=True)
class NewProject:
    """What :func:`init_project` wrote, relative to the project folder."""

    root: Path
    files: tuple[str, ...]


def project_name(folder: Path) -> str:
    """A slug for the project named after its folder (``Fall of Kaifeng`` → ``fall-of-kaifeng``)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", folder.resolve().name).strip("-_").lower()
    return slug or "geo-project"


def project_files(root: Path, *, title_zh: str = "", title_en: str = "", regime: str = "") -> dict[str, str]:
    """Every file of a new project at ``root``: path relative to it → text."""
    title_en = title_en or " ".join(root.resolve().name.replace("_", " ").replace("-", " ").split())
    toml = settings_text(name=project_name(root), title_zh=title_zh, title_en=title_en, regime=regime)
    settings = parse_settings(toml)
    files = {SETTINGS_FILE: toml,
             f"{S.SEEDS_DIR}/README.md": SEEDS_README.format(columns=", ".join(S.RECKONING_COLUMNS))}
    files |= {spec.path: ",".join(spec.columns) + "\n" for spec in _CSV_FILES}
    files |= {f"{folder}/README.md": folder_readme(folder, settings=settings) for folder in ("places", "campaigns")}
    files |= schema_files(root, settings=settings, present={spec.name for spec in _CSV_FILES})
    return files


def init_project(root: str | Path, *, title_zh: str = "", title_en: str = "", regime: str = "") -> NewProject:
    """Create a new, empty project in ``root`` (made if missing); refuse if it holds any file it would write.

    Raises
    ------
    OutputError
        If ``root`` is a file, or already holds ``geo.toml``, a CSV or a README that init would write.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise OutputError(f"{root} is a file — name a folder for the new project")
    files = project_files(root, title_zh=title_zh, title_en=title_en, regime=regime)
    taken = sorted(rel for rel in files if (root / rel).exists())
    if taken:
        msg = (f"{root} already holds {', '.join(taken)} — geo init never replaces a file: choose an empty or "
               "new folder (the existing project works as it is: run geo check in it)")
        raise OutputError(msg)
    written: list[Path] = []
    try:
        for rel, text in files.items():
            atomic.write_text(root / rel, text)
            written.append(root / rel)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return NewProject(root, tuple(files))
