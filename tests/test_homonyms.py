"""The readings of homonyms (geo/homonyms.py): read from the table's rows, and what a context leaves open."""

from __future__ import annotations

from geo.homonyms import Reading, read_homonyms
from geo.testing import make_homonym


def test_rows_become_readings_by_folded_name_and_regime_slug() -> None:
    readings = read_homonyms([make_homonym(name="南京", place="pingzhou", regime="金", from_year="1123",
                                           to_year="1126"),
                              make_homonym(name="", place="x"), make_homonym(name="Nanjing", place="y")])
    assert list(readings) == ["南京"]
    assert readings["南京"] == (Reading("pingzhou", "jin", 1123, 1126, None),)


def test_a_reading_fits_only_its_context_and_stays_open_where_the_context_is_silent() -> None:
    jin = Reading("pingzhou", "jin", 1123, 1126)
    assert jin.fits(regime="jin", year=1124, siglum=None)
    assert not jin.fits(regime="jin", year=None, siglum=None)  # a year-bound reading needs the year
    assert jin.possible(regime="jin", year=None) and jin.possible(regime=None, year=1124)
    assert not jin.possible(regime="ming", year=None) and not jin.possible(regime="jin", year=1127)
    assert Reading("kaifeng", siglum="DJGZ").fits(regime="jin", year=1122, siglum="DJGZ")
    assert not Reading("kaifeng", siglum="DJGZ").fits(regime="jin", year=1122, siglum="JS")
    assert jin.describe() == "jin, 1123–1126" and Reading("x").describe() == "everywhere"
