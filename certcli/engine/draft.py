"""The draft: the path being built for one person, before it becomes a :class:`~certcli.engine.advice.Plan`.

The per-goal rules (:mod:`certcli.engine.goals`) add steps and alternatives to a :class:`Draft`;
the draft refuses what the rules must never propose (a credential held, planned twice, retired or
unconfirmed), prices each credential once for the person, says when a step fits, and applies the
tie rule.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from certcli.catalog import Catalog, normalize
from certcli.engine import fees
from certcli.engine.eligibility import Applicant
from certcli.model import Category, Credential, ExperienceKind, Level, Profile, Setting, Status
from certcli.words import duration, lower_first, money

TIE_RULE = (
    "when two credentials fit equally well, certcli prefers the one you can sit now, then the one whose "
    "reach matches what you asked for (your setting and goal), then the issuer listed first in its data; "
    "the first-year price never decides, and the difference is shown"
)


@dataclass
class Pick:
    """A step the rules chose: the credential, the rules that fired, and when it fits (None: worked out)."""

    code: str
    why: list[str]
    when: str | None = None
    kind: str = "exam"  # or "apprentice_removal": removing the -A from a held CPC-A or COC-A


@dataclass
class Draft:
    person: Applicant
    goal: str
    today: date  # dates the prices
    picks: list[Pick] = field(default_factory=list)
    alts: dict[str, str] = field(default_factory=dict)  # code → why it ranked lower, in order
    notes: list[str] = field(default_factory=list)  # goal-specific notes, shown first
    _quotes: dict[str, fees.Quote] = field(default_factory=dict)

    # -- facts about the person

    @property
    def catalog(self) -> Catalog:
        return self.person.catalog

    @property
    def profile(self) -> Profile:
        return self.person.profile

    @property
    def held(self) -> tuple[Credential, ...]:
        return self.person.held

    @property
    def held_codes(self) -> set[str]:
        return self.person.held_codes

    @property
    def experience(self) -> float:
        """Years of coding work: the coding kinds, plus the years of coding or billing work of a kind not said."""
        return self.person.coding_years

    def work_years(self, kinds: Collection[ExperienceKind]) -> float:
        """Years of coding work plus those of ``kinds`` (the work an advanced role builds on)."""
        return self.experience + sum(y for k, y in self.person.kinds.items() if k in kinds)

    def known(self, code: str) -> bool:
        """Whether the catalog has ``code`` (a trimmed data folder may not)."""
        return normalize(code) in self.catalog.lookup

    def cred(self, code: str) -> Credential:
        return self.catalog.credential(code)

    def holds(self, *codes: str) -> bool:
        return any(self.cred(code).code in self.held_codes for code in codes if self.known(code))

    def holds_any(self, categories: Collection[Category]) -> list[Credential]:
        return [c for c in self.held if c.category in categories]

    def below_held(self, cred: Credential) -> bool:
        """A general entry coding credential (any setting) for someone who holds a coding credential (CCA to a CPC)."""
        return (
            cred.level is Level.ENTRY
            and cred.category is Category.CODING
            and Setting.ANY in cred.settings
            and any(c.category in (Category.CODING, Category.SPECIALTY) and c.code != cred.code for c in self.held)
        )

    def planned(self, code: str) -> bool:
        return any(p.code == self.cred(code).code for p in self.picks)

    # -- building the path

    def step(self, code: str, *why: str, when: str | None = None) -> bool:
        """Add a step; held, planned or not-active credentials are not added (the last become alternatives)."""
        if not self.known(code):
            return False
        cred = self.cred(code)
        if cred.code in self.held_codes or self.planned(cred.code) or self.below_held(cred):
            return False
        if cred.status is not Status.ACTIVE:
            self.alt(cred.code, "Not recommended as a step.")
            return False
        self.alts.pop(cred.code, None)
        self.picks.append(Pick(cred.code, list(why), when))
        return True

    def alt(self, code: str, reason: str) -> None:
        """Add an alternative (once; never one held or planned), with its status when not active."""
        if not self.known(code):
            return
        cred = self.cred(code)
        if cred.code in self.held_codes or self.planned(cred.code) or cred.code in self.alts or self.below_held(cred):
            return
        if cred.status is not Status.ACTIVE:
            claim = self.catalog.pick(cred.status_note)
            status = f"Its status is {cred.status.value}"
            status += f": {lower_first(str(claim.value))}." if claim else "."
            reason = f"{status} {reason}".strip()
        self.alts[cred.code] = reason

    # -- money

    def buyer(self) -> fees.Buyer:
        return fees.Buyer(
            member=None,
            student=self.profile.student,
            first_time=self.profile.first_time_member,
            senior=self.profile.age_65_plus,
            member_of=frozenset(normalize(m) for m in self.profile.member_of),
        )

    def quote(self, cred: Credential) -> fees.Quote:
        """The first-year price for this person (its ``total`` is None when a figure is not published)."""
        if cred.code not in self._quotes:
            self._quotes[cred.code] = fees.quote(self.catalog, cred, self.buyer(), 1, self.today)
        return self._quotes[cred.code]

    def first_year(self, cred: Credential) -> int | None:
        """The first-year total, or None when the exam fee or the dues it needs are not published."""
        return self.quote(cred).total

    # -- when a step fits

    def when(self, cred: Credential, prior: list[Credential]) -> str:
        """'now', 'after CPC', 'after CCA and 1 year of coding work', 'once you meet …'."""
        ahead = {c.code for c in prior}
        req = self.person.blocked(cred, ahead)
        if req is not None:
            return f"once you meet the requirement: {lower_first(req.text)}"
        if cred.level in (Level.INTERMEDIATE, Level.ADVANCED, Level.SPECIALTY):
            wait = self._experience_gap(cred, ahead)
            if wait is not None:
                return wait
        if cred.builds_on and not any(self.holds(code) for code in cred.builds_on):
            return f"after {next((code for code in cred.builds_on if code in ahead), cred.builds_on[0])}"
        if prior:
            return f"after {prior[-1].code}"
        return "now"

    def _experience_gap(self, cred: Credential, ahead: set[str]) -> str | None:
        """'after CCA and 1 year of coding work' when a recommended condition waits on work only."""
        found = self.experience_wait(cred, ahead)
        if found is None:
            return None
        gap, via = found
        after = f"after {via[0]} and " if via else "after "
        more = " more" if self.experience > 0 else ""
        return f"{after}{duration(gap)}{more} of coding work"

    def experience_wait(self, cred: Credential, ahead: set[str]) -> tuple[float, list[str]] | None:
        """(years of coding work still to do, the step it follows) when a recommended condition of an
        intermediate or advanced credential waits on work only; None when nothing waits."""
        if cred.level not in (Level.INTERMEDIATE, Level.ADVANCED, Level.SPECIALTY):
            return None
        for rec in cred.eligibility.recommended:
            if self.person.meets(rec, ahead) is not False:
                continue
            gaps: list[tuple[float, list[str]]] = []
            for crit in rec.any_of:
                if crit.education is not None or crit.program is not None:
                    continue
                codes = [self.cred(code).code for code in crit.credentials]
                via = [code for code in codes if code in ahead]
                if codes and not via and not any(code in self.held_codes for code in codes):
                    continue
                gap = max(0.0, (crit.experience_years or 0) - self.experience)
                gaps.append((gap, via[:1]))
            if gaps:
                gap, via = min(gaps, key=lambda g: g[0])
                if gap > 0:
                    return gap, via
        return None

    # -- the tie rule

    def tie(self, codes: list[str], reach: dict[str, str] | None = None) -> tuple[list[str], str | None]:
        """``codes`` ordered by the tie rule, with the sentence saying what decided.

        ``codes`` come in the order of their reach for what the person asked (the goal's rule knows
        it); ``reach`` says in words why the first reaches further ("physician offices, ...").
        """
        creds = [self.cred(c) for c in codes if self.known(c) and not self.holds(c)]
        if len(creds) < 2:
            return [c.code for c in creds], None
        rank = {c.code: i for i, c in enumerate(creds)}
        blocked = self.person.blocked

        def key(c: Credential) -> tuple[bool, int]:
            return (blocked(c) is not None, rank[c.code])

        ordered = sorted(creds, key=key)
        a, b = ordered[0], ordered[1]
        if (blocked(a) is None) != (blocked(b) is None):
            decided = f"you can sit {a.code} now but not {b.code}"
        elif reach and a.code in reach:
            decided = f"{a.code} reaches what you asked for: {reach[a.code]}"
        else:
            decided = f"{a.issuer} is listed first in certcli's data"
        sentence = f"{a.code} and {b.code} fit equally well; by certcli's tie rule ({TIE_RULE}), {decided}."
        pa, pb = self.first_year(a), self.first_year(b)
        if pa is not None and pb is not None and pa != pb:
            cheaper, dearer = (a, b) if pa < pb else (b, a)
            sentence += (
                f" In the first year {cheaper.code} costs you {money(min(pa, pb))} against {money(max(pa, pb))} "
                f"for {dearer.code}."
            )
        elif (pa is None) != (pb is None):
            unknown = a if pa is None else b
            sentence += f" {unknown.code}'s first-year price is not fully published."
        return [c.code for c in ordered], sentence
