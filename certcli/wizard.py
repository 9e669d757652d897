"""The questions of ``certcli advise``: ask only what the answers file and flags left open.

Driven by :data:`~certcli.questions.QUESTIONS`: each question is asked when it can change the
advice, with the default highlighted (so Enter on every question gives what ``--defaults`` gives),
and checked by the same checks as an answers file or a flag (:mod:`certcli.answers`). Before the
plan it shows the answers and lets the person change any one.

The only module that imports questionary. Every question uses ``unsafe_ask()`` so that Ctrl-C
(and Ctrl-D, as :class:`EndOfInput`) reaches the CLI's error boundary ("Cancelled.", exit 130).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any

import questionary
from questionary import Choice

from certcli.answers import Answers, check_value, to_profile
from certcli.catalog import Catalog
from certcli.engine.experience import CODING_OR_BILLING
from certcli.errors import UsageError
from certcli.model.profile import Profile
from certcli.questions import GROUP_LABELS, GROUP_PROMPTS, QUESTIONS, RATHER_NOT_SAY, Question, conflict
from certcli.words import hours, join_and, lower_first, money, years

Validator = Callable[[str], bool | str]

LOOKS_RIGHT = "Looks right: show my plan"
SKIP = ""  # the value of a choice that leaves an answer not given (education: "Rather not say")


class EndOfInput(KeyboardInterrupt):
    """Ctrl-D (or the end of the input) at a question: cancels like Ctrl-C."""


def _ask(question: Any) -> Any:
    """The answer; Ctrl-C raises KeyboardInterrupt (``unsafe_ask``), Ctrl-D :class:`EndOfInput`."""
    try:
        return question.unsafe_ask()
    except EOFError:
        raise EndOfInput() from None


# A step of the wizard: one question, or the yes/no questions of one group asked as one checkbox.
Step = tuple[str, tuple[Question, ...]]


def _steps() -> list[Step]:
    steps: list[Step] = []
    for q in QUESTIONS:
        if q.group and steps and steps[-1][0] == q.group:
            steps[-1] = (q.group, (*steps[-1][1], q))
        else:
            steps.append((q.group or q.key, (q,)))
    return steps


STEPS = _steps()


class _Wizard:
    def __init__(self, answers: Mapping[str, Any], catalog: Catalog, io: dict[str, Any]) -> None:
        self.got = Answers(answers, getattr(answers, "labels", {}))
        self.catalog = catalog
        self.io = io
        self.settled = set(answers)  # given, or asked here (an answer may be "not given")
        self.mine: set[str] = set()  # answered here

    # -- the dialogue

    def run(self) -> Profile:
        self.fill()
        while self.mine and (step := self.review()) is not None:  # nothing asked: nothing to review
            self.ask(step, again=True)
            self.settle()
            self.fill()
        return to_profile(self.told())

    def told(self) -> Answers:
        """The answers for the engine. Kinds of work asked here account for the years of coding or billing work
        given before them: only what they leave over stays "of a kind not said" (``experience_years``)."""
        kinds = self.got.get("experience")
        if "experience" not in self.mine or not kinds:
            return self.got
        said = sum(y for k, y in kinds.items() if k in CODING_OR_BILLING)
        got = Answers(self.got, self.got.labels)
        got["experience_years"] = max(0.0, float(got.get("experience_years") or 0) - said)
        return got

    def fill(self) -> None:
        """Ask each question that matters and has no answer yet, in order."""
        for step in STEPS:
            if self.open(step):
                self.ask(step, again=False)

    def open(self, step: Step) -> tuple[Question, ...]:
        return tuple(q for q in self.applies(step) if q.key not in self.settled)

    def applies(self, step: Step) -> tuple[Question, ...]:
        return tuple(q for q in step[1] if q.asked(self.got))

    def settle(self) -> None:
        """After a change, drop the answers that no longer apply: those given here, and any that now
        contradict another answer (preferences once the goal is not 'unsure', first-time prices once
        a membership is ticked)."""
        for q in QUESTIONS:
            if q.key in self.got and not q.asked(self.got):
                rest = {k: v for k, v in self.got.items() if k != q.key}
                if q.key in self.mine or (conflict(self.got) and not conflict(rest)):
                    del self.got[q.key]
            if not q.asked(self.got) and q.key not in self.got:
                self.settled.discard(q.key)
                self.mine.discard(q.key)

    def review(self) -> Step | None:
        """The answers so far, and the step to change (None: they look right)."""
        shown = [(step, self.shown(step)) for step in STEPS if self.applies(step)]
        width = max(len(_label(step)) for step, _ in shown)
        lines = "\n".join(f"  {_label(step) + ':':<{width + 1}} {text}" for step, text in shown)
        self.say(f"\nYour answers:\n{lines}\n")
        choice = _ask(questionary.select(
            "Ready for your plan?",
            choices=[Choice(LOOKS_RIGHT, value=SKIP)]
            + [Choice(f"Change {lower_first(_label(step))}", value=step[0]) for step, _ in shown],
            **self.io,
        ))
        return next((step for step in STEPS if step[0] == choice), None)

    def say(self, text: str) -> None:
        from prompt_toolkit import print_formatted_text

        print_formatted_text(text, output=self.io.get("output"))

    # -- one step

    def ask(self, step: Step, *, again: bool) -> None:
        questions = self.applies(step) if again else self.open(step)
        first = questions[0]
        if first.group:
            self.ask_group(questions)
            return
        value = getattr(self, f"ask_{first.kind}")(first)
        self.settled.add(first.key)
        self.mine.add(first.key)
        if value is None or value == SKIP:
            self.got.pop(first.key, None)
        else:
            self.got[first.key] = value
            self.got.labels.pop(first.key, None)

    def ask_one(self, q: Question) -> Any:
        choices = [Choice(c.title, value=c.value) for c in q.choices]
        if not q.required and q.default is None:
            choices.append(Choice(q.skip, value=SKIP))
        current = self.got.get(q.key, q.default)
        if current is None and choices[-1].value == SKIP:
            current = SKIP
        return _ask(questionary.select(q.prompt, choices=choices, default=current, **self.io))

    def ask_many(self, q: Question) -> tuple[str, ...]:
        current = self.got.get(q.key, ())
        return tuple(_ask(questionary.checkbox(
            q.prompt,
            choices=[Choice(c.title, value=c.value, checked=c.value in current) for c in q.choices],
            instruction=q.instruction,
            **self.io,
        )))

    def ask_organizations(self, q: Question) -> tuple[str, ...]:
        """Memberships, with the issuer of each held credential ticked already."""
        current = set(self.got.get(q.key, ()))
        if q.key not in self.got:
            current |= {self.catalog.credential(code).issuer for code in self.got.get("held", ())}
        orgs = [org for org in self.catalog.organizations.values() if org.membership.tiers]
        return tuple(_ask(questionary.checkbox(
            q.prompt,
            choices=[Choice(org.name, value=org.code, checked=org.code in current) for org in orgs],
            instruction=q.instruction,
            **self.io,
        )))

    def ask_group(self, questions: tuple[Question, ...]) -> None:
        ticked = _ask(questionary.checkbox(
            GROUP_PROMPTS[questions[0].group or ""],
            choices=[Choice(q.prompt, value=q.key, checked=bool(self.got.get(q.key))) for q in questions],
            instruction="(space ticks, Enter when done)",
            **self.io,
        ))
        for q in questions:
            self.got[q.key] = q.key in ticked
            self.got.labels.pop(q.key, None)
            self.settled.add(q.key)
            self.mine.add(q.key)

    def ask_text(self, q: Question) -> Any:
        """A typed answer, checked as the flag would be; Enter gives the default."""
        current = self.got.get(q.key)
        if isinstance(current, tuple):
            current = " ".join(current)
        text = _ask(questionary.text(
            q.prompt,
            instruction=q.instruction,
            default="" if current is None else _plain(current),
            validate=_validator(q.key, self.catalog),
            **self.io,
        ))
        if not text.strip():
            return () if q.repeatable else q.default
        return check_value(q.key, text, self.catalog)

    ask_number = ask_whole = ask_credentials = ask_specialty = ask_text

    def ask_kind_years(self, q: Question) -> Any:
        """A checkbox of the kinds of work, then the years of each kind ticked; none ticked: not given."""
        current = dict(self.got.get(q.key) or {})
        kinds = _ask(questionary.checkbox(
            q.prompt,
            choices=[Choice(c.title, value=c.value, checked=c.value in current) for c in q.choices],
            instruction=q.instruction,
            **self.io,
        ))
        told = self.got.get("experience_years") or 0
        out: dict[str, float] = {}
        for kind in kinds:
            default = current.get(kind)
            if default is None and len(kinds) == 1 and kind in CODING_OR_BILLING:
                default = told  # the one kind of the years just given
            text = _ask(questionary.text(
                f"Years of {q.words_for(kind)}?",
                instruction="(Enter for 0)" if default is None else "",
                default="" if default is None else _plain(default),
                validate=_validator("experience_years", self.catalog),
                **self.io,
            ))
            out[kind] = check_value("experience_years", text, self.catalog) if text.strip() else 0.0
        return out or SKIP

    def ask_yes_no(self, q: Question) -> Any:
        current = self.got.get(q.key, q.default)
        return _ask(questionary.confirm(q.prompt, default=bool(current), **self.io))

    # -- the summary

    def shown(self, step: Step) -> str:
        questions = self.applies(step)
        if questions[0].group:
            return join_and([q.label for q in questions if self.got.get(q.key)], "none")
        q = questions[0]
        value = self.got.get(q.key, () if q.repeatable else q.default)
        if value is None:
            return "none" if q.kind == "specialty" else ("not given" if q.skip == RATHER_NOT_SAY else q.skip)
        if q.kind == "one":
            return next(c.title for c in q.choices if c.value == value)
        if q.kind == "many":
            return "; ".join(q.words_for(v) for v in value) or "none"  # words that hold "and" themselves
        if q.kind == "kind_years":
            return ", ".join(f"{q.words_for(k)} {years(v)}" for k, v in dict(value).items()) or "none"
        if q.kind == "yes_no":
            return "yes" if value else ("no" if value is False else "not given")
        if q.repeatable:
            return ", ".join(value) or "none"
        if q.kind in ("number", "whole"):
            say: Callable[[Any], str] = {" of years": years, " of hours": hours, " of US dollars": money,
                                         " of hours a week": lambda n: f"{hours(n)} a week"}.get(q.unit, _plain)
            return say(value)
        return str(value)


def _label(step: Step) -> str:
    name, questions = step
    return GROUP_LABELS.get(name, questions[0].label)


def _plain(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value == int(value) else str(value)


def ask_profile(answers: Mapping[str, Any], catalog: Catalog, *, to_stderr: bool = False) -> Profile:
    """The person's Profile: ``answers`` (already checked) plus what the questions fill in.

    ``to_stderr`` draws the questions on stderr (when stdout is a file or a pipe).
    """
    io: dict[str, Any] = {}
    if to_stderr:
        from prompt_toolkit.output import create_output

        io["output"] = create_output(stdout=sys.stderr)
    return _Wizard(answers, catalog, io).run()


def _complaint(exc: UsageError) -> str:
    """The answers checker's message, as a prompt shows it under the answer."""
    message = exc.message.lstrip(": ")
    return message[:1].upper() + message[1:]


def _validator(key: str, catalog: Catalog) -> Validator:
    def validate(text: str) -> bool | str:
        if not text.strip():
            return True  # Enter: the default
        try:
            check_value(key, text, catalog, label="")
        except UsageError as exc:
            return _complaint(exc)
        return True

    return validate
