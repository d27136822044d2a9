"""The one text fold: how two written forms of a name, a quote or a date are compared.

Every comparison in ``geo`` goes through :func:`fold_char`: NFKC (full-width digits
and letters become ASCII), traditional → simplified one character at a time (OpenCC
``t2s``, so 乾 folds to 干 as simplified editions print it), then the variant
characters of :data:`VARIANT_CHARACTERS` (甯, 寧 → 宁). A fold keeps the length of
the text, so offsets into the folded text are offsets into the original.

Users: the name index (:func:`search_key`), the tagger (:func:`fold`), the quote
check (:func:`quote_key`), both date readers (:mod:`geo.calendar.parse`), and the
site's search box, whose JavaScript table is :func:`fold_table`.

>>> fold("乾州") == fold("干州") == "干州"
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc

#: Variant and old character forms that OpenCC t2s leaves alone (or that the sources use
#: interchangeably), folded onto the simplified form used as the key.
VARIANT_CHARACTERS: dict[str, str] = {
    "甯": "宁", "寧": "宁", "鹹": "咸", "穀": "谷", "濼": "泺", "爾": "尔", "灤": "滦",
    "遼": "辽", "於": "于", "昇": "升", "眞": "真", "淸": "清", "鎭": "镇", "黃": "黄",
    "峯": "峰", "嶽": "岳", "菴": "庵", "羣": "群", "竝": "并", "裏": "里", "敎": "教",
    "舘": "馆", "舩": "船", "徳": "德", "兎": "兔", "囘": "回", "廻": "回",
}
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_SPACE = re.compile(r"\s+")
#: The ranges :func:`fold_table` covers (CJK unified ideographs, extension A, compatibility ideographs).
TABLE_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


def has_han(text: str) -> bool:
    """Whether ``text`` contains a Chinese character.

    >>> has_han("Shàngjīng"), has_han("上京")
    (False, True)
    """
    return bool(_HAN.search(text))


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones, word by word (OpenCC ``t2s``; for display).

    >>> to_simplified("上京臨潢府")
    '上京临潢府'
    """
    return _t2s().convert(text)


@functools.lru_cache(maxsize=65536)
def fold_char(char: str) -> str:
    """Fold one character: NFKC for digits and letters, simplified, variant characters folded.

    >>> fold_char("甯") == fold_char("寧") == fold_char("宁"), fold_char("乾"), fold_char("５")
    (True, '干', '5')
    """
    plain = unicodedata.normalize("NFKC", char)
    if len(plain) != 1:
        return char
    if not has_han(plain):
        return plain if plain.isalnum() else char
    simple = _t2s().convert(plain)
    simple = simple if len(simple) == 1 else plain
    return VARIANT_CHARACTERS.get(simple, simple)


class _FoldMap(dict):
    """Code point → folded character, filled on first sight (for :meth:`str.translate`)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_MAP = _FoldMap()


def fold(text: str) -> str:
    """Fold every character of ``text`` (the length is kept, so offsets stay valid).

    >>> fold("遼天慶八年閏九月")
    '辽天庆八年闰九月'
    """
    return text.translate(_FOLD_MAP)


def search_key(text: str) -> str:
    """The lookup key of a name, a pinyin key or an id: whitespace removed, folded, lower case.

    >>> search_key(" 甯江州 ") == search_key("寧江州") == "宁江州"
    True
    """
    return fold(_SPACE.sub("", text)).lower()


def _batched(convert: Callable[[str], str], texts: Sequence[str], sep: str) -> list[str]:
    """``convert`` applied to each text through one call on the texts joined by ``sep`` (one C pass, not many)."""
    if not texts:
        return []
    joined = sep.join(texts)
    if joined.count(sep) != len(texts) - 1:
        return [convert(t) for t in texts]  # a text holds the separator itself
    out = convert(joined).split(sep)
    return out if len(out) == len(texts) else [convert(t) for t in texts]


def search_keys(texts: Sequence[str]) -> list[str]:
    """:func:`search_key` of each text, folded in one pass (for a column of a hundred thousand names).

    >>> search_keys(["甯江州", " 乾 州", ""])
    ['宁江州', '干州', '']
    """
    return _batched(search_key, texts, "\x00")


def to_simplified_each(texts: Sequence[str]) -> list[str]:
    """:func:`to_simplified` of each text, converted by OpenCC in one call (no phrase spans a line end).

    >>> to_simplified_each(["上京臨潢府", "遼"])
    ['上京临潢府', '辽']
    """
    return _batched(to_simplified, texts, "\n")


def quote_key(text: str) -> str:
    """The comparison key of a quote or a source line: whitespace (ideographic too) removed, folded.

    >>> quote_key("遼主 天祚") == quote_key("辽主天祚")
    True
    """
    return fold(_SPACE.sub("", text.replace("\u3000", " ").replace("\u00a0", " ")))


@functools.lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Every character of :data:`TABLE_RANGES` that :func:`fold_char` changes, as a plain dict.

    For generating the search page's JavaScript fold from the same data.

    >>> fold_table()["乾"], fold_table()["寧"]
    ('干', '宁')
    """
    table = {}
    for low, high in TABLE_RANGES:
        for code in range(low, high + 1):
            char = chr(code)
            folded = fold_char(char)
            if folded != char:
                table[char] = folded
    return table


@dataclass(frozen=True)
class TextView:
    """A stretch of text without whitespace, Latin letters and note markers, with the offset of each kept character.

    ``chars[i]`` is the folded character at file offset ``offsets[i]``.
    """

    chars: str
    offsets: tuple[int, ...]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """File offsets (start, end) of the view slice ``[i, j)``."""
        return self.offsets[i], self.offsets[j - 1] + 1


#: Editorial note markers inside a line: ``<一>``, ``[1]``, ``〔二〕``.
NOTE_MARKER = re.compile(r"<[^<>\n]{1,4}>|\[[^\[\]\n]{1,4}\]|〔[^〔〕\n]{1,4}〕|」[一二三四五六七八九十○〇]{1,3}：")


_NOISE = re.compile(r"[\sA-Za-z<\[〔」]")
#: What a view drops: note markers, whitespace (newlines kept or not) and runs of ASCII letters.
_DROP = re.compile(rf"{NOTE_MARKER.pattern}|\s+|[A-Za-z]+")
_DROP_KEEPING_NEWLINES = re.compile(rf"{NOTE_MARKER.pattern}|[^\S\n]+|[A-Za-z]+")


def make_view(text: str, start: int = 0, end: int | None = None, *, keep_newlines: bool = False) -> TextView:
    """Fold ``text[start:end]`` without whitespace, ASCII letters (OCR noise) and note markers, keeping offsets.

    Parameters
    ----------
    text : str
        The whole text.
    start, end : int
        The slice to view.
    keep_newlines : bool
        Keep ``\\n`` so that matches never run across lines.

    Returns
    -------
    TextView

    Examples
    --------
    >>> make_view("壽隆七年[1]正月 甲戌").chars
    '寿隆七年正月甲戌'
    """
    end = len(text) if end is None else end
    if not _NOISE.search(text, start, end):  # the common case: nothing to drop
        return TextView(fold(text[start:end]), tuple(range(start, end)))
    kept: list[str] = []
    offsets: list[int] = []
    pos = start
    for m in (_DROP_KEEPING_NEWLINES if keep_newlines else _DROP).finditer(text, start, end):
        if m.start() > pos:
            kept.append(text[pos:m.start()])
            offsets.extend(range(pos, m.start()))
        pos = m.end()
    if pos < end:
        kept.append(text[pos:end])
        offsets.extend(range(pos, end))
    return TextView(fold("".join(kept)), tuple(offsets))
