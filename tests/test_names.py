"""Tests of name normalisation and lookup by every name form."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.names import (
    VARIANT_CHARACTERS,
    build_name_index,
    closest_ids,
    lookup_place,
    name_forms,
    normalise_name,
    pinyin_key,
    pinyin_matches,
)
from geo.tables import read_table

GOOD = Path(__file__).parent / "data" / "places" / "good.csv"


@pytest.fixture(scope="module")
def index() -> dict[str, tuple[str, ...]]:
    return build_name_index(read_table(GOOD).rows)


@pytest.mark.parametrize(("text", "key"), [
    ("上京臨潢府", "上京临潢府"), (" 上京 臨潢府\u3000", "上京临潢府"), ("甯江州", "宁江州"), ("寧江州", "宁江州"),
    ("鴛鴦濼", "鸳鸯泺"), ("鹹州", "咸州"), ("穀州", "谷州"), ("爾", "尔"), ("ＡＢＣ", "abc"),
    ("Liao_Shangjing", "liao_shangjing"), ("", ""), ("  ", ""),
])
def test_normalise_name(text: str, key: str) -> None:
    assert normalise_name(text) == key


@pytest.mark.parametrize(("old", "new"), sorted(VARIANT_CHARACTERS.items()))
def test_every_variant_character_folds_to_the_same_key(old: str, new: str) -> None:
    assert normalise_name(old) == normalise_name(new) == new


@pytest.mark.parametrize(("text", "key"), [
    ("Shàngjīng", "shangjing"), ("Huánglóng fǔ", "huanglongfu"), ("SHANGJING", "shangjing"),
    ("Nǚzhēn", "nuzhen"), ("nv3zhen1", "nuzhen"), ("Xī'ān", "xian"), ("Lǜ-lóng", "lulong"),
])
def test_pinyin_key(text: str, key: str) -> None:
    assert pinyin_key(text) == key


@pytest.mark.parametrize(("name", "romanised", "ok"), [
    ("上京", "Shàngjīng", True), ("上京", "shang jing", True), ("可汗", "Kèhán", True), ("女真", "Nǚzhēn", True),
    ("女真", "Nüzhen", True), ("鴛鴦濼", "Yuānyāng pō", True), ("上京", "Shangdu", False),
    ("上京", "Shangjingfu", False), ("黃龍府", "Huánglóng fǔ", True),
])
def test_pinyin_matches(name: str, romanised: str, ok: bool) -> None:
    assert pinyin_matches(name, romanised) is ok


@pytest.mark.parametrize("query", [
    "上京",  # traditional name (here the same in both scripts)
    "上京臨潢府",  # traditional variant
    "上京临潢府",  # simplified form of a variant
    "臨潢府", "临潢府",
    "Shàngjīng", "shangjing", "Shang jing", "shang4jing1",  # pinyin with and without tones
    "liao_shangjing", "LIAO_SHANGJING",  # id
])
def test_lookup_by_every_form(query: str, index: dict[str, tuple[str, ...]]) -> None:
    assert lookup_place(query, index) == ("liao_shangjing",)


@pytest.mark.parametrize(("query", "expected"), [
    ("寧江州", "ningjiang_zhou"), ("宁江州", "ningjiang_zhou"), ("甯江州", "ningjiang_zhou"),
    ("黃龍府", "huanglong_fu"), ("黄龙府", "huanglong_fu"), ("huanglongfu", "huanglong_fu"),
    ("鴛鴦泺", "yuanyang_luo"), ("燕京", "liao_nanjing"), ("Dōngjīng", "liao_dongjing"),
])
def test_lookup_by_simplified_and_variant(query: str, expected: str, index: dict[str, tuple[str, ...]]) -> None:
    assert lookup_place(query, index) == (expected,)


def test_lookup_misses(index: dict[str, tuple[str, ...]]) -> None:
    assert lookup_place("西京", index) == ()
    assert lookup_place("", index) == ()
    assert lookup_place("   ", index) == ()


def test_index_keeps_every_id_of_a_shared_name() -> None:
    rows = [{"id": "liao_dongjing", "name": "東京", "pinyin": "Dōngjīng"},
            {"id": "song_bianjing", "name": "汴京", "variants": "東京;開封府", "pinyin": "Biànjīng"},
            {"id": "", "name": "東京"}]
    index = build_name_index(rows)
    assert lookup_place("东京", index) == ("liao_dongjing", "song_bianjing")
    assert lookup_place("dongjing", index) == ("liao_dongjing",)


def test_closest_ids_suggests_near_misses() -> None:
    table = read_table(GOOD)
    forms = {row["id"]: name_forms(row) for row in table.rows}
    assert closest_ids("shangjin", forms)[0] == "liao_shangjing"
    assert closest_ids("liao_zhongjin", forms, n=1) == ["liao_zhongjing"]
    assert closest_ids("上京府", forms)[0] == "liao_shangjing"
    assert closest_ids("qqqqqqqq", forms) == []


def test_character_readings_are_pypinyins_own() -> None:
    """The table read from pypinyin's data file gives what its API gives, for every character it knows."""
    from pypinyin import Style, lazy_pinyin, pinyin

    from geo.names import _COMMON, _pinyin_table, char_readings, has_han, pinyin_key

    chars = [chr(code) for code in sorted(_pinyin_table()) if has_han(chr(code))]
    assert len(chars) > 40_000 and "遼" in chars
    for char in chars:
        api = {pinyin_key(r) for group in pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
               for r in group} - {""}
        assert char_readings(char) == tuple(sorted(api)), char
        assert char.translate(_COMMON) == pinyin_key("".join(lazy_pinyin(char, style=Style.NORMAL))), char


def test_pinyin_keys_of_a_column_are_each_texts_key() -> None:
    from geo.names import pinyin_key, pinyin_keys

    texts = ["Shàngjīng", "Lǚshùn", "Lv3shun4", " Huánglóng  fǔ ", "", "ÀÉ-Ī'Ō", "中京", "a\x00b", "Ｚｈōｎｇ"]
    assert pinyin_keys(texts) == [pinyin_key(t) for t in texts]
    assert pinyin_keys(texts[:-2]) == [pinyin_key(t) for t in texts[:-2]]
    assert pinyin_keys([]) == []
