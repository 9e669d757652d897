"""Errors a person can act on. The CLI turns each into one line on stderr and an exit code."""

from __future__ import annotations


class CertcliError(Exception):
    """A problem with a human message; ``exit_code`` says what kind."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DataError(CertcliError):
    """The data files are missing, malformed or inconsistent (exit 1)."""

    def __init__(self, problems: list[str]) -> None:
        first = problems[0] if problems else "invalid data"
        more = len(problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}: run 'certcli data check')" if more else ""
        super().__init__(first + suffix)
        self.problems = problems


class UsageError(CertcliError):
    """The person asked for something that cannot be (exit 2)."""

    exit_code = 2


class UnknownCodeError(UsageError):
    def __init__(self, code: str, suggestion: str | None, kind: str = "credential") -> None:
        hint = f" Did you mean {suggestion}?" if suggestion else f" Try 'certcli list' or 'certcli search {code}'."
        super().__init__(f"Unknown {kind} '{code}'.{hint}")
        self.code = code
        self.suggestion = suggestion
