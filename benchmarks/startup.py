"""How long certcli takes to answer, compared with the floor of its stack.

Run it with the Python of the environment certcli is installed in::

    python benchmarks/startup.py                 # 15 runs of each command
    python benchmarks/startup.py --runs 30       # steadier medians
    python benchmarks/startup.py --quick         # one run each: a smoke test, no verdict
    python benchmarks/startup.py --certcli /path/to/venv/bin/certcli
    python benchmarks/startup.py --no-cache      # without certcli's catalog cache (a cold load)

Every measurement is a fresh process of the installed console script, as a user runs it,
with its output going to /dev/null. The runs are interleaved (one of each command, then the
next round) so that a busy machine slows every command alike, and medians are reported: wall
time, CPU time (user + system, steadier when other work shares the machine) and peak memory
(the child's own maximum resident set, from ``os.wait4``).

The floor is the cheapest program this stack can be: a Typer app whose one command prints a
one-row rich table. The target is every non-interactive command within 1.3x of it. A command
that does not exist yet is reported as missing, not as a failure, so the script can be
re-run as commands land. This is a benchmark, not a test: it exits 0 whatever the timings,
and 1 only when a command that exists fails to run (which makes ``--quick`` a CI smoke test).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TARGET = 1.3

FLOOR_APP = """\
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "name")
    table.add_row("CPC", "Certified Professional Coder")
    Console().print(table)


app()
"""

ANSWERS = "goal: coding\nsetting: physician_office\n"

# The timed runs are started by a small helper Python (no site, no json) rather than by this
# script: a child's peak RSS starts at its parent's size when it forks, so a big parent would
# hide the size of small commands like ``python -c pass``.
LAUNCHER = r"""
import os, sys, time
null = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
for line in sys.stdin:
    argv = line.rstrip("\n").split("\x1f")
    start = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=null)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter_ns() - start
    cpu = usage.ru_utime + usage.ru_stime
    sys.stdout.write(f"{elapsed} {cpu} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}\n")
    sys.stdout.flush()
"""


@dataclass
class Case:
    label: str
    argv: list[str]
    certcli: bool = True  # held to the target
    status: str = "ok"  # ok | missing | exit N
    wall: list[float] = field(default_factory=list)  # seconds
    cpu: list[float] = field(default_factory=list)  # seconds, user + system
    rss: list[int] = field(default_factory=list)  # KiB

    @property
    def wall_ms(self) -> float | None:
        return statistics.median(self.wall) * 1000 if self.wall else None

    @property
    def cpu_ms(self) -> float | None:
        return statistics.median(self.cpu) * 1000 if self.cpu else None

    @property
    def peak_mb(self) -> float | None:
        return max(self.rss) / 1024 if self.rss else None


class Launcher:
    """Runs one command at a time in a fresh process: wall time, CPU time, peak RSS, exit code."""

    def __init__(self, python: str, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [python, "-I", "-S", "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )

    def run(self, argv: list[str]) -> tuple[float, float, int, int]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("\x1f".join(argv) + "\n")
        self.proc.stdin.flush()
        elapsed, cpu, rss, code = self.proc.stdout.readline().split()
        return int(elapsed) / 1e9, float(cpu), int(rss), int(code)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()


def first_run(argv: list[str], env: dict[str, str]) -> str:
    """Run once, untimed (it warms the disk cache and certcli's catalog cache): ok, missing or exit N."""
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    if done.returncode == 0:
        return "ok"
    if b"No such command" in done.stderr:
        return "missing"
    return f"exit {done.returncode}"


def interpreter_of(script: Path) -> str:
    """The Python a console script runs with (its shebang), else this one."""
    try:
        first = script.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return sys.executable
    if first.startswith("#!") and "python" in first:
        return first[2:].strip().split()[0]
    return sys.executable


def find_certcli(explicit: str | None) -> Path | None:
    if explicit:
        return Path(explicit)
    beside = Path(sys.executable).parent / "certcli"
    if beside.exists():
        return beside
    found = shutil.which("certcli")
    return Path(found) if found else None


def describe_install(python: str, env: dict[str, str]) -> str:
    probe = (
        "import certcli, pathlib, platform; p = pathlib.Path(certcli.__file__).parent; "
        "cached = any((p / '__pycache__').glob('cli.*.pyc')); "
        "print(platform.python_version(), p, 'site-packages' in str(p), cached, certcli.__version__)"
    )
    # -I: not the current directory's certcli (a checkout) but the one this Python installed
    out = subprocess.run([python, "-I", "-c", probe], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        return f"python {python}; certcli is not importable with it"
    pyver, rest = out.stdout.split(maxsplit=1)
    where, installed, cached, version = rest.rsplit(maxsplit=3)
    kind = "installed" if installed == "True" else "an editable install / source checkout"
    bytecode = "with compiled bytecode" if cached == "True" else "without compiled bytecode"
    if env.get("PYTHONDONTWRITEBYTECODE"):
        bytecode += " (PYTHONDONTWRITEBYTECODE is set)"
    return f"python {pyver} ({python}); certcli {version} from {where}: {kind}, {bytecode}"


def make_cases(certcli: str, python: str, floor: Path, answers: Path) -> list[Case]:
    return [
        Case("python -c pass", [python, "-c", "pass"], certcli=False),
        Case("floor: typer app, one-row rich table", [python, str(floor)], certcli=False),
        Case("certcli --help", [certcli, "--help"]),
        Case("certcli list", [certcli, "list"]),
        Case("certcli show CPC", [certcli, "show", "CPC"]),
        Case("certcli compare CPC CCS", [certcli, "compare", "CPC", "CCS"]),
        Case("certcli fees --member", [certcli, "fees", "--member"]),
        Case("certcli advise --answers FILE", [certcli, "advise", "--answers", str(answers)]),
        Case("certcli advise --answers FILE --json", [certcli, "advise", "--answers", str(answers), "--json"]),
        Case("certcli renew CPC CRC", [certcli, "renew", "CPC", "CRC"]),
    ]


CEU_ENTRIES = 10_000


def ceu_case(certcli: str, tmp: Path, env: dict[str, str]) -> Case:
    """``ceu progress`` on a CEU log of 10,000 entries over 20 years, CPC and CCS held all along
    (built with ``ceu import``; where there is no ``ceu`` command the case shows as missing)."""
    import csv
    import random
    from datetime import date, timedelta

    rng = random.Random(14)
    today = date.today()
    start = today - timedelta(days=365 * 20)
    sheet = tmp / "ceu.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "hours", "title", "provider", "credentials", "categories", "kind"])
        writer.writerows([["", start.isoformat(), "", "", "", code, "", "hold"] for code in ("CPC", "CCS")])
        writer.writerows(
            [f"b{i:05d}", (start + timedelta(days=rng.randrange(365 * 20))).isoformat(), rng.choice(["1", "1.5", "2"]),
             f"Course {i}", "Provider", rng.choice(["CPC", "CCS", "CCS;CPC"]),
             rng.choice(["", "hiim", "aapc-approved"]), "entry"]
            for i in range(CEU_ENTRIES)
        )  # fmt: skip
    db = tmp / "ceu.sqlite3"
    subprocess.run([certcli, "ceu", "import", str(sheet), "--db", str(db)], env=env, capture_output=True)
    return Case(f"certcli ceu progress ({CEU_ENTRIES:,} entries)", [certcli, "ceu", "progress", "--db", str(db)])


def measure(cases: list[Case], runs: int, python: str, env: dict[str, str]) -> None:
    for case in cases:
        case.status = first_run(case.argv, env)
    live = [c for c in cases if c.status != "missing"]
    launcher = Launcher(python, env)
    try:
        for _ in range(runs):
            for case in live:
                wall, cpu, rss, _ = launcher.run(case.argv)
                case.wall.append(wall)
                case.cpu.append(cpu)
                case.rss.append(rss)
    finally:
        launcher.close()


def ratio(value: float | None, floor: float | None) -> float | None:
    return value / floor if value is not None and floor else None


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def report(cases: list[Case], runs: int, install: str, quick: bool) -> None:
    floor = cases[1]
    print(f"certcli start-up, medians of {runs} fresh process{'es' if runs != 1 else ''} per command")
    print(install)
    print()
    print(f"{'command':<38} {'wall':>7} {'x floor':>7} {'cpu':>7} {'x floor':>7} {'peak MB':>7}")
    over = 0
    for case in cases:
        if case.status == "missing":
            print(f"{case.label:<38} missing: no such command yet")
            continue
        wall_ratio = ratio(case.wall_ms, floor.wall_ms)
        note = ""
        if case.status != "ok":
            note = f"  ({case.status})"
        elif case.certcli and not quick and wall_ratio is not None and wall_ratio > TARGET:
            note = f"  over {TARGET}x"
            over += 1
        print(
            f"{case.label:<38} {fmt(case.wall_ms, '5.0f')}ms {fmt(wall_ratio, '7.2f')} "
            f"{fmt(case.cpu_ms, '5.0f')}ms {fmt(ratio(case.cpu_ms, floor.cpu_ms), '7.2f')} "
            f"{fmt(case.peak_mb, '7.1f')}{note}"
        )
    print()
    measured = [c for c in cases if c.certcli and c.status == "ok"]
    if quick:
        print(f"A quick run ({runs} run each): the timings are indicative only.")
    else:
        print(f"{len(measured) - over} of {len(measured)} commands within {TARGET}x the floor's median wall time.")
    missing = [c.label for c in cases if c.status == "missing"]
    if missing:
        print("Not measured (missing): " + ", ".join(missing) + ".")


def as_json(cases: list[Case], runs: int, install: str) -> dict[str, object]:
    floor = cases[1]
    return {
        "runs": runs,
        "install": install,
        "target": TARGET,
        "results": [
            {
                "command": c.label,
                "status": c.status,
                "wall_ms": c.wall_ms,
                "wall_ratio": ratio(c.wall_ms, floor.wall_ms),
                "cpu_ms": c.cpu_ms,
                "cpu_ratio": ratio(c.cpu_ms, floor.cpu_ms),
                "peak_mb": c.peak_mb,
            }
            for c in cases
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time certcli's start-up against the floor of its stack.")
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--quick", action="store_true", help="one run each, as a smoke test")
    parser.add_argument("--certcli", help="the console script to time (default: the one beside this Python)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON document")
    parser.add_argument("--no-cache", action="store_true", help="set CERTCLI_NO_CACHE=1 (time a cold catalog load)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)

    script = find_certcli(args.certcli)
    if script is None or not script.exists():
        print("certcli is not installed beside this Python; pass --certcli PATH", file=sys.stderr)
        return 2
    python = interpreter_of(script)
    env = dict(os.environ)
    env.pop("CERTCLI_DATA_DIR", None)
    env["COLUMNS"] = "80"
    if args.no_cache:
        env["CERTCLI_NO_CACHE"] = "1"

    with tempfile.TemporaryDirectory(prefix="certcli-bench-") as tmp:
        floor = Path(tmp) / "floor.py"
        floor.write_text(FLOOR_APP, encoding="utf-8")
        answers = Path(tmp) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        cases = make_cases(str(script), python, floor, answers)
        cases.append(ceu_case(str(script), Path(tmp), env))
        measure(cases, runs, python, env)

    install = describe_install(python, env)
    if args.json:
        print(json.dumps(as_json(cases, runs, install), indent=2))
    else:
        report(cases, runs, install, args.quick)
    failed = [c.label for c in cases if c.status.startswith("exit")]
    if failed:
        print("Failed to run: " + ", ".join(failed) + ".", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
