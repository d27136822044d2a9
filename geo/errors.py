"""Errors and problem reports shared by every stage.

Data problems are collected as :class:`Issue` values and raised once as a
:class:`ValidationError`; the CLI prints them as ``path:line:column: message``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in an input file.

    ``line`` and ``column`` are 1-based; ``column`` is the CSV field number
    (0 when the problem concerns the whole row or file).
    """

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        """Format as ``path:line:column: message — hint``."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class GeoDataError(ValueError):
    """Base class for problems in the user's data."""


class ValidationError(GeoDataError):
    """One or more problems found in input files; ``.issues`` lists them all."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues)
        errors = [i for i in self.issues if i.severity == "error"]
        msg = f"{len(errors)} problem(s) found:\n" + "\n".join(str(i) for i in self.issues)
        super().__init__(msg)


class CalendarError(GeoDataError):
    """A date that cannot be read or does not exist in the regime's calendar."""


class JoinError(GeoDataError):
    """Events that cannot be joined to places."""


class OutputError(GeoDataError):
    """A path the user named cannot be written, or holds files that a command must not replace."""


class AssetError(RuntimeError):
    """A JavaScript or CSS asset could not be found locally or fetched."""


class FontError(RuntimeError):
    """No CJK font is available for figures."""
