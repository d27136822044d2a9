"""The structure of a chronicle's text that decides which dates are entries.

Nothing here converts a date: it finds where the annals end and the editors' notes
(校勘記) begin, the quoted speech, edicts and letters (「…」) whose dates are no
entries, and the era changes the text writes (改元X, 改X年爲Y元年, 建元X, 以明年爲X元年).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from geo.calendar.parse import NUMERAL, era_names, prefix_names, trie_pattern
from geo.text import NOTE_MARKER, fold, make_view

#: A line that opens the editors' notes: 校勘記, or a numbered note (一：…, 一○：…) as Wikisource prints them.
NOTES_START = re.compile(r"^[\s\u3000]*(?:校勘記|校勘记|[一二三四五六七八九十○〇]{1,3}[：:])")
_OPEN, _CLOSE = "「『“", "」』”"
_PAIRS = dict(zip(_CLOSE, _OPEN, strict=True))


def body_end(text: str) -> int:
    """Offset where the annals end: the start of the first line of the notes (or the end of the text).

    >>> body_end("三月，幸南京。\\n一：幸南京按……\\n")
    7
    """
    pos = 0
    for line in text.splitlines(keepends=True):
        if NOTES_START.match(line) and line.strip().startswith(("校勘", "一：", "一:")):
            return pos
        pos += len(line)
    return len(text)


def quoted_spans(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """The outermost quotations ``(start, end)`` of ``text[:end]``; an opening mark never closed is ignored.

    >>> quoted_spans("詔曰：「八月中旬，可至春州。」九月，至。")
    [(4, 15)]
    """
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    markers = {m.start() for m in NOTE_MARKER.finditer(text, 0, len(text) if end is None else end)}
    for i, char in enumerate(text[:end]):
        if i in markers:
            continue
        if char in _OPEN:
            stack.append((char, i))
        elif char in _PAIRS and stack and stack[-1][0] == _PAIRS[char]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
    return spans


#: Speech or an edict introduced by a colon with no quotation marks: 詔：太平興國元年十月乙卯以來…。
_SPEECH = re.compile(r"[曰詔诏言奏云]\s*[：:](?![「『“\s]*$)(?![「『“])")


def speech_spans(text: str, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of unquoted speech: from ``曰：``/``詔：`` to the end of its sentence (。) or line.

    >>> speech_spans("甲子，詔：元年十月以來贓吏勿赦。乙丑，還。")
    [(5, 16)]
    """
    stop = len(text) if end is None else end
    spans = []
    for m in _SPEECH.finditer(text, 0, stop):
        ends = [i for i in (text.find("。", m.end(), stop), text.find("\n", m.end(), stop)) if i >= 0]
        spans.append((m.end(), min(ends) + 1 if ends else stop))
    return spans


def merge_spans(*groups: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of several lists of spans, sorted and without overlaps (for :func:`inside`).

    >>> merge_spans([(0, 10)], [(3, 5), (12, 14)])
    [(0, 10), (12, 14)]
    """
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(span for group in groups for span in group):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether offset ``pos`` lies inside one of the sorted ``spans``."""
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


@dataclass(frozen=True)
class EraChange:
    """An era change written in the text: from now (改元X) or from the next year (以明年爲X元年)."""

    start: int
    end: int
    written: str
    era: str
    next_year: bool
    old: str | None = None


@functools.lru_cache(maxsize=8)
def _change_pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    eras = trie_pattern(era_names() | {fold(e) for e in extra})
    prefix = trie_pattern(prefix_names())
    return re.compile(
        rf"(?P<next>以明年|以来年)为(?:{prefix})?(?P<e1>{eras})元年"
        rf"|改(?:是岁|是年|今年|(?:{prefix})?(?P<old>{eras})?(?:(?:元|{NUMERAL})年)?)为(?:{prefix})?(?P<e2>{eras})元年"
        rf"|(?:改元|建元)(?:为|曰)?(?P<e3>{eras})"
    )


def era_changes(text: str, start: int, end: int, *, extra_eras: tuple[str, ...] = ()) -> list[EraChange]:
    """The era changes written in ``text[start:end]``, in text order (改是歲爲X元年 too).

    >>> [(c.era, c.next_year) for c in era_changes("丙寅，大赦。改天輔七年爲天會元年。", 0, 17)]
    [('天會', False)]
    """
    view = make_view(text, start, end)
    found = []
    for m in _change_pattern(extra_eras).finditer(view.chars):
        group = "e1" if m["e1"] else "e2" if m["e2"] else "e3"
        era_start, era_end = view.span(m.start(group), m.end(group))
        s, e = view.span(m.start(), m.end())
        found.append(EraChange(s, e, text[s:e], "".join(text[era_start:era_end].split()), bool(m["next"]),
                               m["old"]))
    return found


_DECLARED = re.compile(r"(?:以明年|以来年|改[^为。，；]{0,6})为(?P<era>[^\W\d]{1,3}?)元年")


def declared_eras(text: str) -> tuple[str, ...]:
    """Era names the text declares (以明年爲吳元年) that sanmiao's tables lack, folded.

    >>> declared_eras("以明年為吳元年。")
    ('吴',)
    """
    known = era_names()
    names = {m["era"] for m in _DECLARED.finditer(fold(text)) if m["era"] not in known}
    return tuple(sorted(n for n in names if not any(n.endswith(k) for k in known)))
