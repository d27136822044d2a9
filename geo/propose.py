"""Candidate event rows from a chronicle, for a curator to review (``geo propose``).

Each place named in a dated entry becomes one row, with the verbatim sentence around the name as its quote,
the entry's date, and a first guess at the action; actor and summary are left for the curator.
"""

from __future__ import annotations

import csv
import io
import re

from geo import schema as S
from geo.annals import Annals, Entry, describe_date
from geo.tagger import READING, Gazetteer, Mention, entry_mentions

ACTION_WORDS: tuple[tuple[str, str], ...] = (
    ("即位", "enthronement"), ("薨", "death"), ("卒", "death"), ("殂", "death"), ("叛", "revolt"),
    ("降", "surrender"), ("克", "capture"), ("取", "capture"), ("陷", "capture"), ("破", "capture"),
    ("下", "capture"), ("拔", "capture"), ("围", "siege"), ("圍", "siege"), ("攻", "siege"),
    ("败", "battle"), ("敗", "battle"), ("战", "battle"), ("戰", "battle"), ("追", "pursuit"),
    ("奔", "flight"), ("遁", "flight"), ("走", "flight"), ("次", "camp"), ("屯", "camp"), ("驻", "camp"),
    ("駐", "camp"), ("猎", "hunt"), ("獵", "hunt"), ("使", "embassy"), ("如", "embassy"), ("至", "march"),
    ("趋", "march"), ("趨", "march"), ("出", "march"), ("入", "march"),
)
_SENTENCE = re.compile(r"[。；;！？!?\n]")
_CLAUSE = re.compile(r"[。；;！？!?\n，,：:]")


def _around(text: str, entry: Entry, mention: Mention, breaks: re.Pattern[str]) -> str:
    """The sentence or clause of the entry around the mention (verbatim, so it occurs in the cited line)."""
    starts = [m.end() for m in breaks.finditer(text, entry.start, mention.start)]
    start = max([entry.start, *starts])
    stop = breaks.search(text, mention.end, entry.end)
    return text[start:stop.start() if stop else entry.end].strip()


def guess_action(quote: str) -> str:
    """A first guess at the event's action from the words of its quote (``other`` when nothing fits)."""
    return next((action for word, action in ACTION_WORDS if word in quote), "other")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def propose_rows(text: str, annals: Annals, gaz: Gazetteer, *, campaign: str, siglum: str) -> list[dict[str, str]]:
    """One candidate event row per place named in a dated entry (entries that could not be dated are skipped).

    A homonym that its context leaves ambiguous (南京 with no reading for the text's regime and date) gets
    one row with ``place`` empty and its candidates in ``note``: the curator chooses, the tool never does.
    """
    rows: list[dict[str, str]] = []
    seen: set[tuple[int, str]] = set()
    seq: dict[str, int] = {}
    for entry, mention in entry_mentions(annals, text, gaz, siglum=siglum):
        place = "" if mention.ambiguous else mention.ids[0]
        key = place or f"?{mention.name}"
        if entry.date is None or (entry.start, key) in seen:
            continue
        seen.add((entry.start, key))
        date = describe_date(entry)
        seq[date] = seq.get(date, 0) + 1
        quote = _around(text, entry, mention, _SENTENCE)
        rows.append({
            S.EVENT_ID: f"{_slug(siglum)}_{entry.line:03d}_{len(rows) + 1:03d}_{place or 'ambiguous'}",
            S.CAMPAIGN: campaign, S.SEQ: str(seq[date]), S.DATE: date,
            S.DATE_AS_WRITTEN: entry.written if entry.written != date else "",
            S.REGIME: entry.date.regime, S.PLACE: place, S.ACTOR: "",
            S.ACTION: guess_action(_around(text, entry, mention, _CLAUSE)),
            S.TARGET: "", S.QUOTE: quote, S.EVENT_SOURCE: f"{siglum}:{entry.line}", S.SUMMARY_EN: "",
            S.CERTAINTY: "uncertain", S.READING: "",
            S.NOTE: _note(mention),
        })
    return rows


def _note(mention: Mention) -> str:
    """The proposal's note: where the place came from, and what the curator must decide."""
    if mention.ambiguous:
        return (f"proposed by geo propose from {mention.name}, which may stand for {', '.join(mention.ids)} "
                f"({mention.why} in {S.HOMONYMS_FILE}): choose the place; review actor, action and summary")
    how = f" ({mention.why} in {S.HOMONYMS_FILE})" if mention.how == READING else ""
    others = f"; the name also fits {', '.join(mention.ids[1:])}" if len(mention.ids) > 1 else ""
    return f"proposed by geo propose from {mention.name}{how}{others}; review actor, action and summary"


def to_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text with the columns of ``campaigns/events.csv``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(S.EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
