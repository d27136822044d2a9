"""The one text fold (geo.text): the name index, the tagger, the quote check and the dates agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.__main__ import main
from geo.names import build_name_index, lookup_place, normalise_name
from geo.seeds import quote_in_line
from geo.tagger import Gazetteer, tag_text
from geo.text import fold, fold_char, fold_table, quote_key, search_key

REPO = Path(__file__).parent.parent
GAZETTEER = REPO / "places" / "gazetteer.csv"
QIAN = {"id": "qian_zhou", "name": "乾州", "name_simplified": "乾州", "pinyin": "Qián zhōu"}


@pytest.mark.parametrize(("a", "b"), [("乾州", "干州"), ("寧江州", "甯江州"), ("遼", "辽"), ("鴛鴦濼", "鸳鸯泺")])
def test_every_reader_folds_alike(a: str, b: str) -> None:
    assert fold(a) == fold(b)
    assert search_key(a) == search_key(b) == normalise_name(a)
    assert quote_key(a) == quote_key(b)
    assert all(fold_table().get(c, c) == fold_char(c) for c in a + b)


def test_fold_table_is_a_plain_dict_of_single_characters() -> None:
    table = fold_table()
    assert type(table) is dict and len(table) > 2000
    assert table["乾"] == "干" and table["閏"] == "闰" and "干" not in table
    assert all(len(k) == 1 and len(v) == 1 for k, v in table.items())


def test_tag_and_find_agree_on_a_simplified_edition(capsys: pytest.CaptureFixture[str]) -> None:
    gaz = Gazetteer([QIAN])
    assert [m.ids for m in tag_text("遼主至干州。", gaz)] == [("qian_zhou",)]
    assert lookup_place("干州", build_name_index([QIAN])) == ("qian_zhou",)
    assert main(["places", "find", "干州", "--gazetteer", str(GAZETTEER)]) == 0
    out, err = capsys.readouterr()
    assert "qian_zhou" in out and "干州 is a variant form of 乾州 (qian_zhou)" in err
    assert main(["places", "find", "乾州", "--gazetteer", str(GAZETTEER)]) == 0
    assert "variant form" not in capsys.readouterr().err


def test_quotes_compare_across_scripts() -> None:
    assert quote_in_line("天祚 奔干州", "天祚奔乾州。")
    assert not quote_in_line("天祚奔宁州", "天祚奔乾州。")
