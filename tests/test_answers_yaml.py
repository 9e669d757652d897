"""A simple answers file is read without PyYAML, and read exactly as PyYAML reads it.

certcli.answers.simple_yaml reads the usual answers file ("goal: coding" lines, [CPC, CRC] or
"- CPC" lists, comments) itself, because importing PyYAML costs a tenth of an advise run; it
hands anything else to PyYAML. These tests generate answers files from the pieces people and
YAML's corner cases are made of and require, for every file the simple reader accepts, the same
mapping with the same types as yaml.safe_load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from certcli.answers import read_answers, simple_yaml
from certcli.errors import UsageError

KEYS = ["goal", "setting", "held", "member_of", "experience_years", "budget_usd", "yes", "on", "null", "Goal", "x_1"]
# values a too-eager simple reader would get wrong: YAML 1.1 reads these as booleans, nulls, octal,
# sexagesimal or underscored numbers, floats, dates, or not as plain words at all
NEAR_MISSES = [
    "yes", "No", "TRUE", "off", "On", "null", "Null", "~", "y", "n", "yEs", "007", "010", "1_000", "1e3", ".5",
    "-1", "+2", "0x1F", "0o17", "1:30", "2024-01-01", ".inf", "[yes, CPC]", "[007]", "[null]", "[CPC, ~]",
]
VALUES = NEAR_MISSES * 2 + [
    "'quoted'", '"quoted"', "coding # comment", "a: b", "café", "two  spaces", "&anchor", "*alias", "!!str 3",
    "[CPC, ]", "[,]", "[[CPC]]", "{a: 1}", "|", ">", "%x", "@x", "`x",
]

SIMPLE_KEYS = ["goal", "setting", "held", "member_of", "experience_years", "budget_usd", "x_1"]
SIMPLE_VALUES = ["", "coding", "coding and billing", "CCS-P", "N/A", "e.g.", "3", "0", "2.5", "10.0", "[CPC, CRC]",
                 "[CPC,CRC]", "[]", "[ ]", "[CPC CRC]", "[3, 2.5]"]


@st.composite
def block(draw: Any, tricky: bool) -> str:
    """A key and its value (and its "- item" lines), well-formed or with one of YAML's corner cases."""
    key = draw(st.sampled_from(KEYS if tricky else SIMPLE_KEYS))
    sep = draw(st.sampled_from([": ", ":", ":  ", " : ", ":\t"] if tricky else [": ", ":  "]))
    value = draw(st.sampled_from(VALUES if tricky else SIMPLE_VALUES))
    tail = draw(st.sampled_from(["", " ", "  # note", "\t"] if tricky else ["", " "]))
    lines = [f"{key}{sep}{value}{tail}"]
    if value == "" and draw(st.booleans()):  # a block list under the key
        indent = draw(st.sampled_from([0, 2, 4]))
        for item in draw(st.lists(st.sampled_from(VALUES if tricky else SIMPLE_VALUES[1:10]), min_size=1, max_size=3)):
            lines.append(" " * (indent + (draw(st.sampled_from([0, 1])) if tricky else 0)) + f"- {item}")
    return "\n".join(lines)


other = st.sampled_from(["", "# a comment", "  # indented comment", "---", "...", "  goal: coding", "-CPC", "- CPC",
                         "    continued", "\ufeffgoal: coding", "\x0c"])


@st.composite
def files(draw: Any) -> str:
    """Mostly simple lines, with at most one odd one among them."""
    parts = draw(st.lists(st.one_of(block(tricky=False), st.sampled_from(["", "# a comment"])), max_size=6))
    odd = draw(st.one_of(st.none(), block(tricky=True), block(tricky=True), other))
    if odd is not None:
        parts.insert(draw(st.integers(0, len(parts))), odd)
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    return newline.join("\n".join(parts).split("\n")) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=500, deadline=None)
@given(files())
def test_the_simple_reader_reads_what_pyyaml_reads(text: str) -> None:
    simple = simple_yaml(text)
    if simple is None:
        return  # not simple: PyYAML reads it
    loaded = yaml.safe_load(text)
    assert repr(simple) == repr(loaded if loaded is not None else {})  # repr: 1, 1.0 and True differ


@pytest.mark.parametrize("value", NEAR_MISSES)
@pytest.mark.parametrize("template", ["goal: {}\n", "held:\n  - {}\n", "held: [CPC, {}]\n", "{}: coding\n"])
def test_each_of_yamls_corner_cases_reads_as_pyyaml_reads_it(template: str, value: str) -> None:
    text = template.format(value)
    simple = simple_yaml(text)
    if simple is not None:
        assert repr(simple) == repr(yaml.safe_load(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("goal: coding\nsetting: physician_office\neducation: high_school\n",  # the README's me.yaml
         {"goal": "coding", "setting": "physician_office", "education": "high_school"}),
        ("goal: coding\nsetting: physician_office\n", {"goal": "coding", "setting": "physician_office"}),
        ("# mine\ngoal: coding\nheld: [CPC, CRC]\nexperience_years: 2.5\nbudget_usd:\n",
         {"goal": "coding", "held": ["CPC", "CRC"], "experience_years": 2.5, "budget_usd": None}),
        ("goal: billing\r\nheld:\r\n  - CPC\r\n  - CCS-P\r\nyears: 6\r\n",
         {"goal": "billing", "held": ["CPC", "CCS-P"], "years": 6}),
        ("", {}),
    ],
)
def test_the_usual_answers_files_are_read_without_pyyaml(text: str, expected: dict[str, Any]) -> None:
    assert simple_yaml(text) == expected


@pytest.mark.parametrize("text", ["student: yes\n", "goal: 'coding'\n", "goal: coding # mine\n", "held: [CPC,]\n",
                                  "goal: coding\ngoal: billing\n", "goal:\tcoding\n", "when: 2024-01-01\n"])
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert simple_yaml(text) is None


def test_a_file_pyyaml_reads_differently_still_reads_right(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("goal: coding\nstudent: yes\nexperience_years: 007\n", encoding="utf-8")
    assert read_answers(path) == {"goal": "coding", "student": True, "experience_years": 7}  # YAML 1.1: octal 7


def test_a_broken_yaml_file_still_gets_pyyamls_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("goal: coding\nheld: [CPC\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"me\.yaml: line \d+, column \d+: invalid YAML"):
        read_answers(path)
