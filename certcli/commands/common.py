"""What the commands share: the catalog they read, the clock they ask for "today", the option
types and the completions of option values.

Only typer and the standard library are imported here at module level (this module loads for
every command, --help and completion included); the catalog and the model load inside functions.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

import typer

from certcli.errors import CertcliError, UsageError

# --------------------------------------------------------------------------- the clock


class Clock:
    """Where the commands read the time: the real clock, or a fixed one passed in as the
    context object (``CliRunner().invoke(app, args, obj=Clock(date(2026, 11, 23)))``)."""

    def __init__(self, today: date | None = None, now: datetime | None = None) -> None:
        if now is not None and now.tzinfo is None:
            raise ValueError("Clock(now=...) needs an aware datetime")
        if today is None and now is not None:
            today = now.astimezone(UTC).date()
        if now is None and today is not None:
            now = datetime.combine(today, time(), UTC)
        self._today, self._now = today, now

    def today(self) -> date:
        return self._today if self._today is not None else date.today()

    def now(self) -> datetime:
        """An aware UTC timestamp (an .ics file's DTSTAMP)."""
        return self._now if self._now is not None else datetime.now(UTC)


def clock(ctx: typer.Context) -> Clock:
    """The clock passed in as the context object, else the real one."""
    found = ctx.find_object(Clock)
    return found if found is not None else Clock()


# --------------------------------------------------------------------------- the catalog


def data_dir(ctx: typer.Context | None) -> str | None:
    """``--data-dir`` (or ``CERTCLI_DATA_DIR``) as parsed by the root command; during shell
    completion too, where the root callback does not run."""
    if ctx is None:
        return None
    value = ctx.find_root().params.get("data_dir")
    return value if isinstance(value, str) else None


def catalog(ctx: typer.Context | None) -> Any:
    from certcli.catalog import load_catalog

    return load_catalog(data_dir(ctx))


# --------------------------------------------------------------------------- parsing option values


def choice(flag: str, value: str, enum: Any) -> Any:
    """``Hospital-Inpatient`` → ``Setting.HOSPITAL_INPATIENT``; anything else names the choices."""
    wanted = value.strip().lower().replace("-", "_").replace(" ", "_")
    for member in enum:
        if member.value == wanted:
            return member
    options = ", ".join(m.value for m in enum)
    raise UsageError(f"{flag}: '{value}' is not one of {options}.")


def whole_number(flag: str, value: str, low: int, high: int) -> int:
    allowed = f"{low} or {high}" if high == low + 1 else f"a whole number from {low} to {high}"
    try:
        number = int(value.strip())
    except ValueError:
        raise UsageError(f"{flag} must be {allowed}, not '{value}'.") from None
    if not low <= number <= high:
        raise UsageError(f"{flag} must be {allowed}, not {number}.")
    return number


# --------------------------------------------------------------------------- completion


def _in_kind(words: Iterable[str], incomplete: str) -> list[str]:
    """The shell keeps only words that start with what was typed, case and all: answer in kind."""
    from certcli.catalog import normalize

    key = normalize(incomplete)
    found = [word for word in words if normalize(word).startswith(key)]
    return [word.lower() for word in found] if incomplete.islower() else found


def complete_codes(incomplete: str, ctx: Any = None) -> list[str]:
    """Credential codes from the catalog certcli would read (``--data-dir`` included)."""
    try:
        found = catalog(ctx)
    except CertcliError:
        return []
    return _in_kind(found.credentials, incomplete)


def complete_issuers(incomplete: str, ctx: Any = None) -> list[str]:
    try:
        found = catalog(ctx)
    except CertcliError:
        return []
    return _in_kind(found.organizations, incomplete)


def _values(name: str) -> list[str]:
    """The allowed values of one of the model's enums or Literals, imported only when asked."""
    from typing import get_args

    from certcli import model

    kind = getattr(model, name)
    return [str(v) for v in get_args(kind)] if get_args(kind) else [m.value for m in kind]


def completes_to(name: str) -> Callable[[str], list[str]]:
    """A completion callback for an option whose values are the model's ``name`` (``Setting``, ``Goal``…)."""

    def complete(incomplete: str) -> list[str]:
        typed = incomplete.strip().lower().replace("-", "_")
        return [value for value in _values(name) if value.startswith(typed)]

    complete.__name__ = f"complete_{name.lower()}"
    return complete


# --------------------------------------------------------------------------- shared options

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead of tables.")]
CodeArg = Annotated[str, typer.Argument(metavar="CODE", help="A credential code (any case; aliases like CPC-H work).",
                                        autocompletion=complete_codes, show_default=False)]
CodesArg = Annotated[list[str], typer.Argument(metavar="CODE", help="Credential codes.",
                                               autocompletion=complete_codes, show_default=False)]
