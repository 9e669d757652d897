"""The budget rule: a cheaper start when the budget is below the first step's first-year price.

A budget below the first-year price of an entry or intermediate first step swaps in the first
fitting credential of :data:`~certcli.engine.goals.CHEAPER_STARTS` for its category (one the
person can sit before one they cannot), and the displaced steps become alternatives. Whatever
happens, one sentence says it (:attr:`~certcli.engine.advice.Plan.budget_note`).
"""

from __future__ import annotations

from certcli.engine import fees
from certcli.engine.draft import Draft
from certcli.engine.goals import CHEAPER_STARTS
from certcli.engine.price import labelled
from certcli.model import Category, Credential, Level, Status
from certcli.words import lower_first, money


def breakdown(q: fees.Quote) -> str:
    """'$647: exam $425 + membership $222, as of 2026' (with a note when a figure is old)."""
    parts: list[str] = []
    items = [item for item in (q.exam, q.dues) if item is not None and item.amount is not None]
    for item in items:  # a seed or weak figure keeps its label ("seed source, unverified")
        parts.append(labelled(item, f"{'exam' if item is q.exam else 'membership'} {money(item.amount or 0)}"))
    years = [item.as_of for item in items if item.as_of]
    text = " + ".join(parts)
    if years:
        text += f", as of {max(years)}" if len(years) == len(items) else f", dated figures as of {max(years)}"
    if any(item.stale for item in items):
        text += "; some figures are over 18 months old"
    total = money(q.total) if q.total is not None else "not fully published"
    return f"{total}: {text}" if text else total


def _cheaper(draft: Draft, first: Credential, starts: tuple[str, ...]) -> list[tuple[Credential, int, fees.Quote]]:
    """The cheaper starts with a published first-year price, in the table's order."""
    options: list[tuple[Credential, int, fees.Quote]] = []
    for code in starts:
        if not draft.known(code):
            continue
        cred = draft.cred(code)
        cq = draft.quote(cred)
        if cred.code == first.code or draft.holds(code) or cred.status is not Status.ACTIVE:
            continue
        if cq.total is not None:
            options.append((cred, cq.total, cq))
    return options


def fit_budget(draft: Draft) -> str | None:
    """Swap in a cheaper start when the budget is below the first step's first-year price."""
    budget = draft.profile.budget_usd
    if budget is None or not draft.picks:
        return None
    first = draft.cred(draft.picks[0].code)
    q = draft.quote(first)
    price = q.total
    if price is None:
        return (
            f"The first-year price of {first.code} is not fully published, so certcli could not check it "
            f"against your budget of {money(budget)}; check {draft.catalog.issuer(first).url}."
        )
    if price <= budget:
        return None
    below = f"Your budget of {money(budget)} is below the first-year price of {first.code} for you"
    starts = CHEAPER_STARTS.get(first.category)
    if first.level not in (Level.ENTRY, Level.INTERMEDIATE) or not starts:
        return f"{below} ({breakdown(q)}); no cheaper credential does the same job, so the plan is unchanged."
    options = _cheaper(draft, first, starts)
    within = [o for o in options if o[1] <= budget]
    # only a start the person can sit now: the training or work another needs first is not priced
    # (or may sit: a condition certcli cannot check from the answers, said in the step's why)
    fitting = sorted(
        (o for o in within if draft.person.blocked(o[0]) is None),
        key=lambda o: (not draft.person.eligibility(o[0]).can_sit_now, starts.index(o[0].code)),
    )
    if not fitting:
        known = ", ".join(f"{c.code} {money(t)}" for c, t, _ in options)
        text = f"{below} ({breakdown(q)})"
        if within:
            blocked = within[0][0]
            req = draft.person.blocked(blocked)
            need = f" ({lower_first(req.text)})" if req is not None else ""
            text += (
                f". {blocked.code} costs less ({money(within[0][1])}) but you cannot sit it yet{need}, and the "
                "price of the training it needs is not in certcli's data; the plan is unchanged."
            )
        else:
            cheaper = f" and of every cheaper start certcli knows ({known})" if known else ""
            text += cheaper + "; the plan is unchanged."
        return text + " Many training programs include the exam fee."
    chosen, total, cq = fitting[0]
    no_membership = cq.membership_required is False
    unsure = not draft.person.eligibility(chosen).can_sit_now
    dropped = draft.picks
    why = [
        f"Budget: {below[:1].lower()}{below[1:]} ({money(price)}); {chosen.code} costs you {money(total)} in the "
        "first year" + (f", and {draft.catalog.issuer(chosen).code} membership is optional." if no_membership else "."),
        f"{chosen.name} covers "
        + ("coding in any setting." if chosen.category is Category.CODING else "billing and coding.")
        + " It is a cheaper start; you can climb later.",
    ]
    if unsure:
        why.append(
            f"Check that you can sit {chosen.code} before you pay: certcli cannot confirm every required condition "
            "from your answers (see its eligibility)."
        )
    # coding and billing keeps its billing half when the cheaper start covers coding only
    keep = [
        pick for pick in dropped[1:]
        if draft.goal == "coding_and_billing" and chosen.category is Category.CODING
        and draft.cred(pick.code).category in (Category.BILLING, Category.CODING_AND_BILLING)
    ]
    draft.picks = []
    draft.step(chosen.code, *why)
    for pick in keep:
        draft.step(pick.code, *pick.why, "Kept after the budget swap: the billing half of coding and billing.")
    for pick in dropped:
        cred = draft.cred(pick.code)
        if cred.code == chosen.code or pick in keep:
            continue
        later = draft.first_year(cred)
        if cred.code == first.code:
            reason = (
                f"The first choice for your goal, but {money(price)} in the first year for you is above your "
                f"budget of {money(budget)}; take it when your budget allows."
            )
        else:
            reason = f"A later step after {first.code}" + (
                f" ({money(later)} in its first year)" if later is not None else ""
            ) + ", once your budget allows."
        draft.alts.pop(cred.code, None)
        draft.alt(cred.code, reason)
    return (
        f"{below} ({breakdown(q)}), so the plan starts with {chosen.code} instead ({breakdown(cq)}"
        + (f"; {draft.catalog.issuer(chosen).code} membership is optional" if no_membership else "")
        + f"). {first.code} stays an option when your budget allows."
    )
