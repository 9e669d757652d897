"""The shape of the code: each outside library stays in its own module, dependencies point
inward (cli → render → engine → catalog → model), and the slow imports stay out of start-up.

ruff's TID251 bans the same imports per file; this test also sees imports inside functions,
relative imports, and which imports run at module level.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "certcli"

# library → the modules allowed to import it (paths relative to certcli/)
HOMES = {
    "rich": ["render/*", "cli.py", "commands/*", "output.py", "wizard.py"],
    "typer": ["cli.py", "commands/*"],
    "click": [],  # typer vendors it as typer._click; there is no click package to import
    "questionary": ["wizard.py"],
    "prompt_toolkit": ["wizard.py"],  # questionary's own terminal layer
    "yaml": ["catalog.py", "catalog/load.py", "answers.py"],
    "sqlite3": ["store.py"],
}

# module → certcli modules it must not import (anything that would point outward)
UP = ["certcli.cli", "certcli.commands", "certcli.output", "certcli.wizard"]
OUTWARD = {
    "model/*": ["certcli.catalog", "certcli.engine", "certcli.render", "certcli.words", *UP],
    "words.py": ["certcli.model", "certcli.catalog", "certcli.engine", "certcli.render", *UP],
    # the answers table: stdlib only, as the advise flags are built from it for every command
    "questions.py": ["certcli.model", "certcli.catalog", "certcli.engine", "certcli.render", "certcli.words", *UP],
    "catalog*": ["certcli.engine", "certcli.render", *UP],
    "engine/*": ["certcli.render", *UP],
    "render/*": UP,
    "wizard.py": ["certcli.cli", "certcli.commands", "certcli.render"],
    "commands/*": ["certcli.cli"],
}

PURE = ["model/*", "catalog*", "engine/*", "words.py", "questions.py"]  # no terminal, no prompts, no command line


@dataclass(frozen=True)
class Import:
    file: str  # relative to certcli/, e.g. "render/catalog.py"
    line: int
    module: str  # absolute dotted name
    top_level: bool  # runs when the module is imported (not inside a function)


def _package_of(rel: str) -> list[str]:
    parts = ["certcli", *Path(rel).with_suffix("").parts]
    return parts if parts[-1] == "__init__" else parts[:-1]


def _imports(path: Path) -> list[Import]:
    rel = path.relative_to(PACKAGE).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []

    def visit(node: ast.AST, top_level: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(Import(rel, child.lineno, alias.name, top_level) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    package = _package_of(rel)
                    package = package[: len(package) - (child.level - 1)]
                    base = ".".join([*package, base] if base else package)
                found.append(Import(rel, child.lineno, base, top_level))
                if child.module is None or child.level:  # `from . import render`: the names are modules too
                    found.extend(Import(rel, child.lineno, f"{base}.{a.name}", top_level) for a in child.names)
            inner = top_level and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, inner)

    visit(tree, True)
    return found


ALL = [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in _imports(path)]


def _matches(rel: str, patterns: list[str]) -> bool:
    return any(fnmatch(rel, pattern) for pattern in patterns)


def _root(module: str) -> str:
    return module.split(".")[0]


def _show(imports: list[Import]) -> str:
    return "\n".join(f"certcli/{i.file}:{i.line}: {i.module}" for i in imports)


def test_the_parser_sees_the_package() -> None:
    """Guards the other tests against passing on nothing."""
    files = {i.file for i in ALL}
    assert {"cli.py", "model/facts.py", "render/__init__.py"} <= files
    assert any(f.startswith("catalog") for f in files)
    assert any(i.module == "typer" and i.file == "cli.py" for i in ALL)
    assert any(i.module.startswith("rich.") and i.file.startswith("render/") for i in ALL)


@pytest.mark.parametrize("library", sorted(HOMES))
def test_each_library_is_imported_only_in_its_own_module(library: str) -> None:
    strays = [i for i in ALL if _root(i.module) == library and not _matches(i.file, HOMES[library])]
    assert not strays, f"{library} belongs in {HOMES[library] or 'no module'} only:\n{_show(strays)}"


def test_the_domain_core_imports_no_terminal_library() -> None:
    ui = {"rich", "typer", "click", "questionary", "prompt_toolkit"}
    strays = [i for i in ALL if _matches(i.file, PURE) and _root(i.module) in ui]
    assert not strays, _show(strays)


def test_the_model_needs_only_the_standard_library_and_pydantic() -> None:
    allowed = set(sys.stdlib_module_names) | {"pydantic", "__future__"}
    strays = [i for i in ALL if i.file.startswith("model/") and _root(i.module) not in allowed
              and not i.module.startswith("certcli.model") and i.module != "certcli.questions"]  # stdlib only
    assert not strays, _show(strays)


@pytest.mark.parametrize("pattern", sorted(OUTWARD))
def test_dependencies_point_inward(pattern: str) -> None:
    banned = OUTWARD[pattern]
    strays = [
        i for i in ALL
        if fnmatch(i.file, pattern) and any(i.module == b or i.module.startswith(b + ".") for b in banned)
    ]  # fmt: skip
    assert not strays, f"certcli/{pattern} must not import {banned}:\n{_show(strays)}"


def test_the_wizard_is_imported_only_when_it_is_needed() -> None:
    """questionary costs ~100-200 ms: certcli.wizard (or questionary itself) is imported inside
    a function, never when another module loads."""
    eager = [
        i for i in ALL
        if i.file != "wizard.py" and i.top_level
        and (i.module == "certcli.wizard" or _root(i.module) in ("questionary", "prompt_toolkit"))
    ]  # fmt: skip
    assert not eager, _show(eager)


def test_cli_imports_nothing_heavy_at_module_level() -> None:
    """cli.py is imported before anything runs, even for --help and completion."""
    heavy = {"rich", "yaml", "questionary", "prompt_toolkit", "pydantic"}
    heavy_modules = ("certcli.catalog", "certcli.model", "certcli.render", "certcli.engine", "certcli.wizard")
    eager = [
        i for i in ALL
        if i.file == "cli.py" and i.top_level
        and (_root(i.module) in heavy or i.module.startswith(heavy_modules))
    ]  # fmt: skip
    assert not eager, _show(eager)


def _loaded_after(code: str) -> dict[str, bool]:
    probe = (
        f"import sys\n{code}\n"
        "print(' '.join(f'{m}={m in sys.modules}' for m in ('questionary', 'prompt_toolkit', 'rich', 'yaml')))"
    )
    env = {k: v for k, v in os.environ.items() if k != "CERTCLI_DATA_DIR"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    return {name: value == "True" for name, value in (pair.split("=") for pair in last.split())}


def test_importing_the_cli_loads_neither_questionary_nor_rich() -> None:
    loaded = _loaded_after("import certcli.cli")
    assert loaded == {"questionary": False, "prompt_toolkit": False, "rich": False, "yaml": False}


def test_a_browse_command_never_loads_questionary(tmp_path: Path) -> None:
    run = (
        "from certcli.cli import app\n"
        "try:\n"
        "    app(['show', 'CPC', '--json'], prog_name='certcli')\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    loaded = _loaded_after(run)
    assert not loaded["questionary"] and not loaded["prompt_toolkit"], loaded


def _type_checking_only(rel: str) -> set[int]:
    """The lines of ``if TYPE_CHECKING:`` blocks (imports for annotations, never run)."""
    tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
    return {
        line
        for node in tree.body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }


def test_the_command_modules_import_only_typer_and_the_standard_library_at_module_level() -> None:
    """cli.py imports every command module to register it, even for --help and completion: the
    catalog, the model, the engine and render load inside the command functions."""
    light = set(sys.stdlib_module_names) | {"typer", "__future__"}
    own = ("certcli.commands", "certcli.errors", "certcli.output", "certcli.paths", "certcli.questions")  # stdlib only
    eager = [
        i for i in ALL
        if _matches(i.file, ["commands/*", "output.py"]) and i.top_level and i.line not in _type_checking_only(i.file)
        and not (_root(i.module) in light or i.module == "certcli" or i.module.startswith(own))
    ]  # fmt: skip
    assert not eager, _show(eager)
    assert any(i.file == "commands/browse.py" for i in ALL), "no command modules seen: this test sees nothing"


def test_the_top_level_help_builds_the_advise_flags_without_the_model() -> None:
    """The advise flags are built from the questions table whenever the command tree is (for
    `certcli --help` and completion too): the table is stdlib only, so pydantic stays unloaded."""
    probe = (
        "import sys\nfrom certcli.cli import app\n"
        "try:\n    app(['--help'], prog_name='certcli')\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, 'certcli.model' in sys.modules, 'certcli.questions' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != "CERTCLI_DATA_DIR"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False False True"


# --------------------------------------------------------------------------- render never calls the engine

# (render file, engine function) calls allowed for now, each with when it goes: none
RENDER_CALLS_ALLOWED: dict[tuple[str, str], str] = {}


def _engine_calls(source: str) -> list[tuple[int, str, str]]:
    """(line, name, engine module) for each call in ``source`` to something imported from certcli.engine:
    ``f()`` after ``from certcli.engine.x import f``, ``x.f()`` after ``from certcli.engine import x``."""
    tree = ast.parse(source)
    names: dict[str, tuple[str, str]] = {}  # local name → (engine module, name in it)
    modules: dict[str, str] = {}  # local name → engine module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("certcli.engine"):
            assert node.module is not None
            for alias in node.names:
                local = alias.asname or alias.name
                if node.module == "certcli.engine":
                    modules[local] = f"certcli.engine.{alias.name}"
                else:
                    names[local] = (node.module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("certcli.engine") and alias.asname:
                    modules[alias.asname] = alias.name
    calls: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in names:
            module, name = names[func.id]
            calls.append((node.lineno, name, module))
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
            calls.append((node.lineno, func.attr, modules[func.value.id]))
    return calls


def _is_function(module: str, name: str) -> bool:
    """A function (or method, or other callable that is not a class): a result type is a class."""
    import importlib
    import inspect

    target = getattr(importlib.import_module(module), name)
    return callable(target) and not inspect.isclass(target)


def test_the_engine_call_finder_sees_a_call() -> None:
    """Guards the next test against passing on nothing: each way of calling is found, a result
    type is told from a function."""
    source = (
        "from certcli.engine.renewal import CeuRequirement, ceu_requirement as need\n"
        "from certcli.engine import fees\n"
        "def f(c):\n"
        "    import certcli.engine.browse as b\n"
        "    return need(c), fees.find_fee(c), b.credential_facts(c), CeuRequirement(c)\n"
    )
    calls = {(name, module) for _, name, module in _engine_calls(source)}
    assert calls == {
        ("ceu_requirement", "certcli.engine.renewal"),
        ("find_fee", "certcli.engine.fees"),
        ("credential_facts", "certcli.engine.browse"),
        ("CeuRequirement", "certcli.engine.renewal"),
    }
    assert _is_function("certcli.engine.renewal", "ceu_requirement")
    assert not _is_function("certcli.engine.renewal", "CeuRequirement")


def test_render_never_calls_an_engine_function() -> None:
    """render lays out what the engine worked out: it may import the engine's result types
    (NamedTuples) but never call its functions (the command calls them and passes the results)."""
    strays = []
    for path in sorted((PACKAGE / "render").rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for line, name, module in _engine_calls(path.read_text(encoding="utf-8")):
            if (rel, name) not in RENDER_CALLS_ALLOWED and _is_function(module, name):
                strays.append(f"certcli/{rel}:{line}: {module}.{name}()")
    assert not strays, "render calls the engine; let the engine's result carry it:\n" + "\n".join(strays)
