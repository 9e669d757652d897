"""Answers for ``certcli advise``: read an answers file (YAML or JSON), check flags, merge them.

Every answer is checked here, before the wizard or the engine sees it, and a bad one raises a
:class:`UsageError` that names the key (``answers.yaml: experience_years: must be 0 or more, got -3``).
The result is a *partial* answers dict: only the keys the person gave, normalized (canonical
credential and organization codes, numbers as numbers). :func:`to_profile` fills in the defaults.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, get_args

from certcli.catalog import Catalog, normalize
from certcli.errors import UsageError
from certcli.model import Education, Goal, Preference, Profile, SettingChoice

GOALS: tuple[str, ...] = get_args(Goal)
SETTINGS: tuple[str, ...] = get_args(SettingChoice)
PREFERENCES: tuple[str, ...] = get_args(Preference)
EDUCATIONS: tuple[str, ...] = tuple(e.value for e in Education)

# The answer keys, in the order the wizard asks them.
KEYS: tuple[str, ...] = (
    "goal",
    "preferences",
    "setting",
    "specialty",
    "education",
    "experience_years",
    "training_hours",
    "held",
    "member_of",
    "student",
    "first_time_member",
    "age_65_plus",
    "budget_usd",
    "years",
)

# The command-line twin of each key.
FLAGS: dict[str, str] = {key: "--" + key.replace("_", "-") for key in KEYS} | {"preferences": "--prefer"}

_EDUCATION_ALIASES = {
    "hs": "high_school",
    "ged": "high_school",
    "diploma": "high_school",
    "high_school_diploma": "high_school",
    "associates": "associate",
    "bachelors": "bachelor",
    "masters": "master",
    "doctorate": "master",
    "phd": "master",
}

_FLOATS = ("experience_years", "training_hours", "budget_usd")
_TUPLES = ("held", "member_of", "preferences")

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}

Where = Callable[[str], str]


# --------------------------------------------------------------------------- reading


def read_answers(path: str | Path) -> dict[str, Any]:
    """The raw mapping in an answers file (``.json`` is read as JSON, anything else as YAML)."""
    shown = str(path)
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"--answers: {shown}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--answers: {shown}: cannot read: {exc}") from None
    if file.suffix.lower() == ".json":
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{shown}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None
    elif (simple := simple_yaml(text)) is not None:
        raw = simple
    else:
        import yaml  # here, not at the top: importing PyYAML costs ~12 ms, a tenth of a run

        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise UsageError(f"{shown}: {where}invalid YAML: {problem}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise UsageError(f"{shown}: expected a mapping of answers, like 'goal: coding' (see 'certcli advise --help').")
    return raw


# A simple answers file, read without PyYAML: "key: value" lines, a value being a word or words,
# a whole or decimal number, nothing, a [flow, list] of those, or "- item" lines under the key;
# blank lines and whole-line comments. Anything else (quotes, '#' after a value, nesting, a key
# twice, YAML's yes/no/on/off/null words, dates) goes to PyYAML, which decides as it always does.
_KEY = re.compile(r"([a-z][a-z0-9_]*):(?: +(.*?))? *")
_ITEM = re.compile(r"( *)- +(.*?) *")
_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9_/.-]*(?: [A-Za-z0-9_/.-]+)*")
_NUMBER = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]+)?")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def simple_yaml(text: str) -> dict[str, Any] | None:
    """The mapping in a simple answers file, as ``yaml.safe_load`` reads it; None when the file
    is not that simple (see above). tests/test_answers_yaml.py holds the two equal."""
    text = text.replace("\r\n", "\n")
    if not text.replace("\n", "").isprintable():  # tabs, other line breaks, a byte-order mark…
        return None
    out: dict[str, Any] = {}
    listing: str | None = None  # the key whose "- item" lines are being read, or may start
    indent: int | None = None  # their indentation, once the first is read
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _ITEM.fullmatch(line)
        if item:
            value = _scalar(item.group(2))
            if listing is None or value is _NOT_SIMPLE or value is None:
                return None
            if indent is None:
                indent, out[listing] = len(item.group(1)), []
            elif len(item.group(1)) != indent:
                return None
            out[listing].append(value)
            continue
        found = _KEY.fullmatch(line)
        if not found or found.group(1) in out or found.group(1) in _YAML_WORDS:
            return None
        key, rest = found.group(1), found.group(2) or ""
        value = _flow_list(rest[1:-1]) if rest.startswith("[") and rest.endswith("]") else _scalar(rest)
        if value is _NOT_SIMPLE:
            return None
        out[key] = value
        listing, indent = (key if value is None else None), None
    return out


_NOT_SIMPLE = object()


def _scalar(text: str) -> Any:
    if not text:
        return None
    number = _NUMBER.fullmatch(text)
    if number:
        return float(text) if number.group(2) else int(text)
    if _WORDS.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return _NOT_SIMPLE


def _flow_list(inner: str) -> Any:
    if not inner.strip():
        return []
    items = [_scalar(part.strip()) for part in inner.split(",")]
    return _NOT_SIMPLE if any(i is _NOT_SIMPLE or i is None for i in items) else items


def load_answers(path: str | Path, catalog: Catalog) -> dict[str, Any]:
    """The checked answers in a file; errors say ``FILE: key: …``."""
    raw = read_answers(path)
    return check_answers(raw, catalog, lambda key: f"{path}: {key}")


def flag_answers(values: Mapping[str, Any], catalog: Catalog) -> dict[str, Any]:
    """The checked answers given as flags (``None`` = flag not given); errors name the flag."""
    given = {k: v for k, v in values.items() if v is not None and v != [] and v != ()}
    return check_answers(given, catalog, lambda key: FLAGS.get(key, key))


def merge(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Later layers win (flags over the file)."""
    out: dict[str, Any] = {}
    for layer in layers:
        out.update(layer)
    return out


def to_profile(answers: Mapping[str, Any]) -> Profile:
    """A Profile from checked answers, with defaults for what is missing (``goal`` is required)."""
    if "goal" not in answers:
        raise UsageError("goal: missing; pass --goal or 'goal:' in the answers file (e.g. goal: coding).")
    # check_answers has checked and normalized every value, the model's limits included, so the
    # Profile is built without pydantic checking it again: that check would first build the
    # Profile's schema, ~15 ms of every advise. Only the types pydantic would coerce are set here;
    # tests/test_answers_profile.py holds this equal to Profile.model_validate.
    values = dict(answers)
    for key in _FLOATS:
        if values.get(key) is not None:
            values[key] = float(values[key])
    if values.get("education") is not None:
        values["education"] = Education(values["education"])
    for key in _TUPLES:
        if key in values:
            values[key] = tuple(values[key])
    return Profile.model_construct(**values)


# --------------------------------------------------------------------------- checking


def check_answers(raw: Mapping[str, Any], catalog: Catalog, where: Where) -> dict[str, Any]:
    """Validated, normalized answers; a :class:`UsageError` naming the key for the first bad one."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key)
        if name not in KEYS:
            raise UsageError(_unknown_key(name, where))
        if value is None:
            continue  # "budget_usd:" with nothing after it = not given
        checked = _CHECKS[name](value, catalog, where(name))
        if checked is not None:
            out[name] = checked
    return out


def check_value(key: str, value: Any, catalog: Catalog, label: str | None = None) -> Any:
    """One answer, checked and normalized; the error starts with ``label`` (default: the key)."""
    return _CHECKS[key](value, catalog, key if label is None else label)


def _unknown_key(name: str, where: Where) -> str:
    close = difflib.get_close_matches(name.lower().replace("-", "_"), KEYS, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else f" Known keys: {', '.join(KEYS)}."
    return f"{where(name)}: unknown key.{hint}"


def _bad(label: str, message: str) -> UsageError:
    return UsageError(f"{label}: {message}")


def _word(value: Any) -> str:
    return str(value).strip().lower().replace("-", "_").replace(" ", "_")


def _one_of(choices: tuple[str, ...], aliases: Mapping[str, str] | None = None) -> Any:
    def check(value: Any, catalog: Catalog, label: str) -> str:
        if isinstance(value, str):
            word = _word(value)
            word = (aliases or {}).get(word, word)
            if word in choices:
                return word
        close = difflib.get_close_matches(_word(value), choices, n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise _bad(label, f"{value!r} is not one of {', '.join(choices)}.{hint}")

    return check


def _number(low: float, high: float | None, whole: bool = False, unit: str = "") -> Any:
    def check(value: Any, catalog: Catalog, label: str) -> float | int:
        number: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str) and value.strip():
            try:
                number = float(value.strip().replace(",", "").lstrip("$"))
            except ValueError:
                number = None
        if number is None or math.isnan(number) or math.isinf(number):
            raise _bad(label, f"expected a number{unit}, got {value!r}.")
        if whole and number != int(number):
            raise _bad(label, f"expected a whole number{unit}, got {value!r}.")
        if number < low:
            raise _bad(label, f"must be {_fmt(low)} or more, got {_fmt(number)}.")
        if high is not None and number > high:
            raise _bad(label, f"must be at most {_fmt(high)}, got {_fmt(number)}.")
        return int(number) if whole or number == int(number) else number

    return check


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def _boolean(value: Any, catalog: Catalog, label: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _bad(label, f"expected true or false, got {value!r}.")


def _items(value: Any, label: str) -> list[str]:
    """A list, or a comma-separated string, of non-empty words."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple):
        parts = []
        for item in value:
            if not isinstance(item, str | int) or isinstance(item, bool):
                raise _bad(label, f"expected a list of codes, got {item!r} in it.")
            parts.extend(str(item).split(","))
    else:
        raise _bad(label, f"expected a list (e.g. [CPC, CCA]), got {value!r}.")
    return [p.strip() for p in parts if p.strip()]


def _held(value: Any, catalog: Catalog, label: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_held_code(catalog, code, label) for code in _items(value, label)))


def _held_code(catalog: Catalog, code: str, label: str) -> str:
    """The canonical code, except that an apprentice designation (CPC-A, COC-A) stays one: passed, A not removed."""
    canonical = credential_code(catalog, code, label)
    app = catalog.credentials[canonical].apprentice
    if app is not None and normalize(app.designation) == normalize(code):
        return app.designation
    return canonical


def credential_code(catalog: Catalog, code: str, label: str = "held") -> str:
    """The canonical code for ``code`` (aliases and apprentice designations included)."""
    key = normalize(code)
    if key in catalog.lookup:
        return catalog.credentials[catalog.lookup[key]].code
    suggestion = catalog.suggest(code)
    hint = f" Did you mean {suggestion}?" if suggestion else " Try 'certcli list' or 'certcli search WORD'."
    raise _bad(label, f"unknown credential '{code}'.{hint}")


def _member_of(value: Any, catalog: Catalog, label: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(organization_code(catalog, code, label) for code in _items(value, label)))


def organization_code(catalog: Catalog, code: str, label: str = "member_of") -> str:
    for org in catalog.organizations.values():
        if normalize(org.code) == normalize(code):
            return org.code
    names = list(catalog.organizations)
    close = difflib.get_close_matches(code.upper(), names, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]}?" if close else f" Known organizations: {', '.join(names)}."
    raise _bad(label, f"unknown organization '{code}'.{hint}")


def _preferences(value: Any, catalog: Catalog, label: str) -> tuple[str, ...]:
    check = _one_of(PREFERENCES)
    return tuple(dict.fromkeys(check(item, catalog, label) for item in _items(value, label)))


def _specialty(value: Any, catalog: Catalog, label: str) -> str | None:
    if not isinstance(value, str):
        raise _bad(label, f"expected a word like cardiology, got {value!r}.")
    text = " ".join(value.split()).lower()
    return text or None


def specialties(catalog: Catalog) -> list[str]:
    """The specialties the catalog has credentials for (for hints and the wizard)."""
    return sorted({c.specialty for c in catalog.credentials.values() if c.specialty})


_CHECKS: dict[str, Callable[[Any, Catalog, str], Any]] = {
    "goal": _one_of(GOALS, {"coding_billing": "coding_and_billing", "both": "coding_and_billing",
                            "not_sure": "unsure", "dont_know": "unsure"}),
    "preferences": _preferences,
    "setting": _one_of(SETTINGS, {"inpatient": "hospital_inpatient", "outpatient": "hospital_outpatient",
                                  "physician": "physician_office", "office": "physician_office",
                                  "not_sure": "any"}),
    "specialty": _specialty,
    "education": _one_of(EDUCATIONS, _EDUCATION_ALIASES),
    "experience_years": _number(0, 60, unit=" of years"),
    "training_hours": _number(0, 10000, unit=" of hours"),
    "held": _held,
    "member_of": _member_of,
    "student": _boolean,
    "first_time_member": _boolean,
    "age_65_plus": _boolean,
    "budget_usd": _number(0, None, unit=" of US dollars"),
    "years": _number(1, 50, whole=True, unit=" of years"),
}
