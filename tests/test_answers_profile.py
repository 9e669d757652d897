"""The Profile advise works from is the one pydantic would build from the same answers.

to_profile skips pydantic's validation (it would build the Profile schema first, ~15 ms of
every advise) because check_answers has already checked every value. These tests hold the
two equal, field by field and type by type, over generated answers files.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certcli.answers import EDUCATIONS, GOALS, PREFERENCES, SETTINGS, check_answers, to_profile
from certcli.catalog import Catalog
from certcli.model import Profile

CODES = ["CPC", "cpc", "CCS-P", "CRC", "CPC-A", "CCA", "RHIT", "CBCS"]
ORGS = ["AAPC", "ahima", "NHA", "AMBA"]


def numbers(low: float, high: float) -> st.SearchStrategy[Any]:
    whole = st.integers(int(low), int(high))
    return st.one_of(whole, st.floats(low, high, allow_nan=False), whole.map(str), whole.map(lambda n: f"{n}.5"))


answers = st.fixed_dictionaries(
    {"goal": st.sampled_from([*GOALS, "both", "not sure"])},
    optional={
        "setting": st.sampled_from([*SETTINGS, "inpatient", "office"]),
        "education": st.sampled_from([*EDUCATIONS, None]),
        "specialty": st.sampled_from(["cardiology", "  Risk  Adjustment ", ""]),
        "experience_years": numbers(0, 59),
        "training_hours": numbers(0, 9999),
        "held": st.one_of(st.lists(st.sampled_from(CODES), max_size=3), st.sampled_from(["CPC, CRC", "CCS"])),
        "member_of": st.lists(st.sampled_from(ORGS), max_size=2),
        "student": st.sampled_from([True, False, "yes", "no", "on"]),
        "first_time_member": st.booleans(),
        "age_65_plus": st.sampled_from([False, "true"]),
        "budget_usd": st.one_of(numbers(0, 5000), st.just("$1,200")),
        "years": st.integers(1, 50),
        "preferences": st.lists(st.sampled_from(PREFERENCES), max_size=3),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers)
def test_to_profile_builds_what_pydantic_would(catalog: Catalog, raw: dict[str, Any]) -> None:
    checked = check_answers(raw, catalog, str)
    built = to_profile(checked)
    expected = Profile.model_validate(checked)
    assert built == expected
    for name in Profile.model_fields:
        assert type(getattr(built, name)) is type(getattr(expected, name)), name


def test_missing_answers_take_the_models_defaults(catalog: Catalog) -> None:
    built = to_profile(check_answers({"goal": "coding"}, catalog, str))
    assert built == Profile(goal="coding")
    assert (built.setting, built.years, built.held, built.education) == ("any", 4, (), None)
