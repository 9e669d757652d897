"""Money: which fee applies to whom."""

from __future__ import annotations

from certcli.model import Audience, Fee, FeeKind


def find_fee(
    fees: tuple[Fee, ...], kind: FeeKind, audience: Audience, attempts: int | None = None
) -> Fee | None:
    """The fee of ``kind`` for ``audience`` (and ``attempts`` where packages differ).

    A fee for ``any`` audience applies to everyone; a one-attempt price is assumed when
    ``attempts`` is not given and the fee does not say.
    """
    for wanted in (audience, Audience.ANY):
        for fee in fees:
            if fee.kind is not kind or fee.audience is not wanted:
                continue
            if attempts is None or fee.attempts in (attempts, None if attempts == 1 else -1):
                return fee
    return None
