"""The agency's units as the importer sees them: every written name -> unit ids.

Built once per import from ``Unit`` and ``UnitAlias`` rows and handed to the pure
``UnitMatcher``. Groups ("Các phòng, đơn vị thuộc Sở") are matched as themselves: a task
assigned to a group keeps the group, and ``organizations.access`` reaches its members, so a
later change of membership applies to plans already imported. The preview lists the members
so the coordinator sees who a group stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importer.parsing.units import UnitCandidate, UnitMatcher, split_unit_names
from organizations.models import Agency, Unit, UnitKind

# "Các phòng, đơn vị thuộc Sở và cá nhân có liên quan": " và " before a word that does not
# start a unit name is not split by the parser; it is tried here when both halves are known.
_AND_RE = re.compile(r"\s+(?:và|hoặc)\s+|\s*;\s*")


@dataclass(frozen=True)
class UnitRef:
    """One name as written in a lead/coordinating cell and the units it was matched to."""

    written: str
    unit_ids: tuple[int, ...] = ()

    @property
    def matched(self) -> bool:
        return bool(self.unit_ids)


@dataclass(frozen=True)
class UnitDirectory:
    """Names, kinds and group members of one agency's units, with a matcher over them."""

    matcher: UnitMatcher
    names: dict[int, str]
    kinds: dict[int, str]
    members: dict[int, tuple[str, ...]]

    _cache: dict[str, tuple[UnitRef, ...]] = field(default_factory=dict, compare=False)

    def resolve(self, text: str) -> list[UnitRef]:
        """Each name written in `text`, in order, with the unit(s) it refers to."""
        # Plans repeat the same few cells hundreds of times; match each text once.
        refs = self._cache.get(text)
        if refs is None:
            refs = tuple(
                UnitRef(written, self._match(written)) for written in split_unit_names(text)
            )
            self._cache[text] = refs
        return list(refs)

    def _match(self, written: str) -> tuple[int, ...]:
        unit_id = self.matcher.match(written)
        if unit_id is not None:
            return (unit_id,)
        for separator in _AND_RE.finditer(written):
            left = self.matcher.match(written[: separator.start()])
            right = self.matcher.match(written[separator.end() :])
            if left is not None and right is not None:
                return (left,) if left == right else (left, right)
        return ()

    def label(self, unit_id: int) -> str:
        return self.names.get(unit_id, "")

    def is_group(self, unit_id: int) -> bool:
        return self.kinds.get(unit_id) == UnitKind.GROUP


def load_directory(agency: Agency) -> UnitDirectory:
    """Read the agency's active units with their aliases and group members (3 queries)."""
    units = list(
        Unit.objects.filter(agency=agency, is_active=True).prefetch_related("aliases", "members")
    )
    candidates = []
    for unit in units:
        names = [unit.name, *(alias.name for alias in unit.aliases.all())]
        if unit.short_name:
            names.append(unit.short_name)
        candidates.append(UnitCandidate(unit.pk, tuple(names)))
    agency_names = [name for name in (agency.name, agency.header_name) if name]
    return UnitDirectory(
        matcher=UnitMatcher(candidates, agency_names=agency_names),
        names={unit.pk: unit.name for unit in units},
        kinds={unit.pk: unit.kind for unit in units},
        members={
            unit.pk: tuple(member.name for member in unit.members.all())
            for unit in units
            if unit.kind == UnitKind.GROUP
        },
    )
