"""The plan from ``certcli advise`` as one JSON document: the profile, each step (kind, why,
eligibility verdicts, exam, costs, renewal), the total (new spending and all in), notes, sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from certcli.catalog import Catalog
from certcli.engine.advice import Plan, Step
from certcli.engine.renewal import CeuRequirement
from certcli.model import FeeKind
from certcli.render.catalog import ceus_json, parts_json, passing_json
from certcli.render.fees import item_json, quote_total
from certcli.render.json import (
    cited,
    claim_json,
    fact_json,
    fee_json,
    model_json,
    money_json,
    plain_json,
    sources_json,
    total_json,
)


def _item_json(item: Any) -> dict[str, Any] | None:
    return item_json(item) if item is not None else None




def _requirement_json(req: CeuRequirement) -> dict[str, Any]:
    return {
        "issuer": req.organization.code,
        "credentials": [c.code for c in req.credentials],
        "dropped": [{"code": code, "superseded_by": by} for code, by in req.dropped],
        "ceus": req.ceus,
        "cycle_years": req.cycle_years,
        "basis": req.basis,
        "subject": [{"code": s.code, "subject": s.subject, "ceus": s.ceus, "source": s.source} for s in req.subject],
        "rule_sources": list(req.sources),
    }


def _eligibility_json(step: Step) -> dict[str, Any]:
    """can_sit_now true / false / null (unknown), each condition {text, met}, the apprentice's routes."""
    e = step.eligibility
    can_sit: bool | None = True if e.can_sit_now else (False if any(c.met is False for c in e.required) else None)
    app = e.apprentice_status
    return {
        "can_sit_now": can_sit,
        "required": [{"text": c.text, "met": c.met, "unverified": c.unverified} for c in e.required],
        "recommended": [{"text": c.text, "met": c.met, "unverified": c.unverified} for c in e.recommended],
        "apprentice": None if app is None else {
            "designation": app.designation,
            "removed_now": app.removed_now,
            "routes": [{"text": r.text, "met": r.met, "missing": r.missing} for r in app.routes],
        },
        "lines": list(e.lines),
        "rule_sources": list(e.sources),
    }


def _step_json(catalog: Catalog, plan: Plan, step: Step, today: date) -> dict[str, Any]:
    cred = step.credential
    org = catalog.issuer(cred)
    q = step.quote
    costs: dict[str, Any] = {
        "exam": _item_json(q.exam) if q else None,
        "dues": _item_json(q.dues) if q else None,
        "first_year_total": quote_total(q) if q else total_json(None, False, [f"{cred.code} first-year total"]),
        "attempts": q.attempts if q else None,
        "member": q.member if q else None,
        "membership_required": q.membership_required if q else catalog.members_only(org),
        "notes": list(q.notes) if q else [],
        "price_page": cred.url or org.url,
    }
    alone = step.renewal_alone
    stacked = step.renewal_stacked
    keep = catalog.pick(org.membership.required_to_keep)
    renewal: dict[str, Any] = {
        "ceus": ceus_json(catalog, cred.renewal.ceus, alone, today),
        "ceus_alone": alone.ceus,
        "cycle_years": alone.cycle_years,
        "rule_sources": list(alone.sources),
        "with_your_credentials": _requirement_json(stacked) if stacked is not None else None,
        "subject_ceus": fact_json(catalog, cred.renewal.subject_ceus, today),
        "subject": cred.renewal.subject,
        "membership_required_to_keep": bool(keep.value) if keep is not None else None,
        "dues": money_json(catalog, org.individual_dues, today)
        if keep is not None and keep.value else None,
        "fees": [
            fee_json(catalog, f, today)
            for f in org.renewal.fees if f.kind in (FeeKind.RENEWAL, FeeKind.RENEWAL_ADDITIONAL)
        ],
    }
    return {
        "code": cred.code,
        "name": cred.name,
        "issuer": cred.issuer,
        "level": str(cred.level),
        "when": step.when,
        "why": list(step.why),
        "kind": step.kind,
        "eligibility": _eligibility_json(step),
        "exam": {
            "questions": fact_json(catalog, cred.exam.questions, today),
            "minutes": fact_json(catalog, cred.exam.minutes, today),
            "book": fact_json(catalog, cred.exam.book, today),
            "passing": passing_json(catalog, cred.exam.passing, today),
            "parts": parts_json(catalog, cred.exam.parts, today),
            "delivery": fact_json(catalog, cred.exam.delivery, today),
        },
        "costs": costs,
        "renewal": renewal,
    }


def _cost_json(plan: Plan) -> dict[str, Any] | None:
    cost = plan.cost
    if cost is None:
        return None
    return {
        "years": cost.years,
        "codes": list(cost.codes),
        **(totals := _totals(plan)),
        # the same words as total.complete / total.unknown: books without a price count too
        "incomplete": not totals["total"]["complete"],
        "unknown": list(totals["total"]["unknown"]),
        "by_year": [{"year": y, "amount": v} for y, v in sorted(cost.by_year().items())],
        "items": [_item_json(i) for i in cost.items],
        "strategy": list(cost.strategy),
        "break_even": [plain_json(b) for b in cost.break_even],
        "line_items": _prep_json(plan),
        "if_you_need_a_retake": _retakes_json(plan),
        **_spending_json(plan),
    }


def _totals(plan: Plan) -> dict[str, Any]:
    """``total``: everything the plan costs (exams, dues, renewals and the books and training the
    exams require), complete only when every part is published; ``new_spending_total`` the same
    without the dues already paid. Without the split: the path's own total."""
    cost, sp = plan.cost, plan.spending
    assert cost is not None
    if sp is None:
        return {"total": total_json(cost.total, not cost.incomplete, cost.unknown)}
    unknown = [*cost.unknown, *(line.item.what for line in plan.prep if line.required and line.item.amount is None)]
    return {"total": total_json(sp.all_in, sp.complete, unknown),
            "new_spending_total": total_json(sp.new_spending, sp.complete, unknown)}


def _spending_json(plan: Plan) -> dict[str, Any]:
    """new_spending (what the plan adds) and all_in (with the dues already paid for held credentials)."""
    sp = plan.spending
    if sp is None:
        return {}
    return {"new_spending": sp.new_spending, "all_in": sp.all_in, "complete": sp.complete,
            "dues_already_paid_to": list(sp.already_paid)}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def milestones_json(plan: Plan) -> list[dict[str, Any]]:
    """The plan's dates, sorted: {date, kind, code, text, estimate} (study milestones add ``until``)."""
    if plan.schedule is None:
        return []
    return [
        {"date": m.day.isoformat(), "kind": m.kind, "code": m.code, "text": m.text, "estimate": m.estimate,
         "until": _day(m.until)}
        for m in plan.schedule.milestones
    ]


def _schedule_json(plan: Plan) -> dict[str, Any] | None:
    sch = plan.schedule
    if sch is None:
        return None
    steps = []
    for d in sch.steps:
        rem = d.removal
        steps.append({
            "code": d.code,
            "kind": d.kind,
            "study": None if d.study is None else {
                "what": d.study.what, "from": _day(d.study_from), "to": _day(d.study_to), "days": d.study.days,
                "text": d.study.text, "estimate": d.study.estimate, "hours": d.study.hours,
                "rule_sources": list(d.study.sources),
            },
            "exam": _day(d.exam),
            "exam_by": _day(d.exam_by),
            "window_days": d.window_days,
            "book_year": d.book_year,
            "plan_year": d.year,
            "estimate": d.estimate,
            "apprentice_removed": None if rem is None else {
                "designation": rem.designation, "date": rem.day.isoformat(), "route": rem.route,
                "estimate": rem.estimate, "text": rem.text, "faster": rem.faster,
            },
        })
    return {"start": sch.start.isoformat(), "end": sch.end.isoformat(), "study_hours_per_week": sch.pace,
            "steps": steps, "next_steps": list(sch.next_steps), "caution": sch.caution, "notes": list(sch.notes)}


def _prep_json(plan: Plan) -> list[dict[str, Any]]:
    """The books and training the exams need: required ones count in the totals, optional ones never."""
    return [{**item_json(line.item), "name": line.name, "required": line.required, "counted": line.required,
             "needed_source": line.needed_source} for line in plan.prep]


def _retakes_json(plan: Plan) -> list[dict[str, Any]]:
    return [{"credential": r.code, "amount": r.amount, "text": r.text, "wait_days": r.wait_days,
             "rule_sources": list(r.sources)} for r in plan.retakes]


def _salary_json(catalog: Catalog, today: date) -> list[dict[str, Any]]:
    return [claim_json(catalog, c, today) for c in catalog.context.salary_survey]


def plan_json(plan: Plan, catalog: Catalog, today: date) -> dict[str, Any]:
    doc: dict[str, Any] = {
        # not model_dump: pydantic would first build the Profile's serializer (~15 ms)
        "profile": model_json(catalog, plan.profile, today),
        "goal": plan.resolved_goal,
        "goal_reason": plan.goal_reason,
        "budget_note": plan.budget_note,
        "path": [_step_json(catalog, plan, s, today) for s in plan.steps],
        "milestones": milestones_json(plan),
        "schedule": _schedule_json(plan),
        "alternatives": [
            {"code": a.credential.code, "name": a.credential.name, "reason": a.reason} for a in plan.alternatives
        ],
        "total_cost": _cost_json(plan),
        "renewal": [_requirement_json(r) for r in plan.renewal],
        "notes": list(plan.notes),
        "context": {
            "salary_survey": _salary_json(catalog, today),
            "notes": [claim_json(catalog, c, today) for c in catalog.context.notes],
        },
        "data_as_of": catalog.data_as_of(),
    }
    doc["profile"]["start"] = _day(plan.profile.start)
    ids = cited(doc)
    ids |= {line.needed_source for line in plan.prep} | {s for r in plan.retakes for s in r.sources}
    if plan.schedule is not None:
        ids |= {s for d in plan.schedule.steps if d.study is not None for s in d.study.sources}
    for step in doc["path"]:
        ids |= set(step["eligibility"]["rule_sources"]) | set(step["renewal"]["rule_sources"])
    for req in doc["renewal"]:
        ids |= set(req["rule_sources"])
    doc["sources"] = sources_json(catalog, (i for i in ids if i in catalog.sources))
    return doc


__all__ = ["milestones_json", "plan_json"]
