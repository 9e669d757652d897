"""Answers for ``certcli advise``: read an answers file (YAML or JSON), check it and the flags
through :data:`~certcli.questions.QUESTIONS`, merge them, build the Profile.

Every answer is checked here, before the wizard or the engine sees it, and a bad one raises a
:class:`UsageError` that names the key (``answers.yaml: experience_years: must be 0 or more, got -3``)
or the flag (``--held: …``). The result is a *partial* answers dict: only the keys the person gave,
normalized (canonical credential and organization codes, numbers as numbers), remembering where
each came from. :func:`to_profile` fills in the defaults and lets pydantic build the Profile.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from certcli.catalog import Catalog, normalize, yaml_loader
from certcli.engine.specialty import match_specialty
from certcli.errors import UsageError
from certcli.model.profile import Profile
from certcli.paths import typed_path
from certcli.questions import KEYS, QUESTION, QUESTIONS, Question, conflict

# The command-line twin of each key.
FLAGS: dict[str, str] = {q.key: q.option for q in QUESTIONS}

_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}
_CODE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")  # CPC, CCS-P, CPC-A

Where = Callable[[str], str]
Check = Callable[[Any, Catalog, str], Any]


class Answers(dict[str, Any]):
    """Checked answers, and where each one came from (``--held``, ``me.yaml: held``) for messages."""

    def __init__(self, values: Mapping[str, Any] | None = None, labels: Mapping[str, str] | None = None) -> None:
        super().__init__(values or {})
        self.labels: dict[str, str] = dict(labels or {})

    def label(self, key: str) -> str:
        return self.labels.get(key, key)


# --------------------------------------------------------------------------- reading


def read_answers(path: str | Path) -> dict[str, Any]:
    """The raw mapping in an answers file (``.json`` is read as JSON, anything else as YAML).

    A key given twice is an error in both (YAML and JSON would keep the last one silently)."""
    shown = str(path)
    file = typed_path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"--answers: {shown}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--answers: {shown}: cannot read: {exc}") from None
    raw = _json(text, shown) if file.suffix.lower() == ".json" else _yaml(text, shown)
    if raw is None or raw == {}:
        raise UsageError(f"{shown}: no answers in the file, not even a goal (write at least 'goal: coding').")
    if not isinstance(raw, dict):
        raise UsageError(f"{shown}: expected a mapping of answers, like 'goal: coding' (see 'certcli advise --help').")
    return raw


def _json(text: str, shown: str) -> Any:
    def refuse_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise UsageError(f"{shown}: duplicate key '{key}' (each answer once).")
            out[key] = value
        return out

    try:
        return json.loads(text, object_pairs_hook=refuse_twice)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{shown}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}") from None


def _yaml(text: str, shown: str) -> Any:
    import yaml  # here, not at the top: only an answers file needs it

    try:
        return yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UsageError(f"{shown}: {where}invalid YAML: {problem}") from None


def load_answers(path: str | Path, catalog: Catalog) -> Answers:
    """The checked answers in a file; errors say ``FILE: key: …``."""
    raw = read_answers(path)
    return check_answers(raw, catalog, lambda key: f"{path}: {key}")


def flag_answers(values: Mapping[str, Any], catalog: Catalog) -> Answers:
    """The checked answers given as flags (``None`` = flag not given); errors name the flag."""
    given = {k: v for k, v in values.items() if v is not None and v != [] and v != ()}
    return check_answers(given, catalog, lambda key: FLAGS.get(key, key))


def merge(*layers: Mapping[str, Any]) -> Answers:
    """Later layers win (flags over the file); answers that contradict each other are an error."""
    out = Answers()
    for layer in layers:
        out.update(layer)
        out.labels.update(getattr(layer, "labels", {}))
    problem = conflict(out, out.label)
    if problem:
        raise UsageError(problem)
    return out


def to_profile(answers: Mapping[str, Any]) -> Profile:
    """A Profile from checked answers, with defaults for what is missing (``goal`` is required)."""
    from pydantic import ValidationError

    label = getattr(answers, "label", str)
    if "goal" not in answers:
        raise UsageError("goal: missing; pass --goal or 'goal:' in the answers file (e.g. goal: coding).")
    problem = conflict(answers, label)
    if problem:
        raise UsageError(problem)
    try:
        return Profile.model_validate(dict(answers))
    except ValidationError as exc:  # check_answers has checked each value: this is a safety net
        err = exc.errors()[0]
        where = label(str(err["loc"][0])) if err["loc"] else "answers"
        raise UsageError(f"{where}: {err['msg'][:1].lower()}{err['msg'][1:]}, got {err.get('input')!r}.") from None


# --------------------------------------------------------------------------- checking


def check_answers(raw: Mapping[str, Any], catalog: Catalog, where: Where) -> Answers:
    """Validated, normalized answers; a :class:`UsageError` naming the key for the first bad one."""
    out = Answers()
    for key, value in raw.items():
        name = str(key)
        if name not in QUESTION:
            raise UsageError(_unknown_key(name, where))
        if value is None:
            continue  # "budget_usd:" with nothing after it = not given
        checked = check_value(name, value, catalog, where(name))
        if checked is not None:
            out[name] = checked
            out.labels[name] = where(name)
    return out


def check_value(key: str, value: Any, catalog: Catalog, label: str | None = None) -> Any:
    """One answer, checked and normalized; the error starts with ``label`` (default: the key)."""
    question = QUESTION[key]
    return _CHECKS[question.kind](question, value, catalog, key if label is None else label)


def _unknown_key(name: str, where: Where) -> str:
    close = difflib.get_close_matches(name.lower().replace("-", "_"), KEYS, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else f" Known keys: {', '.join(KEYS)}."
    return f"{where(name)}: unknown key.{hint}"


def _bad(label: str, message: str) -> UsageError:
    return UsageError(f"{label}: {message}")


def _word(value: Any) -> str:
    return str(value).strip().lower().replace("-", "_").replace(" ", "_")


def _one(q: Question, value: Any, catalog: Catalog, label: str) -> str:
    if isinstance(value, str):
        word = _word(value)
        word = q.aliases.get(word, word)
        if word in q.values:
            return word
    close = difflib.get_close_matches(_word(value), q.values, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else ""
    raise _bad(label, f"{value!r} is not one of {', '.join(q.values)}.{hint}")


def _many(q: Question, value: Any, catalog: Catalog, label: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_one(q, item, catalog, label) for item in _items(value, label)))


def _number(q: Question, value: Any, catalog: Catalog, label: str) -> float | int:
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and value.strip():
        try:
            number = float(value.strip().replace(",", "").lstrip("$"))
        except ValueError:
            number = None
    whole = q.kind == "whole"
    if number is None or math.isnan(number) or math.isinf(number):
        raise _bad(label, f"expected a number{q.unit}, got {value!r}.")
    if whole and number != int(number):
        raise _bad(label, f"expected a whole number{q.unit}, got {value!r}.")
    if q.low is not None and number < q.low:
        raise _bad(label, f"must be {_fmt(q.low)} or more, got {_fmt(number)}.")
    if q.high is not None and number > q.high:
        raise _bad(label, f"must be at most {_fmt(q.high)}, got {_fmt(number)}.")
    if whole:
        return int(number)
    return int(number) if number == int(number) else number


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def _yes_no(q: Question, value: Any, catalog: Catalog, label: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _bad(label, f"expected true or false, got {value!r}.")


def _items(value: Any, label: str) -> list[str]:
    """A list, or a string, of words separated by commas or spaces."""
    if isinstance(value, str):
        parts: Iterable[Any] = [value]
    elif isinstance(value, list | tuple):
        parts = value
        for item in value:
            if not isinstance(item, str | int) or isinstance(item, bool):
                raise _bad(label, f"expected a list of codes, got {item!r} in it.")
    else:
        raise _bad(label, f"expected a list (e.g. [CPC, CCA]), got {value!r}.")
    return [word for part in parts for word in re.split(r"[\s,]+", str(part)) if word]


def _credentials(q: Question, value: Any, catalog: Catalog, label: str) -> tuple[str, ...]:
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
    if not _CODE.fullmatch(code):
        raise _bad(label, f"{code!r} is not a credential code: codes are letters, digits and '-' (e.g. CPC, CCS-P).")
    key = normalize(code)
    if key in catalog.lookup:
        return catalog.credentials[catalog.lookup[key]].code
    suggestion = catalog.suggest(code)
    hint = f" Did you mean {suggestion}?" if suggestion else " Try 'certcli list' or 'certcli search WORD'."
    raise _bad(label, f"unknown credential '{code}'.{hint}")


def _organizations(q: Question, value: Any, catalog: Catalog, label: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(organization_code(catalog, code, label) for code in _items(value, label)))


def organization_code(catalog: Catalog, code: str, label: str = "member_of") -> str:
    if _CODE.fullmatch(code):
        for org in catalog.organizations.values():
            if normalize(org.code) == normalize(code):
                return org.code
    names = list(catalog.organizations)
    close = difflib.get_close_matches(code.upper(), names, n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]}?" if close else f" Known organizations: {', '.join(names)}."
    raise _bad(label, f"unknown organization '{code}'.{hint}")


def _specialty(q: Question, value: Any, catalog: Catalog, label: str) -> str | None:
    """The catalog's name for the specialty (``orthopaedics`` for ``Orthopedic``), matched by the one
    specialty matcher; a specialty no credential has is refused with a did-you-mean."""
    if not isinstance(value, str):
        raise _bad(label, f"expected a word like cardiology, got {value!r}.")
    text = " ".join(value.split())
    if not text:
        return None
    found = match_specialty(catalog, text)
    if found is not None:
        return found.specialty or text.lower()
    names = [c.specialty for c in catalog.credentials.values() if c.specialty]
    words = sorted({*names, *(w for name in names for w in name.split())})
    close = difflib.get_close_matches(text.lower(), words, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else " Try e.g. cardiology, dermatology or urology."
    raise _bad(label, f"no specialty credential for '{text}'.{hint}")


def _kind_years(q: Question, value: Any, catalog: Catalog, label: str) -> dict[str, float]:
    """Years by kind of work: a mapping {kind: years}, or words like ``billing=2`` (a list, or spaced)."""
    pairs: list[tuple[Any, Any]] = []
    if isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        for word in _items(value, label):
            kind, sep, years = word.partition("=")
            if not sep:
                raise _bad(label, f"expected KIND=YEARS (e.g. billing=2), got {word!r}.")
            pairs.append((kind, years))
    years_q = QUESTION["experience_years"]
    out: dict[str, float] = {}
    for kind, years in pairs:
        name = _one(q, str(kind), catalog, label)
        out[name] = float(_number(years_q, years, catalog, f"{label} {name}"))
    return out


def _date(q: Question, value: Any, catalog: Catalog, label: str) -> date:
    """A day as YYYY-MM-DD (YAML reads an unquoted date as one already)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise _bad(label, f"expected a date as YYYY-MM-DD, got {value!r}.") from None


_CHECKS: dict[str, Callable[[Question, Any, Catalog, str], Any]] = {
    "date": _date,
    "kind_years": _kind_years,
    "one": _one,
    "many": _many,
    "number": _number,
    "whole": _number,
    "yes_no": _yes_no,
    "credentials": _credentials,
    "organizations": _organizations,
    "specialty": _specialty,
}
