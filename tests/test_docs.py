"""The documentation names every column, vocabulary value and subcommand (datasette-style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import schema as S
from geo.__main__ import COMMANDS

REPO = Path(__file__).parent.parent
PLACES_DOC = (REPO / "places" / "README.md").read_text(encoding="utf-8")
CAMPAIGNS_DOC = (REPO / "campaigns" / "README.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("column", S.PLACE_COLUMNS)
def test_gazetteer_column_is_documented(column: str) -> None:
    assert f"`{column}`" in PLACES_DOC


@pytest.mark.parametrize("value", S.PLACE_TYPES + S.LOCATION_BASES)
def test_gazetteer_vocabulary_is_documented(value: str) -> None:
    assert f"`{value}`" in PLACES_DOC


@pytest.mark.parametrize("column", sorted(set(S.EVENT_COLUMNS + S.ACTOR_COLUMNS + S.CAMPAIGN_COLUMNS)))
def test_campaign_column_is_documented(column: str) -> None:
    assert f"`{column}`" in CAMPAIGNS_DOC


@pytest.mark.parametrize("value", S.ACTIONS + S.CERTAINTIES + S.REGIMES + S.SIDES)
def test_campaign_vocabulary_is_documented(value: str) -> None:
    assert f"`{value}`" in CAMPAIGNS_DOC


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_subcommand_is_in_the_readme(command: str) -> None:
    assert f"geo {command}" in README


def test_readme_leads_with_the_two_commands() -> None:
    block = README.split("```")[1]
    assert "python3 bootstrap.py site" in block
    assert "python3 bootstrap.py test" in block
