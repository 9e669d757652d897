"""Eligibility: where a person stands today on a credential's conditions, in plain sentences.

A condition (:class:`~certcli.model.Requirement`) is met by any one of its criteria; a criterion
is met when every field it names is met (education at least, a program, years of work, hours of
training, a credential held). Each answer is ``True``, ``False`` or ``None`` (certcli cannot tell
from the answers), and the sentences say which. Membership that an issuer sells its exams with is
told from the issuer's membership facts; a condition marked ``membership`` is not repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from certcli.catalog import Catalog, normalize
from certcli.engine.conditions import requirement_line
from certcli.engine.experience import (
    CODING_KINDS,
    CODING_OR_BILLING,
    K,
    experience_by_kind,
    licenses_of,
    practicode_of,
)
from certcli.engine.membership import dues_already_paid
from certcli.model import (
    EDUCATION_RANK,
    Audience,
    Category,
    Confidence,
    Credential,
    Criterion,
    Education,
    ExperienceKind,
    KindYears,
    Profile,
    Requirement,
)
from certcli.words import an, duration, hours, join_or, lower_first


class Condition(NamedTuple):
    """One required or recommended condition, and whether the person meets it (None: cannot tell)."""

    text: str
    met: bool | None
    unverified: bool = False  # the data's source is seed-only or weak: shown, never deciding


class Route(NamedTuple):
    """One way to remove an apprentice designation, whether it is met, and what is missing."""

    text: str
    met: bool | None
    missing: str | None


class ApprenticeStatus(NamedTuple):
    designation: str  # "CPC-A"
    removed_now: bool | None  # a route is met now (None: certcli cannot tell)
    routes: tuple[Route, ...]


class EligibilityNow(NamedTuple):
    """Where the person stands today on one credential's conditions."""

    can_sit_now: bool  # every required condition met (membership counts: "join to sit")
    lines: tuple[str, ...]  # plain sentences
    apprentice: str | None  # "CPC-A" when they would pass (or stay) an apprentice, else None
    sources: tuple[str, ...]  # source ids behind these lines
    required: tuple[Condition, ...] = ()
    recommended: tuple[Condition, ...] = ()
    apprentice_status: ApprenticeStatus | None = None


@dataclass(frozen=True)
class Applicant:
    """The person as the eligibility rules see them: their answers and the credentials they hold."""

    catalog: Catalog
    profile: Profile
    held: tuple[Credential, ...]

    @property
    def held_codes(self) -> set[str]:
        return {c.code for c in self.held}

    @property
    def dues_paid_to(self) -> tuple[str, ...]:
        """Issuers whose dues the person already pays: one of their held credentials (CPC, or CPC-A)
        is kept only with membership, so holding it makes them a member (the one rule:
        :func:`certcli.engine.membership.dues_already_paid`)."""
        return dues_already_paid(self.catalog, self.held)

    @property
    def apprentices(self) -> tuple[Credential, ...]:
        """Held credentials named by their apprentice designation (CPC-A): passed, the A not yet removed."""
        found: list[Credential] = []
        for code in self.profile.held:
            cred = self.catalog.credential(code)
            if cred.apprentice is not None and normalize(cred.apprentice.designation) == normalize(code):
                found.append(cred)
        return tuple(found)

    def removal(self, cred: Credential) -> EligibilityNow:
        """Where a holder of ``cred``'s apprentice designation stands on removing it."""
        app = cred.apprentice
        status = self.apprentice_status(cred)
        assert app is not None and status is not None
        lines = [f"You hold {app.designation}: you passed the {cred.code}; the A is removed once AAPC has proof of "
                 "any one of these."]
        for route in status.routes:
            text = route.text.rstrip(".")
            if route.met is True:
                lines.append(f"{text} — you meet it: send AAPC the proof.")
            elif route.met is None:
                lines.append(f"{text} — certcli cannot tell: {route.missing}.")
            else:
                lines.append(f"{text} — missing: {route.missing}.")
        return EligibilityNow(
            can_sit_now=True,
            lines=tuple(lines),
            apprentice=None if status.removed_now is True else app.designation,
            sources=(app.source,),
            apprentice_status=status,
        )

    @property
    def kinds(self) -> dict[ExperienceKind, float]:
        return experience_by_kind(self.profile)

    @property
    def coding_years(self) -> float:
        """Years of coding work: the coding kinds, plus the old answer of unknown kind."""
        return self.profile.experience_years + sum(y for k, y in self.kinds.items() if k in CODING_KINDS)

    def years_of(self, rule: KindYears) -> bool | None:
        """Whether the person has ``rule.years`` of that kind of work (None: their answer may or may not be it)."""
        need = rule.years
        kinds = self.kinds

        def enough(have: float) -> bool:
            return have > 0 if need is None else have >= need

        if rule.kind is K.HEALTHCARE:
            return enough(sum(kinds.values()) + self.profile.experience_years)
        known = kinds.get(rule.kind, 0.0)
        if enough(known):
            return True
        if rule.kind in CODING_OR_BILLING and enough(known + self.profile.experience_years):
            return None  # "coding or billing work" of a kind not said: it may have been this kind
        return False

    def check(self, crit: Criterion, extra_held: set[str] | None = None) -> bool | None:
        """Whether the person meets one way of meeting a condition (None: cannot tell)."""
        p = self.profile
        held = self.held_codes | (extra_held or set())
        results: list[bool | None] = []
        if crit.education is not None:
            if p.education is None:
                results.append(None)
            else:
                results.append(EDUCATION_RANK[p.education] >= EDUCATION_RANK[crit.education])
        if crit.program is not None:
            him = getattr(p, "him_degree", None)
            if crit.education is not None and him and "CAHIIM" in crit.program:
                # the person told us of a CAHIIM-accredited HIM degree (completed or in its final term)
                results[-1] = EDUCATION_RANK[Education(him)] >= EDUCATION_RANK[crit.education]
                results.append(results[-1])
            elif crit.education is not None:
                # a degree program: the degree is checked above; its accreditation cannot be
                results.append(None if results[-1] is not False else False)
            else:
                results.append(None if p.training_hours > 0 else False)
        if crit.experience_years is not None:
            results.append(self.coding_years >= crit.experience_years)
        for rule in crit.experience:
            results.append(self.years_of(rule))
        if crit.licenses:
            results.append(bool(licenses_of(p) & {str(x) for x in crit.licenses}))
        if crit.training_hours is not None:
            results.append(p.training_hours >= crit.training_hours)
        if crit.practicode:
            done = practicode_of(p)
            results.append(done)  # None: not asked
        if crit.credentials:
            results.append(any(self.catalog.credential(code).code in held for code in crit.credentials))
        if not results:
            return None
        if False in results:
            return False
        if None in results:
            return None
        return True

    def unverified(self, req: Requirement) -> bool:
        """The condition rests on a seed-only source (the data's "unverified"): it never decides a verdict."""
        src = self.catalog.sources.get(req.source)
        return src is not None and src.confidence is Confidence.SEED

    def meets(self, req: Requirement, extra_held: set[str] | None = None) -> bool | None:
        if not req.any_of:
            return True  # informational
        if self.unverified(req):
            return None
        checks = [self.check(c, extra_held) for c in req.any_of]
        if True in checks:
            return True
        if None in checks:
            return None
        return False

    def blocked(self, cred: Credential, extra_held: set[str] | None = None) -> Requirement | None:
        """The first required condition the person is known not to meet."""
        for req in cred.eligibility.required:
            if self.meets(req, extra_held) is False:
                return req
        return None

    # -- the sentences

    def _route(self, crit: Criterion) -> Route:
        """One removal route: met, and what is missing (billing or claims work: 'confirm with AAPC')."""
        p = self.profile
        met = self.check(crit)
        missing: list[str] = []
        if crit.experience_years is not None and self.coding_years < crit.experience_years:
            gap = crit.experience_years - self.coding_years
            other = sum(y for k, y in self.kinds.items() if k in (K.BILLING, K.PAYER_CLAIMS))
            if other and self.coding_years + other >= crit.experience_years and met is False:
                met = None
                missing.append(
                    "confirm with AAPC whether your billing or claims work counts (AAPC counts on-the-job use of "
                    "the CPT, ICD-10-CM or HCPCS code sets)"
                )
            else:
                missing.append(f"{duration(gap)} more of coding work")
        if crit.training_hours is not None and p.training_hours < crit.training_hours:
            missing.append(f"{an(crit.training_hours)} {crit.training_hours}-hour course (you have "
                           f"{hours(p.training_hours)})")
        if crit.practicode:
            done = practicode_of(p)
            if done is None:
                missing.append("AAPC Practicode (you did not say whether you completed it)")
            elif not done:
                missing.append("AAPC Practicode")
        return Route(text=crit.text.strip(), met=met, missing="; ".join(missing) or None)

    def apprentice_status(self, cred: Credential) -> ApprenticeStatus | None:
        app = cred.apprentice
        if app is None:
            return None
        routes = tuple(self._route(crit) for crit in app.removal)
        mets = [r.met for r in routes]
        removed: bool | None = True if True in mets else (None if None in mets else False)
        return ApprenticeStatus(designation=app.designation, removed_now=removed, routes=routes)

    def apprentice(self, cred: Credential) -> tuple[str | None, str | None]:
        """The apprentice designation the person would pass with (or None), and the sentence saying so."""
        app = cred.apprentice
        status = self.apprentice_status(cred)
        if app is None or status is None:
            return None, None
        p = self.profile
        kind = "coding" if cred.category is Category.CODING else "relevant"

        def way(crit: Criterion) -> str:
            if crit.experience_years is not None and crit.training_hours is not None:
                course = crit.training_hours
                return f"{duration(crit.experience_years)} plus {an(course)} {course}-hour course"
            if crit.experience_years is not None and crit.practicode:
                return f"{duration(crit.experience_years)} plus AAPC Practicode"
            if crit.experience_years is not None and not crit.credentials:
                return f"{duration(crit.experience_years)} of {kind} experience"
            return lower_first(crit.text)

        done = next((crit for crit, r in zip(app.removal, status.routes, strict=True) if r.met is True), None)
        if done is not None:
            hedge = ""
            if done.experience_years and p.experience_years and not any(k in CODING_KINDS for k in self.kinds):
                hedge = (" if the work you told us of was coding (on-the-job use of the CPT, ICD-10-CM or HCPCS "
                         "code sets)")
            return None, (
                f"You would not stay {app.designation}: by the numbers you gave you already meet one way to "
                f"remove it ({way(done)}), so you can have it removed straight away{hedge}."
            )
        line = f"You will be {app.designation} until you have {join_or([way(crit) for crit in app.removal])}."
        maybe = [r for r in status.routes if r.met is None and r.missing]
        if maybe:
            line += f" You may already meet one: {lower_first(maybe[0].text.rstrip('.'))} — {maybe[0].missing}."
        if p.experience_years or p.training_hours:
            line += f" So far: {duration(self.coding_years)} of work and {hours(p.training_hours)} of training."
        return app.designation, line

    def eligibility(self, cred: Credential) -> EligibilityNow:
        """Every condition of ``cred`` told against the person's answers."""
        org = self.catalog.issuer(cred)
        lines: list[str] = []
        sources: list[str] = []
        membership = self.catalog.pick(org.membership.required_for_exam)
        needs_membership = bool(membership and membership.value is True)
        is_member = normalize(org.code) in {normalize(m) for m in self.profile.member_of}
        required = [r for r in cred.eligibility.required if r.any_of]
        notes = [r for r in cred.eligibility.required if not r.any_of and not r.membership]
        states = [self.meets(r) for r in required]
        known = bool(required or needs_membership or cred.apprentice or notes)
        can_sit = known and all(s is True for s in states)

        if needs_membership and membership is not None:
            sources.append(membership.source)
        if not known:
            lines.append(
                f"No eligibility rules for {cred.code} were found in certcli's data; check {org.url} "
                "before you plan on it."
            )
        elif can_sit and needs_membership and not required:
            if is_member:
                lines.append(f"You can sit now: {org.code} exams are sold to members only, and you are a member.")
            else:
                lines.append(
                    f"You can sit now: {org.code} asks only for membership (its exams are sold to members only)."
                )
        elif can_sit:
            lines.append(
                "You can sit now: you meet every required condition."
                if required
                else "You can sit now: no entry condition is published."
            )
        elif False in states:
            lines.append("You cannot sit yet: a required condition is not met (below).")
        else:
            lines.append("You may be able to sit now: certcli cannot confirm every required condition (below).")
        if needs_membership and required:
            lines.append(
                f"You also need {org.code} membership to sit"
                + (" (you are a member)." if is_member else " (its exams are sold to members only).")
            )
        if membership is not None and membership.value is False:
            member_price = any(f.audience is Audience.MEMBER for f in cred.fees) or not cred.fees
            lines.append(
                f"{org.code} membership is optional: it lowers the exam fee but is not needed to sit."
                if member_price
                else f"{org.code} membership is optional: it is not needed to sit."
            )
            sources.append(membership.source)
        for req in required:
            lines.append(requirement_line(self, cred, req, "Required"))
            sources.append(req.source)
        for req in notes:
            lines.append(req.text.strip().rstrip(".") + ".")
            sources.append(req.source)
        for req in cred.eligibility.recommended:
            lines.append(requirement_line(self, cred, req, "Recommended (not required)"))
            sources.append(req.source)
        designation, app_line = self.apprentice(cred)
        if app_line and cred.apprentice:
            lines.append(app_line)
            sources.append(cred.apprentice.source)
        return EligibilityNow(
            can_sit_now=can_sit,
            lines=tuple(lines),
            apprentice=designation,
            sources=tuple(dict.fromkeys(sources)),
            required=tuple(
                Condition(r.text.strip(), self.meets(r), self.unverified(r))
                for r in cred.eligibility.required
                if r.any_of or not r.membership
            ),
            recommended=tuple(
                Condition(r.text.strip(), self.meets(r), self.unverified(r)) for r in cred.eligibility.recommended
            ),
            apprentice_status=self.apprentice_status(cred),
        )


def eligibility_now(profile: Profile, catalog: Catalog, cred: Credential) -> EligibilityNow:
    """Where ``profile`` stands today on ``cred``'s conditions (for any credential, not only plan steps)."""
    held = tuple(catalog.resolve(list(profile.held)))
    return Applicant(catalog=catalog, profile=profile, held=held).eligibility(cred)
