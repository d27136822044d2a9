"""The regime table: every dynasty of sanmiao's tables has a row, names resolve, the docs copy is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.__main__ import main
from geo.calendar.regimes import read_regimes, regime_of_dynasty, resolve_regime
from geo.calendar.resolve import TABLE_BEGIN, TABLE_END, regime_years, regimes_markdown
from geo.calendar.tables import load_tables
from geo.errors import CalendarError

REPO = Path(__file__).parent.parent


def test_every_dynasty_with_eras_has_one_regime() -> None:
    dynasties = {era.dyn_id for era in load_tables().eras}
    missing = sorted(d for d in dynasties if regime_of_dynasty(d) is None)
    assert missing == []
    slugs = [r.slug for r in read_regimes()]
    assert len(slugs) == len(set(slugs)) and all(s.isascii() and s == s.lower() for s in slugs)


@pytest.mark.parametrize(
    ("name", "slug"),
    [("jin", "jin"), ("liao", "liao"), ("song", "song"), ("xia", "xia"), ("金", "jin"), ("遼", "liao"),
     ("辽", "liao"), ("宋", "song"), ("西夏", "xia"), ("夏", "xia"), ("唐", "tang"), ("元", "yuan"), ("明", "ming"),
     ("清", "qing"), ("隋", "sui"), ("漢", "han"), ("汉", "han"), ("Tang", "tang"), ("五代", "wudai"),
     ("日本", "japan"), ("劉宋", "liusong"), ("北宋", "song")],
)
def test_names_resolve(name: str, slug: str) -> None:
    assert resolve_regime(name).slug == slug


def test_unknown_names_are_refused_with_the_slugs() -> None:
    with pytest.raises(CalendarError, match=r"unknown regime '吳' — use a slug \(qin, .*tang"):
        resolve_regime("吳")


def test_years_come_from_the_tables() -> None:
    assert regime_years("tang") == (618, 907)
    assert regime_years("song")[0] == 960 and regime_years("qin") is None


def test_the_documented_table_is_the_generated_one() -> None:
    doc = (REPO / "campaigns" / "README.md").read_text(encoding="utf-8")
    table = doc.split(TABLE_BEGIN)[1].split(TABLE_END)[0].strip("\n") + "\n"
    assert table == regimes_markdown()


def test_geo_date_takes_any_regime_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["date", "貞觀四年三月甲申"]) == 1
    err = capsys.readouterr().err
    assert "tang 唐 627–649" in err and "xia 西夏 1101–1113" in err and "japan 日本 859–877" in err
    assert main(["date", "--regime", "唐", "貞觀四年三月甲申"]) == 0
    assert "Julian 0630-05-06" in capsys.readouterr().out
    assert main(["date", "--regime", "yuan", "至元元年春正月癸巳"]) == 1
    assert "1264–1294; yuan 元 1335–1340" in capsys.readouterr().err
