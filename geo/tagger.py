"""Finding the gazetteer's places named in a text, and proposing the place names it lacks.

Names are matched on a folded view of the text (whitespace and OCR Latin letters
dropped, traditional → simplified, variant characters such as 甯/寧, 鹹/咸, 穀/谷
folded), longest match first. Enumerations with a shared suffix are read as
separate places (涿、易、檀、順、景、薊六州 names six prefectures); a one-character
name (燕, 雲, 宋) counts only where the words around it make it a place; and a
capital name that the Song also used (南京, 東京, 西京, 北京) is not taken for the
Liao capital in a Song context.

A name whose place depends on who writes and when (南京 is 燕京 in the Liao shi
before 1123 and 平州 in the Jin shi of 1123–1126; 京師 is the capital of the
regime whose court the text speaks for) is a *homonym*: ``places/homonyms.csv``
gives its readings, each holding for a regime's texts, a span of years or one
seed (:mod:`geo.homonyms`). A mention is resolved only where exactly one place fits
the text's regime, the date of its entry and its siglum; otherwise it is offered with
the places that fit or that its context leaves open, marked ``ambiguous`` — never
silently one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from geo import schema as S
from geo.annals import Annals, Entry
from geo.calendar.parse import chinese_number
from geo.homonyms import read_homonyms
from geo.tables import read_table, split_list
from geo.text import TextView, fold, has_han, make_view

#: Characters (folded) after which a one-character name is a place: 至燕, 入燕, 即位于燕, 伐宋, 自宋.
PLACE_VERBS = frozenset("至到入于於趋趨奔守取下攻围圍屯次出还還归歸赴克拔陷自如抵驻駐在据據伐犯过過渡保走向往与與诣詣")
#: Characters after which a one-character name is a title or a people, not a place: 燕王, 燕人, 宋使.
NOT_PLACE_NEXT = frozenset("王主人使师師兵军軍将將帝后相臣民")
#: Characters after a one-character name that make it a place: 燕地, 燕境, 燕城.
PLACE_NEXT = frozenset("地境城界")
#: Capital names that the Song used for its own capitals (folded).
SONG_HOMONYMS = frozenset({"南京", "东京", "西京", "北京"})
#: Shared suffixes of enumerations, and the suffixes of place-like names the gazetteer may lack.
ENUM_SUFFIXES = "州府城县縣郡路镇鎮"
CANDIDATE_SUFFIXES = "州府军軍关關河水泺濼泊淀山岭嶺城江川寨镇鎮县縣口甸"
#: Suffixes read as the 州, 府 or 軍 of a one-character name (五十餘城 after 咸、信、蘇 are prefectures).
GENERIC_SUFFIXES = "城郡"
#: Counting words between an enumeration and its suffix: 六州, 等州, 諸路, 五十餘城, 兩路.
_COUNT = frozenset("一二三四五六七八九十百两兩数數余餘等诸諸")
#: Characters that end a candidate name when read backwards from its suffix (verbs, particles).
_STOP = frozenset(
    "之于於至自在以其此彼诸諸各本该該入出次赴趋趨奔守攻取下克拔陷屯到过過渡保走向往与與及并並将將遣使为為曰"
    "谓謂而则則乃遂既已亦皆又由从從经經败敗追袭襲围圍复復处處据據犯伐降临臨登逾越缒縋驻駐破焚掠略"
    "外内內诣詣如即令命抵据居遇屠至近沿其旧舊新诸众衆万萬千百两兩数數余餘一二三四五六七八九十是"
    "治预預率废廢随隨闻聞备備分求充督整失集兼召讨討招留领領引有间間弃棄权權听聽用知杀殺见見空无無作"
    "者所获獲时時凡若欲止夜日谕諭持逃匿献獻移趍筑築防距兵梯寸等帅帥差言猎獵抚撫"
    "置幸请請尽盡得塞画畫还還罢罷斩斬阅閱援总總管诏詔"
)
#: Stop characters that begin a name before these, folded: 得勝口 and 得勝陀 ("victory" names), the Goryeo
#: 幸州, the Song 塞門寨, 管州.
_NAME_AFTER_STOP = {"得": "胜", "幸": "州", "塞": "门", "管": "州"}
#: 州縣, 郡縣, 路州縣: a generic suffix after only these is a phrase of the sentence, not a place (府州 is one).
_GENERIC_ONLY = frozenset("州县縣郡路城镇鎮寨")
#: Words for armies, not places, before 軍 (大軍, 漢軍, 禁軍 …).
_ARMY = frozenset("大小汉漢禁中前后後番硬溃潰监監义義残殘他我敌敵全")
#: The longest and shortest prefix of a candidate name by suffix (folded); others take 1 to 3 characters.
_MAX_PREFIX = {"州": 2, "府": 3, "军": 2, "县": 2}
_MIN_PREFIX = {"军": 2, "城": 2, "口": 2, "寨": 2, "镇": 2, "关": 2, "府": 2, "川": 2}


@dataclass(frozen=True)
class Mention:
    """A place name found in a text.

    ``start``/``end`` are offsets into the text (``end`` exclusive); ``name`` is
    the name read there (for an enumeration, the item with its suffix: 涿州);
    ``ids`` are the gazetteer ids (empty for a name the gazetteer lacks); ``how`` is
    ``name``, ``enumeration`` or ``candidate``, or for a homonym ``reading`` (resolved
    to one place by its context) or ``ambiguous`` (several places fit: ``ids`` are
    all of them); ``why`` says which reading decided, or why none did.
    """

    start: int
    end: int
    name: str
    ids: tuple[str, ...]
    how: str = "name"
    why: str = ""

    @property
    def ambiguous(self) -> bool:
        """Whether the mention is a homonym that its context does not resolve."""
        return self.how == AMBIGUOUS


READING = "reading"
AMBIGUOUS = "ambiguous"


class Gazetteer:
    """The name forms of a gazetteer, folded for matching (see :func:`fold`), and the readings of its homonyms.

    ``homonyms`` are rows of ``places/homonyms.csv``: a homonym's name matches every place of its
    readings as well as the rows that carry it, and :meth:`resolve` chooses among them by context.
    """

    def __init__(self, rows: Iterable[Mapping[str, str]], homonyms: Iterable[Mapping[str, str]] = ()) -> None:
        index: dict[str, list[str]] = {}
        self.names: dict[str, str] = {}
        for row in rows:
            place = row.get(S.PLACE_ID, "").strip()
            forms = [row.get(S.NAME, ""), row.get(S.NAME_SIMPLIFIED, "")]
            forms += split_list(row.get(S.VARIANTS, ""), S.VARIANT_SEPARATOR)
            for form in (f for f in forms if place and has_han(f)):
                key = fold("".join(form.split()))
                if place not in index.setdefault(key, []):
                    index[key].append(place)
            if place:
                self.names[place] = row.get(S.NAME, "").strip() or place
        self.own = {key: tuple(ids) for key, ids in index.items()}
        """Folded name → the ids of the rows that carry it themselves (a homonym's readings left out)."""
        self.readings = read_homonyms(homonyms)
        for key, readings in self.readings.items():
            places = index.setdefault(key, [])
            places += [r.place for r in readings if r.place not in places]
        self.index = {key: tuple(ids) for key, ids in index.items()}
        self.longest = max((len(k) for k in self.index), default=0)

    @classmethod
    def from_csv(cls, path: str | Path, homonyms: str | Path | None = None) -> Gazetteer:
        """Read the gazetteer CSV (see :func:`geo.tables.read_table`); unreadable files give an empty one.

        ``homonyms`` is the path of the homonyms table; by default ``homonyms.csv`` beside the gazetteer
        (``places/homonyms.csv`` in a project), when there is one.
        """
        path = Path(path)
        table = Path(homonyms) if homonyms is not None else path.with_name(Path(S.HOMONYMS_FILE).name)
        return cls(read_table(path).rows, read_table(table).rows if table.is_file() else ())

    def ids(self, name: str) -> tuple[str, ...]:
        """The ids that carry ``name`` in any script or variant form, with a homonym's places (empty when none)."""
        return self.index.get(fold("".join(name.split())), ())

    def resolve(self, name: str, *, regime: str | None = None, year: int | None = None,
                siglum: str | None = None) -> tuple[tuple[str, ...], str, str]:
        """The places ``name`` stands for in its context: ``(ids, how, why)``.

        For a name that is no homonym: its ids, ``name``. For a homonym: the one place of the readings
        that fit, with ``how`` ``reading``; when several places fit, those, with ``how`` ``ambiguous``; when
        none fits, the rows that carry the name themselves and the readings the context leaves open (a Ming
        南京 is not offered the Jin one; a Jin 南京 of unknown year is), also ``ambiguous``. Where readings of
        the name are bound to ``siglum``, only they are considered in that seed. ``why`` says what decided.

        >>> gaz = Gazetteer([{"id": "yanjing", "name": "燕京", "variants": "南京"}, {"id": "pingzhou", "name": "平州"}],
        ...                 [{"name": "南京", "place": "yanjing", "regime": "liao", "to_year": "1122"},
        ...                  {"name": "南京", "place": "pingzhou", "regime": "jin", "from_year": "1123",
        ...                   "to_year": "1126"}])
        >>> gaz.resolve("南京", regime="jin", year=1124)[:2]
        (('pingzhou',), 'reading')
        >>> gaz.resolve("南京", regime="jin")[:2]
        (('yanjing', 'pingzhou'), 'ambiguous')
        """
        key = fold("".join(name.split()))
        readings = self.readings.get(key)
        if not readings:
            return self.index.get(key, ()), "name", ""
        pool = [r for r in readings if siglum and r.siglum == siglum] or [r for r in readings if not r.siglum]
        chosen = [r for r in pool if r.fits(regime=regime, year=year, siglum=siglum)]
        places = tuple(dict.fromkeys(r.place for r in chosen))
        if len(places) == 1:
            return places, READING, f"read as {places[0]} by its reading for {chosen[0].describe()}"
        context = ", ".join(p for p in (regime, str(year) if year is not None else "", siglum) if p)
        if places:
            return places, AMBIGUOUS, f"several readings fit {context or 'a text without context'}"
        left = [r.place for r in pool if r.possible(regime=regime, year=year)]
        places = tuple(dict.fromkeys([*self.own.get(key, ()), *left]))
        return places, AMBIGUOUS, f"no reading fits {context or 'a text without context'}"


def _view(text: str) -> TextView:
    return make_view(text, keep_newlines=True)


def _is_name_char(char: str) -> bool:
    return has_han(char) and char not in "、。，"


def _items_before(chars: str, end: int) -> list[tuple[int, int]]:
    """The items of an enumeration ending at ``end`` (涿、易、檀), in text order; [] when there is none."""
    items: list[tuple[int, int]] = []
    while True:
        i = end
        while i > 0 and end - i < 3 and _is_name_char(chars[i - 1]):
            i -= 1
        if i == end:
            break
        items.append((i, end))
        if i == 0 or chars[i - 1] != "、":
            break
        end = i - 1
    if len(items) < 2:
        return []
    items.reverse()
    shortest = min(j - i for i, j in items[1:])
    first_i, first_j = items[0]
    items[0] = (max(first_i, first_j - shortest), first_j)
    return items


def _exact_count(counted: str) -> int | None:
    digits = counted.replace("两", "二").replace("兩", "二")
    if not digits or any(c not in "一二三四五六七八九十" for c in digits):
        return None
    return chinese_number(digits)


def _select_items(items: list[tuple[int, int]], counted: str) -> list[tuple[int, int]]:
    """Which items share the suffix: the last N for a count N, else the trailing items as long as the last."""
    if not items:
        return []
    count = _exact_count(counted)
    if count is not None and 2 <= count <= len(items):
        return items[-count:]
    size, chosen = items[-1][1] - items[-1][0], []
    for item in reversed(items):
        if item[1] - item[0] > size:
            break
        chosen.append(item)
    return chosen[::-1] if len(chosen) >= 2 else []


def _resolve_item(gaz: Gazetteer, item: str, suffix: str) -> tuple[tuple[str, ...], bool]:
    """The ids of an enumerated item, and whether they belong to the item with the suffix."""
    ids = gaz.ids(item + suffix)
    if not ids and suffix in GENERIC_SUFFIXES:
        ids = next((gaz.ids(item + s) for s in "州府军" if gaz.ids(item + s)), ())
    if not ids and gaz.ids(item):
        return gaz.ids(item), False
    return ids, True


def _enumerations(text: str, view: TextView, gaz: Gazetteer) -> tuple[list[tuple[int, int, Mention]], set[int]]:
    """Places named by enumerations with a shared suffix, as (view start, view end, mention).

    Also returns the view positions of the shared suffixes and counts (六州, 等州), which are no names.
    """
    found, shared = [], set()
    suffixes = fold(ENUM_SUFFIXES)
    for s, char in enumerate(view.chars):
        if char not in suffixes:
            continue
        k = s
        while k > 0 and view.chars[k - 1] in _COUNT:
            k -= 1
        items = _items_before(view.chars, k)
        if items and view.chars[items[-1][1] - 1] in suffixes:
            continue  # 濠、懿州路: the suffix 路 follows an enumeration that already has its own
        chosen = _select_items(items, view.chars[k:s])
        resolved = [(i, j, *_resolve_item(gaz, view.chars[i:j], char)) for i, j in chosen]
        if k == s and not any(ids for _, _, ids, _ in resolved):
            continue  # 都指揮使、商州刺史: no count, no 等 and no known item — not an enumeration
        for i, j, ids, suffixed in resolved:
            if ids or k < s:  # unknown items are proposed only from a counted enumeration
                found.append((i, *_enumerated(text, view, i, j, s, ids, suffixed)))
        shared.update(range(k, s + 1))
    return found, shared


def _enumerated(text: str, view: TextView, i: int, j: int, s: int, ids: tuple[str, ...],
                suffixed: bool) -> tuple[int, Mention]:
    """The view end and the mention of an enumerated item ``[i, j)`` whose shared suffix is at ``s``."""
    end = s + 1 if j == s and suffixed else j
    start, stop = view.span(i, end)
    written = "".join(text[start:stop].split())
    name = written + text[view.offsets[s]] if suffixed and end != s + 1 else written
    return end, Mention(start, stop, name, ids, "enumeration")


def _matches(view: TextView, gaz: Gazetteer, taken: set[int]) -> list[tuple[int, int]]:
    """Every gazetteer name in the view, longest first, without overlaps (nor overlaps with ``taken``)."""
    chars, found = view.chars, []
    for i in range(len(chars)):
        for size in range(min(gaz.longest, len(chars) - i), 0, -1):
            if chars[i:i + size] in gaz.index:
                found.append((i, i + size))
    chosen, used = [], set(taken)
    for i, j in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if not used.intersection(range(i, j)):
            chosen.append((i, j))
            used.update(range(i, j))
    return sorted(chosen)


def _one_char_ok(chars: str, i: int) -> bool | None:
    """True: a place; False: not a place; None: decided by its neighbours (幽、薊)."""
    before = chars[i - 1] if i > 0 else ""
    after = chars[i + 1] if i + 1 < len(chars) else ""
    if after in NOT_PLACE_NEXT:
        return False
    if before in PLACE_VERBS or after in PLACE_NEXT:
        return True
    return None


def _song_homonym(chars: str, i: int, j: int, regime: str | None) -> bool:
    return chars[i:j] in SONG_HOMONYMS and (regime == "song" or (i > 0 and chars[i - 1] == "宋"))


def _keep(spans: list[tuple[int, int]], chars: str, regime: str | None) -> list[tuple[int, int]]:
    """Drop one-character names out of context and Song homonyms of the Liao capitals."""
    kept, pending = [], []
    for i, j in spans:
        if _song_homonym(chars, i, j, regime):
            continue
        verdict = True if j - i > 1 else _one_char_ok(chars, i)
        if verdict:
            kept.append((i, j))
        elif verdict is None:
            pending.append((i, j))
    ends = {j for _, j in spans} | {j for _, j in kept}
    starts = {i for i, _ in spans}
    for i, j in pending:
        if (i >= 2 and chars[i - 1] == "、" and i - 1 in ends) or (chars[j:j + 1] == "、" and j + 1 in starts):
            kept.append((i, j))
    return sorted(kept)


#: A regime named just before a homonym decides whose reading it is: 宋京師, 遼南京 (folded).
NAMED_REGIMES = {"宋": "song", "辽": "liao", "金": "jin", "夏": "xia"}


def _named_regime(text: str, start: int) -> str | None:
    """The regime named just before ``text[start]`` (spaces skipped), or None."""
    before = text[:start].rstrip()
    return NAMED_REGIMES.get(fold(before[-1:])) if before else None


def _resolved(mention: Mention, gaz: Gazetteer, *, regime: str | None, year: int | None,
              siglum: str | None, text: str = "") -> Mention:
    """The mention with a homonym's places chosen by its context (unchanged for other names).

    A regime named just before it in ``text`` (宋京師) stands for the text's own.
    """
    if fold(mention.name) not in gaz.readings:
        return mention
    regime = _named_regime(text, mention.start) or regime
    ids, how, why = gaz.resolve(mention.name, regime=regime, year=year, siglum=siglum)
    return replace(mention, ids=ids, how=how, why=why)


def tag_text(text: str, gaz: Gazetteer, *, regime: str | None = None, year: int | None = None,
             siglum: str | None = None, court: str | None = None) -> list[Mention]:
    """The gazetteer places named in ``text``, in text order (names the gazetteer lacks are left out).

    Parameters
    ----------
    text : str
        Any text (a chronicle, an entry); offsets in the result refer to it.
    gaz : Gazetteer
        The names to look for, with the readings of its homonyms.
    regime : str, optional
        The regime of the text's dates; ``song`` stops 南京, 東京, 西京, 北京 being read as Liao capitals.
    year : int, optional
        The year CE of the text (an entry's date), for the readings of homonyms bound to years.
    siglum : str, optional
        The seed the text comes from, for the readings of homonyms bound to one seed.
    court : str, optional
        The regime whose court the text speaks for, by which homonyms are read (default: ``regime``):
        a Jin chronicle's entry dated by a Song era still calls the Jin capital 京師.

    Returns
    -------
    list of Mention
        Each with its ids; enumeration items whose expanded name is unknown are left out
        (they are among :func:`propose_names`). A homonym that its context does not resolve
        is ``ambiguous``, with every place that may be meant.
    """
    view = _view(text)
    enums, shared = _enumerations(text, view, gaz)
    taken = shared | {k for i, j, _ in enums for k in range(i, j)}
    mentions = [m for _, _, m in enums if m.ids]
    for i, j in _keep(_matches(view, gaz, taken), view.chars, regime):
        start, end = view.span(i, j)
        mentions.append(Mention(start, end, "".join(text[start:end].split()), gaz.index[view.chars[i:j]]))
    court = court or regime
    mentions = [_resolved(m, gaz, regime=court, year=year, siglum=siglum, text=text) for m in mentions]
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _entry_context(entry: Entry, annals: Annals) -> tuple[str | None, int | None]:
    """The regime a homonym is read by (the chronicle's) and the year of the entry's date."""
    return annals.regime or entry.regime, entry.date.ce_year if entry.date else None


def tag_chronicle(text: str, annals: Annals, gaz: Gazetteer, *, siglum: str | None = None) -> list[Mention]:
    """The places named in a whole chronicle, each read as :func:`tag_entries` reads it.

    Names inside a dated entry are read by the entry (its regime for the Song capitals, the chronicle's court and
    the entry's year for homonyms); names outside every entry by the chronicle's regime alone.
    """
    found, at = [], 0
    for entry in sorted(annals.entries, key=lambda e: e.start):
        if entry.start < at:
            continue  # an entry inside the one before: its names are read with it
        found += _shifted(tag_text(text[at:entry.start], gaz, regime=annals.regime, siglum=siglum), at)
        found += _shifted(_entry_mentions(entry, annals, text, gaz, siglum), entry.start)
        at = entry.end
    return found + _shifted(tag_text(text[at:], gaz, regime=annals.regime, siglum=siglum), at)


def _shifted(mentions: list[Mention], by: int) -> list[Mention]:
    return [replace(m, start=m.start + by, end=m.end + by) for m in mentions] if by else mentions


def _candidate_start(chars: str, s: int, limit: int, taken: set[int]) -> int:
    i = s
    while i > 0 and s - i < limit and _is_name_char(chars[i - 1]) and not _stops(chars, i - 1) \
            and i - 1 not in taken:
        i -= 1
    return i


def _stops(chars: str, k: int) -> bool:
    """Whether ``chars[k]`` ends a candidate read backwards (a verb or particle, unless a name word follows)."""
    return chars[k] in _STOP and chars[k + 1:k + 2] not in _NAME_AFTER_STOP.get(chars[k], "\x00")


def _garrison(chars: str, i: int, s: int) -> bool:
    """Whether ``chars[i:s+1]`` (X軍) reads as a garrison prefecture, not an army: 襲天德軍, 靜江軍節度使."""
    if chars[s - 1] in _ARMY:
        return False
    return chars[s + 1:s + 3] == "节度" or (i > 0 and chars[i - 1] in PLACE_VERBS | set("袭攻围破"))


def propose_names(text: str, gaz: Gazetteer, *, regime: str | None = None) -> list[Mention]:
    """Place-like names the gazetteer lacks (X州, X府, X軍, X關, X河, X水, X濼, X山, X城 …), in text order.

    A candidate is the suffix with the name characters before it, read backwards up to
    a verb, particle, numeral or punctuation (处之泰州 → 泰州); X軍 only where it reads
    as a garrison (襲天德軍, 靜江軍節度使), not an army (漢軍, 怨軍). Items of counted
    enumerations that the gazetteer lacks (回紇 in 高、恩、回紇三城) are proposed with
    the shared suffix. Text covered by a gazetteer name is never proposed.

    Parameters
    ----------
    text : str
    gaz : Gazetteer
    regime : str, optional
        Accepted for symmetry with :func:`tag_text`; candidates do not depend on it.

    Returns
    -------
    list of Mention
        With empty ``ids``; rank them with :func:`rank_candidates`.
    """
    view = _view(text)
    enums, shared = _enumerations(text, view, gaz)
    taken = shared | {k for i, j, _ in enums for k in range(i, j)}
    taken |= {k for i, j in _matches(view, gaz, taken) for k in range(i, j)}
    found = [m for _, _, m in enums if not m.ids]
    suffixes = fold(CANDIDATE_SUFFIXES)
    for s, char in enumerate(view.chars):
        if char not in suffixes or s in taken:
            continue
        i = _candidate_start(view.chars, s, _MAX_PREFIX.get(char, 3), taken)
        if s - i >= _MIN_PREFIX.get(char, 1) and (char != "军" or _garrison(view.chars, i, s)) \
                and not (char in _GENERIC_ONLY and set(view.chars[i:s]) <= _GENERIC_ONLY):
            start, end = view.span(i, s + 1)
            found.append(Mention(start, end, "".join(text[start:end].split()), (), "candidate"))
    inside = {id(m) for m in found for o in found if o is not m and o.start <= m.start and m.end <= o.end
              and (o.start, o.end) != (m.start, m.end)}
    return sorted((m for m in found if id(m) not in inside), key=lambda m: (m.start, m.end))


def count_places(mentions: Iterable[Mention]) -> Counter[str]:
    """How often each gazetteer id is named (an ambiguous name counts for each of its ids)."""
    return Counter(place for m in mentions for place in m.ids)


def rank_candidates(mentions: Iterable[Mention]) -> list[tuple[str, int, Mention]]:
    """Unknown names grouped by folded form: (name as first written, count, first mention), most frequent first."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(fold(mention.name), []).append(mention)
    ranked = [(ms[0].name, len(ms), ms[0]) for ms in groups.values()]
    return sorted(ranked, key=lambda r: (-r[1], r[2].start, r[0]))


def _entry_mentions(entry: Entry, annals: Annals, text: str, gaz: Gazetteer, siglum: str | None) -> list[Mention]:
    """The mentions of one entry (offsets in the entry): Song capitals by the entry's regime, other homonyms by
    the chronicle's court and the entry's year."""
    court, year = _entry_context(entry, annals)
    return tag_text(text[entry.start:entry.end], gaz, regime=entry.regime or annals.regime, court=court, year=year,
                    siglum=siglum)


def tag_entries(annals: Annals, text: str, gaz: Gazetteer, *, siglum: str | None = None) -> Annals:
    """The annals with each entry's ``places`` filled (gazetteer ids in order of first mention).

    Parameters
    ----------
    annals : Annals
        As read by :func:`geo.annals.read_annals` from ``text``.
    text : str
        The chronicle (entry offsets refer to it).
    gaz : Gazetteer
    siglum : str, optional
        The chronicle's siglum, for the readings of homonyms bound to one seed.

    Returns
    -------
    Annals
        A homonym's places are read by the chronicle's regime, the year of the entry's date and the
        siglum; when they leave several places, the entry names them all.
    """
    entries = []
    for entry in annals.entries:
        found = _entry_mentions(entry, annals, text, gaz, siglum)
        ids = tuple(dict.fromkeys(p for m in found for p in m.ids))
        entries.append(replace(entry, places=ids))
    return replace(annals, entries=tuple(entries))


def entry_mentions(annals: Annals, text: str, gaz: Gazetteer, *,
                   siglum: str | None = None) -> list[tuple[Entry, Mention]]:
    """Every place mention inside a dated entry, with offsets into ``text``, in text order."""
    return [(entry, m) for entry in annals.entries
            for m in _shifted(_entry_mentions(entry, annals, text, gaz, siglum), entry.start)]


def load_gazetteer(path: str | Path) -> Gazetteer | None:
    """The gazetteer at ``path``, or None when there is no such file."""
    return Gazetteer.from_csv(path) if Path(path).is_file() else None
