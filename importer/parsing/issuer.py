"""Which agency issued a plan, as its header says, and whether that is the agency importing it.

A plan's header names the issuer under its parent ("UBND TỈNH LẠNG SƠN" / "SỞ TƯ PHÁP") and
the place-and-date line repeats the province ("Lạng Sơn, ngày ..."). Agencies of one
province share a deployment, and a coordinator who picks the wrong one in the upload form
would import a Lạng Sơn plan into Thái Nguyên without a word; the preview warns instead.
Pure: the caller passes the agency's own header words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importer.parsing.document import PlanMetadata, match_key

_PARENT_RE = re.compile(
    r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|hđnd|hội đồng nhân dân)\s+"
    r"(?:tỉnh|thành phố|tp\.?)\s+(?P<place>.+)$"
)
_BODY_PLACE_RE = re.compile(r"\b(?:tỉnh|thành phố)\s+(?P<place>[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){0,2})")


@dataclass(frozen=True)
class Issuer:
    """The issuing agency's header line ("SỞ TƯ PHÁP") and its province ("Lạng Sơn")."""

    name: str = ""
    place: str = ""


def read_issuer(metadata: PlanMetadata) -> Issuer:
    """The issuer named in the header block, else the places of the place-date line/basis."""
    lines = [line for line in metadata.agency_line.split("\n") if line.strip()]
    place = ""
    name = ""
    for line in lines:
        match = _PARENT_RE.match(match_key(line))
        if match:
            # match_key keeps positions, so the place is quoted as written.
            place = line.strip()[match.start("place") :].strip()
        else:
            name = line.strip()
    if not place:
        place = metadata.place.strip()
    if not place:
        found = _BODY_PLACE_RE.search(metadata.basis)
        place = found.group("place") if found else ""
    return Issuer(name=name, place=place)


def mismatches(issuer: Issuer, *, header_name: str, place_name: str) -> list[str]:
    """What differs between the document's issuer and the agency ("place", "name")."""
    found = []
    if issuer.place and place_name and match_key(issuer.place) != match_key(place_name):
        found.append("place")
    if issuer.name and header_name and match_key(issuer.name) != match_key(header_name):
        found.append("name")
    return found


def names_agency(issuer: Issuer, *, header_name: str, place_name: str) -> bool:
    """Whether the document's issuer is this agency (a header that names nobody is no one)."""
    if not (issuer.name or issuer.place):
        return False
    return not mismatches(issuer, header_name=header_name, place_name=place_name)
