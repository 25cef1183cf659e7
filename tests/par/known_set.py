"""A scored PAR set with known totals, shared by the dashboard and report tests.

The criteria of ``tests.par.conftest.CRITERIA`` (I: 6 points, II: 4), scored
I.1.a 2 + I.1.b 1,5 + I.2 1 = 4,5 / 6 (75,0%) and II.1 2 / 4 (50,0%): 6,5 / 10 (65,0%);
appraised 2 + 1 + 1 + 2 = 6, difference −0,5.
"""

from __future__ import annotations

from decimal import Decimal

from par.documents import read_sheet
from par.models import AgencyLevel, CriteriaSet
from par.parsing import parse_criteria
from par.services import import_criteria
from tests.par.conftest import criteria_xlsx

SCORES = {"I.1.a": ("2", "2"), "I.1.b": ("1.5", "1"), "I.2": ("1", "1"), "II.1": ("2", "2")}


def scored_set(*, agency, user, year: int = 2026, appraised: bool = True) -> CriteriaSet:
    criteria_set = import_criteria(
        agency=agency,
        year=year,
        level=AgencyLevel.DEPARTMENT,
        table=parse_criteria(read_sheet(criteria_xlsx())),
        user=user,
    )
    for code, (score, appraisal) in SCORES.items():
        criteria_set.criteria.filter(code=code).update(
            self_score=Decimal(score), appraised_score=Decimal(appraisal) if appraised else None
        )
    return criteria_set
