"""The place tagger: enumerations, context rules, variants, recall against the curated events, and the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo import schema as S
from geo.__main__ import main
from geo.annals import read_annals, read_chronicle
from geo.seeds import normalise_quote
from geo.tagger import Gazetteer, fold, propose_names, rank_candidates, tag_entries, tag_text

REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "annals"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_csv(DATA / "gazetteer.csv")


def _names(text: str, gaz: Gazetteer, **kw: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.name, m.ids) for m in tag_text(text, gaz, **kw)]


def test_enumeration_with_count(gaz: Gazetteer) -> None:
    found = _names("遂遣楊朴以誓書及燕京、涿、易、檀、順、景、薊六州歸之", gaz)
    assert found[0] == ("燕京", ("liao_nanjing",))
    assert [n for n, _ in found[1:]] == ["涿州", "易州", "檀州", "順州", "景州", "薊州"]
    assert [i[0] for _, i in found[1:]] == ["zhuo_zhou", "yi_zhou", "tan_zhou", "shun_zhou", "jing_zhou", "ji_zhou"]


def test_enumeration_with_deng(gaz: Gazetteer) -> None:
    found = _names("領麾下掠慶、饒、懷、祖等州，嘯聚渤海盜衆數萬", gaz)
    assert found == [("慶州", ("qing_zhou",)), ("饒州", ("rao_zhou",)), ("懷州", ("huai_zhou",)),
                     ("祖州", ("zu_zhou",))]


def test_enumeration_of_towns(gaz: Gazetteer) -> None:
    found = _names("六年正月癸酉，都統杲克高、恩、回紇三城。", gaz)
    assert [i for _, i in found] == [("gao_zhou",), ("en_zhou",), ("huihe_cheng",)]
    assert [n for n, _ in found] == ["高城", "恩城", "回紇城"]


def test_enumeration_offsets_point_at_the_items(gaz: Gazetteer) -> None:
    text = "克高、恩、回紇三城。"
    assert [text[m.start:m.end] for m in tag_text(text, gaz)] == ["高", "恩", "回紇"]
    assert not propose_names(text, gaz)  # 三城 is no unknown name


def test_emperor_is_not_a_place(gaz: Gazetteer) -> None:
    assert _names("四月乙未，上自將伐遼。", gaz) == []
    assert _names("至上京，詔官民", gaz) == [("上京", ("liao_shangjing",))]


def test_longest_match_first(gaz: Gazetteer) -> None:
    assert _names("攻中京大定府", gaz) == [("中京大定府", ("liao_zhongjing",))]
    assert _names("上京臨潢府", gaz) == [("上京臨潢府", ("liao_shangjing",))]


@pytest.mark.parametrize(("text", "place"), [
    ("女真首犯甯江州", "ningjiang_zhou"), ("攻宁江州", "ningjiang_zhou"), ("詣鹹州", "xian_zhou"),
    ("敗夏人於野穀", "yegu"), ("败夏人于野谷", "yegu"), ("至 中 京", "liao_zhongjing"),
])
def test_variant_characters_and_scripts(gaz: Gazetteer, text: str, place: str) -> None:
    assert [i for _, i in _names(text, gaz)] == [(place,)]


def test_one_character_names_only_in_context(gaz: Gazetteer) -> None:
    assert _names("是月，遼秦晉國王耶律捏里即位於燕。", gaz) == [("燕", ("liao_nanjing",))]
    assert _names("入燕，晡時到燕。", gaz) == [("燕", ("liao_nanjing",)), ("燕", ("liao_nanjing",))]
    assert _names("燕王淳守燕二十年", gaz) == [("燕", ("liao_nanjing",))]
    assert _names("先鋒接戰，雲塵亙天", gaz) == []
    assert _names("比以幽、薊一方招之不服", gaz) == [("幽", ("liao_nanjing",)), ("薊", ("ji_zhou",))]
    assert _names("燕人有簞食之迎", gaz) == []


def test_southern_capital_in_song_context(gaz: Gazetteer) -> None:
    assert _names("遣使至南京", gaz) == [("南京", ("liao_nanjing",))]
    assert _names("遣使至南京", gaz, regime="song") == []
    assert _names("帝幸宋南京", gaz) == []


def test_unknown_candidates_ranked(gaz: Gazetteer) -> None:
    text = "次沃黑河。辽主保阴山。復次沃黑河，至鸳鸯泺。處之泰州。"
    ranked = rank_candidates(propose_names(text, gaz))
    assert [(name, count) for name, count, _ in ranked] == [("沃黑河", 2), ("阴山", 1), ("鸳鸯泺", 1), ("泰州", 1)]


def test_fold_keeps_length() -> None:
    assert fold("甯江州") == fold("寧江州") == "宁江州"
    assert len(fold("鴛鴦濼 ")) == 4


def _events() -> list[dict[str, str]]:
    path = REPO / S.EVENTS_FILE
    if not path.is_file():
        pytest.skip("campaigns/events.csv is not there yet")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _recall() -> tuple[int, int, int, int]:
    """(hits, events, hits among events whose place is named in the entry, those events)."""
    gaz = Gazetteer.from_csv(REPO / S.GAZETTEER_FILE)
    entries = {}
    for siglum in ("JS", "DJGZ", "QDGZ"):
        text = read_chronicle(REPO / S.SEEDS_DIR / f"{siglum}.txt")
        entries[siglum] = tag_entries(read_annals(text), text, gaz).entries
    forms: dict[str, set[str]] = {}
    for key, ids in gaz.index.items():
        for place in ids:
            forms.setdefault(place, set()).add(key)
    hits = total = named_hits = named = 0
    for event in _events():
        siglum, _, line = event[S.EVENT_SOURCE].partition(":")
        on_line = [e for e in entries.get(siglum, ()) if str(e.line) == line]
        quote = normalise_quote(event[S.QUOTE])
        chosen = [e for e in on_line if quote in normalise_quote(e.text)] or on_line
        if not chosen:
            continue
        found = any(event[S.PLACE] in e.places for e in chosen)
        is_named = any(f in fold("".join(e.text.split())) for e in chosen for f in forms.get(event[S.PLACE], ()))
        hits, total = hits + found, total + 1
        named_hits, named = named_hits + (found and is_named), named + is_named
    return hits, total, named_hits, named


def test_recall_against_curated_events() -> None:
    hits, total, named_hits, named = _recall()
    # Measured 2026-11-23: 193/252 (77%) of all events citing a dated entry; 159/160 (99%) of those whose
    # place is named in the entry (the others place the Jin court or the Song capital by inference).
    assert total > 100 and hits / total >= 0.70
    assert named > 100 and named_hits / named >= 0.95


def test_cli_tag_json(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = REPO / S.SEEDS_DIR
    assert main(["tag", str(seeds / "JS.txt"), "--json", "--gazetteer", str(DATA / "gazetteer.csv")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"places", "candidates", "regime"}
    by_id = {p["id"]: p for p in result["places"]}
    assert by_id["liao_zhongjing"]["count"] >= 5 and "咸州" in by_id["xian_zhou"]["forms"]
    assert any(c["name"] == "黄龙府" for c in result["candidates"])


def test_cli_tag_html_escapes_and_writes_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chronicle = tmp_path / "evil.txt"
    chronicle.write_text('天輔六年正月，<script>alert("x")</script>取中京 & 燕京。\n', encoding="utf-8")
    out = tmp_path / "site" / "evil.html"
    assert main(["tag", str(chronicle), "--html", str(out), "--gazetteer", str(DATA / "gazetteer.csv")]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&amp;" in html
    assert '<a class="place" href="gazetteer.html#liao_zhongjing"' in html
    assert 'title="天輔六年正月"' in html
    assert sorted(p.name for p in out.parent.iterdir()) == ["evil.html"]  # no temporary file left
    capsys.readouterr()


def test_cli_tag_without_gazetteer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tag", str(DATA / "wrong_day.txt"), "--gazetteer", str(tmp_path / "none.csv")]) == 1
    assert "no gazetteer" in capsys.readouterr().err


PROJECT = Path(__file__).parent / "data" / "project"


def _propose(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict[str, str]]]:
    argv = ["propose", str(PROJECT / "seeds" / "T.txt"), "--campaign", "pursuit",
            "--gazetteer", str(PROJECT / "places" / "gazetteer.csv"), *extra]
    code = main(argv)
    out = capsys.readouterr().out
    return code, list(csv.DictReader(out.splitlines()))


def test_cli_propose_rows(capsys: pytest.CaptureFixture[str]) -> None:
    from geo.seeds import quote_in_line

    code, rows = _propose(capsys)
    assert code == 0
    assert tuple(rows[0]) == S.EVENT_COLUMNS
    lines = (PROJECT / "seeds" / "T.txt").read_text(encoding="utf-8").splitlines()
    got = {(r[S.DATE], r[S.PLACE], r[S.EVENT_SOURCE]) for r in rows}
    assert ("天輔六年正月", "liao_zhongjing", "T:1") in got
    assert ("天輔六年三月己巳", "jia_shan", "T:2") in got
    assert ("天輔六年三月", "yuanyang_luo", "T:2") in got
    for row in rows:
        assert row[S.CAMPAIGN] == "pursuit" and row[S.REGIME] == "jin"
        assert quote_in_line(row[S.QUOTE], lines[int(row[S.EVENT_SOURCE].split(":")[1]) - 1])
    assert next(r for r in rows if r[S.PLACE] == "jia_shan")[S.ACTION] == "flight"


def test_cli_propose_output_file_and_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "proposed.csv"
    code, _ = _propose(capsys, "-o", str(out), "--siglum", "X")
    assert code == 0 and out.read_text(encoding="utf-8").startswith(",".join(S.EVENT_COLUMNS))
    assert "X:1" in out.read_text(encoding="utf-8")
    curated = tmp_path / "campaigns" / "events.csv"
    code, _ = _propose(capsys, "-o", str(curated))
    assert code == 2 and not curated.exists()
