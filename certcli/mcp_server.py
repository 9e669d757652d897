"""``certcli mcp``: certcli's sourced answers for AI assistants, as a Model Context Protocol
server over stdio.

Each tool is one call into :mod:`certcli.documents`, the functions that build the commands'
``--json`` documents, so a tool answers with exactly the document the matching command prints
(same keys, same ``schema_version`` and ``data_version``), and publishes as its output schema
that document's model in :mod:`certcli.contract`. The catalog is loaded once, when
the server starts; every call after that reads it.

A mistake in a call (an unknown code, a bad answers key) comes back as a tool error carrying
certcli's one-line message, and the server answers the next call. Only :func:`serve` and what it
calls import the ``mcp`` SDK (the optional extra ``certcli[mcp]``): the tools themselves are the
plain methods of :class:`Tools`, so ``certcli mcp --list-tools`` works without it.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field

from certcli.errors import CertcliError, UsageError
from certcli.questions import QUESTIONS, Question

if TYPE_CHECKING:
    from certcli.catalog import Catalog

INSTALL = 'certcli mcp needs the MCP Python SDK: pip install "certcli[mcp]"'

INSTRUCTIONS = (
    "certcli answers questions about US medical billing and coding certifications (AAPC, AHIMA, "
    "NHA, AMBA and others) from an offline catalog in which every figure has a source and the year "
    "it is as of. Each tool returns the JSON document of the matching certcli command. When you "
    "answer from it: give each figure with its as-of year and its source (the document's `sources` "
    "map has each source's URL); say 'not published' where a value is null, never guess one; and "
    "tell the person to check the issuer's own page (the source URL) before paying, because fees "
    "and rules change. Never say a certification is legally required to work in coding or billing."
)

# Said at the end of every description, so that a model reading one tool alone still knows.
_CITE = (
    " Show the as-of year and source of every figure you use (`as_of`, `source`, and the document's "
    "`sources` map with URLs); a null value is 'not published', not zero. Send the person to the "
    "issuer's page (the source URL) to confirm before they pay."
)

Codes = Annotated[list[str], Field(description="Credential codes, any case; aliases work (CPC, CCS-P, CPC-H, CPC-A).")]
Member = Annotated[bool | None, Field(
    description="true: member prices; false: non-member prices (memberships an exam requires, like AAPC's, "
    "are still counted); null: certcli picks the cheaper where membership is optional and says why.")]
Student = Annotated[bool, Field(description="A student: student dues (and exam prices) where published.")]
FirstTime = Annotated[bool, Field(description="Joining an association for the first time.")]
Senior = Annotated[bool, Field(description="Aged 65 or older: 65+ dues where published.")]


def _takes(q: Question) -> str:
    """What one answers key takes, in a few words, from the QUESTIONS table."""
    if q.kind == "kind_years":
        return "years by kind of work, e.g. {\"billing\": 2}, kinds: " + ", ".join(q.values)
    if q.values:
        return ("one of " if q.kind == "one" else "a list of any of ") + ", ".join(q.values)
    return {
        "credentials": "a list of credential codes",
        "organizations": "a list of organization codes (AAPC, AHIMA…)",
        "number": "a number",
        "whole": "a whole number",
        "yes_no": "true or false",
        "specialty": "a specialty, e.g. cardiology",
        "date": "a date, YYYY-MM-DD",
    }.get(q.kind) or q.help


ANSWERS_HELP = (
    "The person's answers, the keys of an answers file for `certcli advise --answers` (unknown keys are an "
    "error naming the key; leave out what the person has not said): "
    + "; ".join(f"{q.key}{' (required)' if q.required else ''}: {_takes(q)}" for q in QUESTIONS)
    + "."
)
Attempts = Annotated[int, Field(description="Exam attempts to budget: 1, or 2 (the 2-attempt package, or a retake).")]


class Tools:
    """The tools, over one catalog (loaded on the first call, then kept for the process).

    ``today`` is the clock (``date.today`` unless a test fixes it)."""

    def __init__(self, load: Callable[[], Catalog], today: Callable[[], date] = date.today) -> None:
        self._load = load
        self._catalog: Catalog | None = None
        self.today = today

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = self._load()
        return self._catalog

    # Each tool's document, by its name in certcli.contract (``certcli schema NAME``): its output schema.
    DOCUMENTS = {
        "search_credentials": "search",
        "show_credential": "show",
        "compare_credentials": "compare",
        "list_credentials": "list",
        "fees": "fees",
        "memberships": "memberships",
        "cost_of_path": "cost",
        "advise": "advise",
        "renewal_plan": "renew",
    }

    def functions(self) -> list[Callable[..., dict[str, Any]]]:
        """The tool functions, in the order a client lists them: their names, parameters and
        docstrings are the tools' names, input schemas and descriptions."""
        return [
            self.search_credentials,
            self.show_credential,
            self.compare_credentials,
            self.list_credentials,
            self.fees,
            self.memberships,
            self.cost_of_path,
            self.advise,
            self.renewal_plan,
        ]

    # ------------------------------------------------------------------ browsing

    def search_credentials(
        self,
        text: Annotated[str, Field(description="Words to look for: a code, a name, a specialty (cardiology), "
                                               "a setting (inpatient).")],
    ) -> dict[str, Any]:
        """Find US medical billing and coding credentials by code, name, alias, specialty, setting or
        summary. Returns the document of `certcli search TEXT --json`: `results`, best match first,
        each with its code, name and issuer (an empty list when nothing matches: try a broader word,
        or list_credentials). Follow up with show_credential for the facts of one."""
        from certcli.documents import search_document

        return search_document(self.catalog, text)

    def show_credential(
        self,
        code: Annotated[str, Field(description="A credential code, any case; aliases work (CPC, CCS-P, CPC-H).")],
    ) -> dict[str, Any]:
        """Everything certcli knows about one credential: the exam (questions, minutes, format,
        open book or not), exam fees for members and non-members, eligibility, apprentice rules,
        renewal (CEUs per cycle, fees), salary figures and their sources. Returns the document of
        `certcli show CODE --json`: each fact has the `value` in use (money: `amount` and
        `currency`; null when not published), its `as_of` year, `source` and `status`, and every
        claim seen (`claims`), with `disputed` when sources disagree. Numbers are numbers:
        `exam.questions.value`, `exam.passing.percent`, `exam_fee.non_member.amount`,
        `renewal.ceus.hours`. An unknown code is an error that suggests the nearest one."""
        from certcli.documents import show_document

        return show_document(self.catalog, code, self.today())

    def compare_credentials(self, codes: Codes) -> dict[str, Any]:
        """Two or more credentials side by side. Returns the document of `certcli compare CODE CODE…
        --json`: `credentials` maps each code to the fields `show_credential` gives (exam, fees,
        eligibility, renewal, salary, each with its source and as-of year), and `differs` lists the
        field paths whose values differ. Use it for "CPC or CCS?" questions."""
        from certcli.documents import compare_document

        return compare_document(self.catalog, codes, self.today())

    def list_credentials(
        self,
        issuer: Annotated[str | None, Field(description="Only this issuer: AAPC, AHIMA, NHA, AMBA…")] = None,
        category: Annotated[str | None, Field(description="Only this category: coding, billing, specialty…")] = None,
        setting: Annotated[str | None, Field(description="Only credentials for this work setting, e.g. "
                                                         "physician_office, hospital_inpatient.")] = None,
        level: Annotated[str | None, Field(description="entry, intermediate, advanced or specialty.")] = None,
        status: Annotated[str | None, Field(description="active, retired or unconfirmed.")] = None,
    ) -> dict[str, Any]:
        """The credentials in the catalog that pass every filter given (none: all of them), grouped
        by issuer, entry level first. Returns the document of `certcli list --json`."""
        from certcli.documents import list_document

        return list_document(self.catalog, issuer=issuer, category=category, setting=setting, level=level,
                             status=status)

    # ------------------------------------------------------------------ money

    def fees(
        self,
        codes: Annotated[list[str] | None, Field(description="Credential codes; null or empty: every credential.")]
        = None,
        member: Member = None,
        student: Student = False,
        first_time: FirstTime = False,
        senior: Senior = False,
        attempts: Attempts = 1,
    ) -> dict[str, Any]:
        """Exam fees, attempts included, membership dues and the first-year total of each credential,
        for this buyer. Where an exam is sold to members only (AAPC, AMBA) a year's dues are counted
        even for non-members. Returns the document of `certcli fees CODE… --json`; unknown amounts
        are null and make a total incomplete, never zero."""
        from certcli.documents import fees_document

        return fees_document(self.catalog, codes or None, self.today(), member=member, student=student,
                             first_time=first_time, senior=senior, attempts=attempts)

    def memberships(
        self,
        codes: Annotated[list[str] | None, Field(description="Only the issuers of these credentials; null or "
                                                             "empty: every organization.")] = None,
    ) -> dict[str, Any]:
        """Each organization's membership tiers and yearly dues (student, 65+, first-time where
        published). Returns the document of `certcli fees --memberships --json`."""
        from certcli.documents import memberships_document

        return memberships_document(self.catalog, codes or None, self.today())

    def cost_of_path(
        self,
        codes: Annotated[list[str], Field(description="The credentials to earn, in order (one exam a year), "
                                                      "e.g. [\"CPC\", \"CRC\"].")],
        years: Annotated[int, Field(description="Years to plan for, 1 to 50.")] = 4,
        member: Member = None,
        student: Student = False,
        first_time: FirstTime = False,
        senior: Senior = False,
        attempts: Attempts = 1,
        held: Annotated[list[str] | None, Field(description="Credentials already held: no exam fee, but their "
                                                            "issuer's dues and renewal fees count.")] = None,
    ) -> dict[str, Any]:
        """The total cost of earning and keeping credentials over N years, itemized by year: exam
        fees, membership dues, recertification fees, retakes with attempts 2; the cheapest
        membership choice explained, and whether membership pays for itself. Returns the document of
        `certcli cost CODE… --years N --json`. Unknown amounts are listed and make the total
        incomplete; say so rather than quoting the total as complete."""
        from certcli.documents import cost_document

        return cost_document(self.catalog, codes, self.today(), years=years, member=member, student=student,
                             first_time=first_time, senior=senior, attempts=attempts, held=held or ())

    # ------------------------------------------------------------------ advising, keeping

    def advise(
        self,
        answers: Annotated[dict[str, Any], Field(description=ANSWERS_HELP)],
    ) -> dict[str, Any]:
        """A recommended path of credentials for a person, from their answers: each step with why,
        eligibility now, exam facts and costs, then renewal, the total over the years, alternatives,
        honest notes and sources. Returns the document of `certcli advise --answers FILE --json`.
        Present the steps in order with their reasons, and the notes; it is advice, not a rule: no
        certification is legally required to work in coding or billing."""
        from certcli.documents import advise_document

        catalog = self.catalog
        return advise_document(catalog, checked_profile(answers, catalog), self.today())

    def renewal_plan(
        self,
        held: Annotated[list[str], Field(
            description="The credentials held, as `certcli renew` takes them: CPC, CPC@2024-03-15 (the date "
            "earned) or CPC@end:2026-06-30 (the end of the current cycle).")],
        member: Annotated[bool | None, Field(
            description="Membership of issuers where it is optional (AHIMA): the recertification fee differs. "
            "null: both prices.")] = None,
        drop: Annotated[str | None, Field(
            description="Also show what letting this one credential go saves (CEUs and fees per cycle).")] = None,
    ) -> dict[str, Any]:
        """What it takes to keep the credentials a person holds: CEUs under each issuer's stacking
        rule (AAPC 36/40/44/48/52 for 1/2/3/4/5+ credentials, AHIMA's own rule…), subject CEUs,
        next due dates when dates are given, dues and recertification fees, grace, late fee, lapse
        and reinstatement. Returns the document of `certcli renew CODE[@DATE]… --json`."""
        from certcli.documents import renew_document

        return renew_document(self.catalog, held, self.today(), member=member, drop=drop, ceu_log=False)


def checked_profile(answers: dict[str, Any], catalog: Catalog) -> Any:
    """The Profile for ``advise``'s answers, checked as an answers file is (errors name ``answers: KEY``)."""
    from certcli.answers import check_answers, to_profile

    return to_profile(check_answers(answers, catalog, lambda key: f"answers: {key}"))


def description(function: Callable[..., Any]) -> str:
    """A tool's description: its docstring as one paragraph, then what every answer asks of the assistant."""
    return " ".join(inspect.getdoc(function).split()) + _CITE  # type: ignore[union-attr]


def parameters(function: Callable[..., Any]) -> list[dict[str, Any]]:
    """A tool's parameters: name, whether required, and description (for ``--list-tools``)."""
    out = []
    for name, param in inspect.signature(function, eval_str=True).parameters.items():
        meta = getattr(param.annotation, "__metadata__", ())
        text = next((m.description for m in meta if getattr(m, "description", None)), "")
        out.append({"name": name, "required": param.default is inspect.Parameter.empty, "description": text})
    return out


def tool_list(tools: Tools) -> list[dict[str, Any]]:
    return [
        {"name": f.__name__, "description": description(f), "parameters": parameters(f)}
        for f in tools.functions()
    ]


def answered(function: Callable[..., dict[str, Any]], document: type[Any]) -> Callable[..., Any]:
    """The tool the SDK registers: ``function``'s document as the call's text (the JSON the command
    prints) and its structured content, whose output schema is ``document`` (certcli.contract's model,
    as ``certcli schema`` prints it); a :class:`CertcliError` as a tool error, its one line the text."""
    from mcp_types import CallToolResult, TextContent

    def tool(**arguments: Any) -> CallToolResult:
        try:
            doc = function(**arguments)
        except CertcliError as exc:
            return CallToolResult(content=[TextContent(type="text", text=exc.message)], is_error=True)
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=doc)

    tool.__name__ = function.__name__
    tool.__doc__ = description(function)
    tool.__signature__ = inspect.signature(function, eval_str=True).replace(  # type: ignore[attr-defined]
        return_annotation=Annotated[CallToolResult, document]  # the SDK's way to give a result's schema
    )
    return tool


def argument_error(tool: str, exc: Any) -> str:
    """Arguments that do not fit a tool's input schema, in one line (pydantic's own runs to many)."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "arguments"
    more = len(errors) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    got = f", got {first['input']!r}" if first["type"] != "missing" else ""
    return f"{tool}: {where}: {first['msg']}{got}.{tail}"


def build_server(tools: Tools) -> Any:
    """The MCP server with every tool registered (not yet running)."""
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError
    from pydantic import ValidationError

    from certcli import __version__
    from certcli.contract import DOCUMENTS

    class Server(MCPServer[Any]):
        async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
            try:
                return await super().call_tool(name, arguments, context)
            except ToolError as exc:
                if isinstance(exc.__cause__, ValidationError):
                    raise ToolError(argument_error(name, exc.__cause__)) from exc.__cause__
                raise

    server = Server(name="certcli", version=__version__, instructions=INSTRUCTIONS, log_level="WARNING")
    for function in tools.functions():
        document = DOCUMENTS[Tools.DOCUMENTS[function.__name__]]
        server.add_tool(answered(function, document), name=function.__name__, description=description(function))
    return server


def serve(load: Callable[[], Catalog]) -> None:
    """Load the catalog (a data problem ends the run before anything is served), then answer
    MCP requests on stdin/stdout until the client closes stdin."""
    try:
        import mcp_types  # noqa: F401
        from mcp.server.mcpserver import MCPServer  # noqa: F401 (mcp 2: MCPServer; mcp 1 had FastMCP)
    except ImportError:
        raise UsageError(INSTALL) from None
    tools = Tools(load)
    tools.catalog  # noqa: B018 (loaded once, now)
    build_server(tools).run("stdio")
