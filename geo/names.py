"""Place-name normalisation and lookup: one search key for every written form of a name.

``normalise_name`` folds traditional characters, variant characters, full-width
forms and whitespace into one key (the fold of :mod:`geo.text`); ``pinyin_key`` folds tone marks, spaces and
case out of a romanisation. OpenCC and pypinyin are imported on first use only.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from geo import schema as S
from geo.tables import split_list
from geo.text import VARIANT_CHARACTERS, has_han, search_key, to_simplified

__all__ = [
    "VARIANT_CHARACTERS", "build_name_index", "char_readings", "closest_ids", "has_han", "lookup_place",
    "name_forms", "normalise_name", "pinyin_key", "pinyin_matches", "to_simplified",
]

_NOT_PINYIN = re.compile(r"[^a-z]")
_NOT_PINYIN_OR_SEP = re.compile(r"[^a-z\x00]")
_READINGS: dict[str, tuple[str, ...]] = {}


def normalise_name(text: str) -> str:
    """Turn any written form of a name into its search key (:func:`geo.text.search_key`).

    Parameters
    ----------
    text : str
        A name, a variant, a pinyin key or an id.

    Returns
    -------
    str
        The key; equal keys mean "the same name" for lookup purposes (乾州 and 干州 too).

    Examples
    --------
    >>> normalise_name(" 甯江州 ") == normalise_name("寧江州") == "宁江州"
    True
    """
    return search_key(text)


def pinyin_key(text: str) -> str:
    """Lower-case ASCII pinyin without tones, spaces, digits or punctuation (ü and v become u).

    >>> pinyin_key("Shàngjīng"), pinyin_key("Huánglóng fǔ"), pinyin_key("Lv3shun4")
    ('shangjing', 'huanglongfu', 'lushun')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_PINYIN.sub("", ascii_text.lower().replace("v", "u"))


def pinyin_keys(texts: Sequence[str]) -> list[str]:
    """:func:`pinyin_key` of each text, in one pass over the column.

    >>> pinyin_keys(["Shàngjīng", "Huánglóng fǔ", ""])
    ['shangjing', 'huanglongfu', '']
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return [pinyin_key(t) for t in texts]  # a text holds the separator itself
    ascii_text = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode("ascii")
    return _NOT_PINYIN_OR_SEP.sub("", ascii_text.lower().replace("v", "u")).split("\x00") if texts else []


@functools.lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    """pypinyin's readings of each character (code point → ``"zhōng,zhòng"``, the most common first).

    Read from the data file pypinyin ships (``pinyin_dict.json``) without importing the package, whose
    import loads its phrase dictionary: a third of a small ``geo check``, and single characters never
    need it. Falls back to pypinyin's own loader if the file is not where this version keeps it.
    """
    spec = importlib.util.find_spec("pypinyin")
    folders = spec.submodule_search_locations if spec is not None else None
    path = Path(next(iter(folders))) / "pinyin_dict.json" if folders else None
    try:
        return {int(code): str(readings) for code, readings in json.loads(path.read_text(encoding="utf-8")).items()}
    except (AttributeError, OSError, TypeError, ValueError):  # no such file, or not the format this reads
        from pypinyin.pinyin_dict import pinyin_dict

        return dict(pinyin_dict)


@functools.lru_cache(maxsize=65536)
def char_readings(char: str) -> tuple[str, ...]:
    """Every toneless reading pypinyin knows for one character, as :func:`pinyin_key` keys.

    >>> char_readings("汗")
    ('gan', 'han')
    """
    keys = {pinyin_key(r) for r in _pinyin_table().get(ord(char), "").split(",")} if len(char) == 1 else set()
    return tuple(sorted(k for k in keys if k))


class _CommonReadings(dict[int, str]):
    """Code point → the character's most common toneless reading (for :meth:`str.translate`), filled on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        readings = _pinyin_table().get(code, "") if has_han(char) else char
        found = self[code] = pinyin_key(readings.split(",")[0])
        return found


_COMMON = _CommonReadings()


def pinyin_matches(name: str, romanised: str, *, key: str | None = None) -> bool:
    """Whether ``romanised`` is a possible reading of ``name``, tone- and space-insensitively.

    Every reading pypinyin knows for each character is allowed, so a
    polyphonic character never causes a false alarm. ``key`` is the romanisation's :func:`pinyin_key`
    when it is already known (:func:`pinyin_keys` of a whole column).

    >>> pinyin_matches("臨潢", "Línhuáng"), pinyin_matches("臨潢", "Linhuan")
    (True, False)
    """
    target = pinyin_key(romanised) if key is None else key
    if name.translate(_COMMON) == target:
        return True  # each character in its most common reading: the usual case, decided in one C call
    ends = {0}
    for char in name:
        readings = _READINGS.get(char)
        if readings is None:
            readings = _READINGS[char] = char_readings(char) if has_han(char) else (pinyin_key(char),)
        if readings and readings[0]:
            ends = {e + len(r) for e in ends for r in readings if target.startswith(r, e)}
        if not ends:
            return False
    return len(target) in ends


def name_forms(row: Mapping[str, str]) -> list[str]:
    """Every name form a row carries: name, simplified name, variants, pinyin key and id."""
    forms = [row.get(S.NAME, ""), row.get(S.NAME_SIMPLIFIED, "")]
    forms += split_list(row.get(S.VARIANTS, ""), S.VARIANT_SEPARATOR)
    forms += [pinyin_key(row.get(S.PINYIN, "")), row.get(S.PLACE_ID, "")]
    return [f for f in forms if f.strip()]


def build_name_index(rows: Iterable[Mapping[str, str]]) -> dict[str, tuple[str, ...]]:
    """Map the search key of every name form of every row to the ids that carry it.

    Parameters
    ----------
    rows : iterable of mapping
        Gazetteer rows (column name → text), e.g. ``Table.rows``.

    Returns
    -------
    dict
        Search key (:func:`normalise_name`) → ids in row order, each once.
    """
    index: dict[str, list[str]] = {}
    for row in rows:
        place = row.get(S.PLACE_ID, "").strip()
        if not place:
            continue
        for form in name_forms(row):
            ids = index.setdefault(normalise_name(form), [])
            if place not in ids:
                ids.append(place)
    return {key: tuple(ids) for key, ids in index.items() if key}


def lookup_place(query: str, index: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The ids whose name forms match ``query`` (any script, pinyin with or without tones, id).

    >>> index = build_name_index([{"id": "liao_shangjing", "name": "上京", "pinyin": "Shàngjīng"}])
    >>> lookup_place("shangjing", index), lookup_place("上京", index), lookup_place("中京", index)
    (('liao_shangjing',), ('liao_shangjing',), ())
    """
    found: list[str] = []
    keys = [normalise_name(query)]
    if not has_han(query):
        keys.append(pinyin_key(query))
    for key in keys:
        for place in index.get(key, ()) if key else ():
            if place not in found:
                found.append(place)
    return tuple(found)


def closest_ids(query: str, ids_and_names: Mapping[str, Iterable[str]], n: int = 3) -> list[str]:
    """The ``n`` ids whose id or names look most like ``query`` (for "did you mean" hints).

    Parameters
    ----------
    query : str
        What the user typed.
    ids_and_names : mapping
        Id → its name forms (see :func:`name_forms`).
    n : int, default 3
        How many suggestions at most.
    """
    keys = {normalise_name(query), pinyin_key(query)} - {""}
    scored = []
    for place, names in ids_and_names.items():
        forms = {normalise_name(f) for f in (place, *names)} - {""}
        score = max((difflib.SequenceMatcher(None, k, f).ratio() for k in keys for f in forms), default=0.0)
        if score >= 0.5:
            scored.append((-score, place))
    return [place for _, place in sorted(scored)[:n]]


def variant_note(query: str, row: Mapping[str, str]) -> str | None:
    """How ``query`` matched ``row`` when it is none of its written forms: as a variant form (干州 for 乾州).

    >>> variant_note("干州", {"id": "qian_zhou", "name": "乾州"})
    '干州 is a variant form of 乾州 (qian_zhou): the texts fold to the same characters'
    >>> variant_note("乾州", {"id": "qian_zhou", "name": "乾州"}) is None
    True
    """
    plain = "".join(query.split())
    forms = name_forms(row)
    if not has_han(plain) or any("".join(f.split()) == plain for f in forms):
        return None
    return (f"{plain} is a variant form of {row.get(S.NAME, '').strip()} ({row.get(S.PLACE_ID, '').strip()}): "
            "the texts fold to the same characters")
