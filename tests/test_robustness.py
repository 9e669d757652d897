"""Odd surroundings and odd input, as a user meets them: closed pipes, no colour, dumb and
narrow terminals, a full disk, arbitrary command lines, answers files and data files, YAML
that tries to build Python objects, and a catalog cache that is broken or out of date.

Most tests run the real console script in subprocesses (several at once, to stay fast); the
property tests run in-process, with a few hundred examples per run.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from certcli.cli import EXIT_CANCELLED, EXIT_DATA, EXIT_OK, EXIT_USAGE, app
from tests.conftest import DATA, is_source_url

EXIT_CODES = {EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_CANCELLED}
ESC = "\x1b"
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")  # a colour, not bold
ANSWERS = "goal: coding\nsetting: physician_office\n"

# the non-interactive commands, each with arguments that succeed on the shipped data
COMMANDS = [
    ["list"],
    ["show", "CPC"],
    ["compare", "CPC", "CCS"],
    ["search", "cardiology"],
    ["fees", "--member"],
    ["cost", "CPC", "CPB"],
    ["renew", "CPC", "CRC"],
    ["advise", "--answers", "{answers}"],
]
# rendering that must fit a narrow terminal (the help texts included)
NARROW = [*COMMANDS, ["--help"], ["list", "--help"], ["show", "--help"], ["compare", "--help"]]
# the real console script runs a sample (each process costs a start-up); in-process runs cover the rest
SAMPLE = [["list"], ["show", "CPC", "--json"], ["compare", "CPC", "CCS"], ["renew", "CPC", "CRC"],
          ["advise", "--answers", "{answers}"], ["--help"]]  # fmt: skip
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


# --------------------------------------------------------------------------- running the real script


def _script() -> list[str]:
    beside = Path(sys.executable).parent / "certcli"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "certcli"]


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """certcli's catalog cache for these tests, not the one in the real home."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _own_cache(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))


@pytest.fixture(scope="module")
def answers_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("answers") / "answers.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


@dataclass
class Run:
    args: list[str]
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        shown = " ".join(self.args)
        return f"certcli {shown} → exit {self.code}\nstdout:\n{self.stdout[-1500:]}\nstderr:\n{self.stderr}"


def _env(cache_home: Path, **extra: str) -> dict[str, str]:
    drop = {"NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLUMNS", "LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("CERTCLI_")}
    env["XDG_CACHE_HOME"] = str(cache_home)
    env.update(extra)
    return env


def _fill(args: Sequence[str], answers: Path) -> list[str]:
    return [a.replace("{answers}", str(answers)) for a in args]


def certcli(args: Sequence[str], env: dict[str, str], stdout: Any = subprocess.PIPE) -> Run:
    done = subprocess.run(
        [*_script(), *args], stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE, env=env, timeout=120
    )
    out = done.stdout.decode("utf-8", "replace") if isinstance(done.stdout, bytes) else ""
    return Run(list(args), done.returncode, out, done.stderr.decode("utf-8", "replace"))


def run_all(jobs: list[Any]) -> list[Any]:
    """Run zero-argument callables side by side (each one starts a process)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda job: job(), jobs))


def no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stdout + run.stderr, str(run)


# --------------------------------------------------------------------------- closed pipes


def test_a_closed_pipe_ends_quietly(cache_home: Path, answers_file: Path) -> None:
    """The reader is gone before the first write: no traceback, no word, exit 0 (the reader had
    what it wanted: `certcli fees | head -1` is no failure)."""
    argvs = [_fill(a, answers_file) for a in SAMPLE]

    def closed(args: list[str]) -> Any:
        def job() -> Run:
            read, write = os.pipe()
            os.close(read)
            try:
                return certcli(args, _env(cache_home), stdout=write)
            finally:
                os.close(write)

        return job

    for run in run_all([closed(a) for a in argvs]):
        assert run.stderr == "", str(run)
        assert run.code == EXIT_OK, str(run)


def test_certcli_list_into_head_shows_no_error(cache_home: Path) -> None:
    if _script()[0] == sys.executable:
        pytest.skip("the certcli console script is not installed beside this Python")
    env = _env(cache_home, PATH=f"{Path(_script()[0]).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    pipeline = ["bash", "-c", "certcli list | head -1"]
    done = subprocess.run(pipeline, capture_output=True, text=True, env=env, timeout=120)
    assert done.stderr == "", done.stderr
    assert done.stdout.count("\n") == 1 and "Code" in done.stdout, done.stdout  # the table's header line


def test_a_full_disk_is_one_error_line(cache_home: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    argvs = [["list"], ["--help"]]
    with open("/dev/full", "wb") as full:
        runs = run_all([lambda a=a: certcli(a, _env(cache_home), stdout=full) for a in argvs])
    for run in runs:
        assert run.code == EXIT_DATA, str(run)
        assert run.stderr == "Error: No space left on device\n", str(run)


# --------------------------------------------------------------------------- colour, width and terminals


def _too_wide(text: str, columns: int) -> list[str]:
    return [line for line in ANSI.sub("", text).splitlines() if cell_len(line) > columns and not is_source_url(line)]


def test_output_into_a_pipe_has_no_escape_codes(cache_home: Path, answers_file: Path) -> None:
    argvs = [_fill(a, answers_file) for a in SAMPLE]
    for run in run_all([lambda a=a: certcli(a, _env(cache_home)) for a in argvs]):
        assert run.code == 0, str(run)
        assert ESC not in run.stdout + run.stderr, str(run)


@pytest.mark.parametrize("args", NARROW, ids=[" ".join(a) for a in NARROW])
def test_40_columns_keep_every_line_within_40(args: list[str], answers_file: Path) -> None:
    result = invoke(_fill(args, answers_file), env={"COLUMNS": "40"})
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stderr}"
    wide = _too_wide(result.stdout, 40)
    assert not wide, f"{len(wide)} lines wider than 40 columns:\n" + "\n".join(wide[:5])


def _in_terminal(args: list[str], env: dict[str, str], columns: int = 80) -> tuple[int, str]:
    """Run certcli with a pseudo-terminal as stdin, stdout and stderr."""
    import fcntl
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen([*_script(), *args], stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


TERMINAL_CASES = {
    "TERM=dumb": ({"TERM": "dumb"}, 80),
    "NO_COLOR=1, 40 columns": ({"TERM": "xterm-256color", "NO_COLOR": "1"}, 40),  # rich takes dumb as 80 wide
    "colour terminal": ({"TERM": "xterm-256color"}, 80),
}


@pytest.mark.terminal
def test_terminals_get_what_they_can_show(cache_home: Path) -> None:
    def job(case: str) -> Any:
        extra, columns = TERMINAL_CASES[case]
        return lambda: (case, _in_terminal(["compare", "CPC", "CCS"], _env(cache_home, **extra), columns))

    results = dict(run_all([job(case) for case in TERMINAL_CASES]))
    for case, (code, out) in results.items():
        assert code == 0, f"{case}: exit {code}\n{out}"
        assert "Traceback" not in out and "CPC" in out, f"{case}:\n{out}"
    assert ESC not in results["TERM=dumb"][1]
    no_color = results["NO_COLOR=1, 40 columns"][1]
    assert COLOUR.search(no_color) is None  # bold may stay: NO_COLOR is about colour
    assert not _too_wide(no_color, 40), "\n".join(_too_wide(no_color, 40)[:5])
    assert COLOUR.search(results["colour terminal"][1]), "no colour in a colour terminal: these checks see nothing"


# --------------------------------------------------------------------------- YAML that builds Python objects

TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
]


@pytest.mark.parametrize("tag", TAGS)
def test_a_data_file_with_a_python_tag_is_refused(tag: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    marker = tmp_path / "pwned"
    seeds = data / "seeds.yaml"
    seeds.write_text(seeds.read_text().replace("confidence: seed", "confidence: " + tag.format(marker=marker), 1))
    result = CliRunner().invoke(app, ["--data-dir", str(data), "show", "CPC"], env={"CERTCLI_DATA_DIR": None})
    assert result.exit_code == EXIT_DATA, result.stdout
    assert re.match(r"Error: .*seeds\.yaml: line \d+: refused YAML tag", result.stderr), result.stderr
    assert result.stdout == ""
    assert not marker.exists()


@pytest.mark.parametrize("tag", TAGS)
def test_an_answers_file_with_a_python_tag_is_refused(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    answers = tmp_path / "answers.yaml"
    answers.write_text("goal: " + tag.format(marker=marker) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["advise", "--answers", str(answers), "--json"])
    assert result.exit_code == EXIT_USAGE, result.stdout
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert json.loads(result.stdout)["error"]["code"] == EXIT_USAGE  # --json: the error as its one document
    assert not marker.exists()


# --------------------------------------------------------------------------- the catalog cache


def _catalog_doc(data: Path, cache_home: Path, **extra: str) -> Run:
    return certcli(["--data-dir", str(data), "show", "CPC", "--json"], _env(cache_home, **extra))


def _questions(run: Run) -> Any:
    assert run.code == 0, str(run)
    doc = json.loads(run.stdout)
    return doc["exam"]["questions"]["value"]


def test_the_cache_follows_the_data_files(tmp_path: Path) -> None:
    """A cached catalog is used only for the same bytes: an edited figure shows at once."""
    data, home = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(DATA, data)
    assert _questions(_catalog_doc(data, home)) == 100  # CPC: 100 questions (data/aapc.yaml)
    assert list((home / "certcli").glob("catalog-*.pickle")), "the first run keeps the catalog"
    assert _questions(_catalog_doc(data, home)) == 100  # from the cache

    aapc = data / "aapc.yaml"
    text = aapc.read_text()
    cpc = text.index("  - code: CPC\n")
    at = text.index("value: 100", cpc)
    aapc.write_text(text[:at] + "value: 99" + text[at + len("value: 100"):])
    assert _questions(_catalog_doc(data, home)) == 99


def test_a_broken_cache_is_ignored_silently(tmp_path: Path) -> None:
    data, home = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(DATA, data)
    first = _catalog_doc(data, home)
    [entry] = (home / "certcli").glob("catalog-*.pickle")
    for garbage in (b"\x00not a pickle", entry.read_bytes()[:1000]):
        entry.write_bytes(garbage)
        again = _catalog_doc(data, home)
        assert again.code == 0 and again.stderr == "", str(again)
        assert json.loads(again.stdout) == json.loads(first.stdout)


def test_the_cache_can_be_turned_off_and_never_keeps_bad_data(tmp_path: Path) -> None:
    data, home = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(DATA, data)
    assert _catalog_doc(data, home, CERTCLI_NO_CACHE="1").code == 0
    assert not (home / "certcli").exists()

    seeds = data / "seeds.yaml"
    seeds.write_text(seeds.read_text().replace("confidence: seed", "confidence: sure", 1))
    assert _catalog_doc(data, home).code == EXIT_DATA
    assert not (home / "certcli").exists()


def test_a_warm_cache_spares_the_yaml_parser(cache_home: Path) -> None:
    """Start-up: with the catalog cached, a browse command does not even import yaml."""
    probe = (
        "import sys\nfrom certcli.cli import main\nsys.argv = ['certcli', 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('yaml' in sys.modules, file=sys.stderr)\n"
    )
    env = _env(cache_home)
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env) for _ in range(2)]
    assert runs[1].returncode == 0, runs[1].stderr
    assert runs[1].stderr.strip().splitlines()[-1] == "False", runs[1].stderr


# --------------------------------------------------------------------------- property tests

ROOT = typer.main.get_command(app)


def _leaves(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    subs = getattr(command, "commands", None)
    if not subs:
        yield path, command
        return
    for name, sub in sorted(subs.items()):
        yield from _leaves(sub, (*path, name))


LEAVES = dict(_leaves(ROOT))
CODES = ["CPC", "cpc", "CCS-P", "ccsp", "CPC-H", "CRC", "CPB", "CCA", "RHIA", "CPX", "", "c", "CPC@2024-03-15",
         "CPC@end:2027-01-31", "CCS@2023-02-29", "CPC@2099-01-01", "CPC@", "@", "AAPC", "ahima"]  # fmt: skip
WORDS = ["--", "-", "-x", "--json", "--help", "0", "-1", "2", "51", "1e9", "nan", "coding", "billing",
         "physician_office", "hospital_inpatient", "cardiology", "yes", "/nonexistent", "~", "%s", "{}"]  # fmt: skip
OPTIONS = sorted({opt for cmd in LEAVES.values() for p in cmd.params for opt in getattr(p, "opts", [])})

token = st.one_of(
    st.sampled_from(CODES + WORDS + OPTIONS),
    st.text(max_size=10),
    st.text(alphabet="CPScps-_@:/0123456789 ", max_size=12),
)
command_line = st.tuples(st.sampled_from(sorted(LEAVES)), st.lists(token, max_size=6)).map(lambda t: [*t[0], *t[1]])


def invoke(args: list[str], env: dict[str, str | None] | None = None) -> Any:
    base: dict[str, str | None] = {"CERTCLI_DATA_DIR": None, "COLUMNS": "80", "NO_COLOR": "1"}
    return CliRunner().invoke(app, args, env={**base, **(env or {})})


def assert_clean_exit(args: list[str], result: Any) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), f"{args!r} raised {result.exception!r}"
    assert result.exit_code in EXIT_CODES, f"{args!r} exited {result.exit_code}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr, args
    if result.exit_code != 0 and not _is_json_report(result.stdout):
        assert result.stderr.strip(), f"{args!r} failed without a word on stderr"


def _is_json_report(stdout: str) -> bool:
    """`data check --json` reports the problems it finds as its JSON result (and exits 1)."""
    try:
        return isinstance(json.loads(stdout), dict)
    except ValueError:
        return False


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=command_line)
def test_any_command_line_ends_in_an_answer_or_one_error(args: list[str]) -> None:
    assert_clean_exit(args, invoke(args))


REPORTS = {("data", "check"), ("search",)}  # exit 1 with a JSON document that says why


@settings(max_examples=40, deadline=None)
@given(command=st.sampled_from(sorted(LEAVES)), codes=st.lists(st.sampled_from(CODES), max_size=3))
def test_json_is_one_document_or_nothing(command: tuple[str, ...], codes: list[str]) -> None:
    """With --json, stdout holds exactly one JSON document: the answer on success, the error on
    failure (a report that says what failed is a success of --json: `data check`'s problems,
    `search`'s no hits)."""
    args = [*command, *codes, "--json"]
    result = invoke(args)
    assert_clean_exit(args, result)
    doc = json.loads(result.stdout)  # one document: trailing text would fail to parse
    if result.exit_code != 0 and not (command in REPORTS and result.exit_code == EXIT_DATA):
        assert doc["error"]["code"] == result.exit_code, f"{args!r}: stdout on failure:\n{result.stdout}"


ANSWER_KEYS = ["goal", "setting", "specialty", "education", "experience_years", "training_hours", "held",
               "member_of", "student", "first_time_member", "age_65_plus", "budget_usd", "years",
               "preferences"]  # fmt: skip
ANSWER_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(["coding", "billing", "unsure", "physician_office", "payer", "any", "CPC", "AAPC",
                         "bachelor", "records", "cardiology", ""]),
        st.text(max_size=8),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=2)),
    max_leaves=6,
)  # fmt: skip
ANSWERS_DOCS = st.one_of(
    st.dictionaries(st.sampled_from(ANSWER_KEYS), ANSWER_VALUES, max_size=6).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True)
    ),
    st.dictionaries(st.sampled_from(ANSWER_KEYS), ANSWER_VALUES, max_size=6).map(lambda d: json.dumps(d, default=str)),
    st.text(alphabet="goal: coding\n-[]{}'\"!&*#|>?%", max_size=40),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ANSWERS_DOCS, as_json=st.booleans())
def test_any_answers_file_gives_a_plan_or_one_error(tmp_path: Path, text: str, as_json: bool) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    args = ["advise", "--answers", str(path), *(["--json"] if as_json else [])]
    result = invoke(args)
    assert_clean_exit(args, result)
    assert result.exit_code in (EXIT_OK, EXIT_USAGE), f"{text!r}: exit {result.exit_code}\n{result.stderr}"
    if result.exit_code:
        assert len(result.stderr.strip().splitlines()) == 1 or "Error:" in result.stderr, result.stderr
    elif as_json:
        json.loads(result.stdout)


DATA_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["aapc.yaml", "ahima.yaml", "others.yaml", "seeds.yaml", "context.yaml"]),
        st.integers(0, 10**6),
        st.one_of(
            st.sampled_from(["", "\n", "- ", ": ", "  ", "\t", "{", "[", "!!str ", "&a ", "*a", "#", "'", "-1",
                             "null", "~", "value: x\n", "source: nope\n", "---\n", "!!python/name:os.system"]),
            st.text(max_size=5),
        ),
        st.integers(0, 8),
    ),
    min_size=1,
    max_size=3,
)  # fmt: skip


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in DATA.glob("*.yaml")}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=DATA_EDITS, command=st.sampled_from([["list"], ["show", "CPC", "--json"], ["data", "check"]]))
def test_a_damaged_data_file_gives_an_answer_or_a_data_error(
    tmp_path_factory: pytest.TempPathFactory, pristine: dict[str, str], edits: list[Any], command: list[str]
) -> None:
    """Splice junk into the real data files: certcli still answers, or names the problem (exit 1)."""
    data = tmp_path_factory.mktemp("damaged")
    files = dict(pristine)
    for name, where, junk, cut in edits:
        text = files[name]
        at = where % (len(text) + 1)
        files[name] = text[:at] + junk + text[at + cut:]
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    args = ["--data-dir", str(data), *command]
    result = invoke(args, env={"CERTCLI_NO_CACHE": "1"})
    assert_clean_exit(args, result)
    assert result.exit_code in (EXIT_OK, EXIT_DATA), f"{edits!r}: exit {result.exit_code}\n{result.stderr}"
    if result.exit_code and command[0] != "data":
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
