"""A data directory written as ``~user`` for a user who does not exist: one data error, never a traceback.

Hypothesis found these by chance (``Path("~0").expanduser()`` raises RuntimeError), replayed them
from its database and so made the suite flaky; they are pinned here with @example instead. The
catalog's data-directory lookup treats such a path as a directory that is not there.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from certcli.cli import app


def where_to_give(place: str, path: str) -> tuple[list[str], dict[str, str | None]]:
    """The arguments and environment that give ``path`` as the data directory in ``place``."""
    env: dict[str, str | None] = {"CERTCLI_DATA_DIR": None, "COLUMNS": "80", "NO_COLOR": "1", "CERTCLI_NO_CACHE": "1"}
    if place == "data check":
        return ["data", "check", path], env
    if place == "--data-dir":
        return ["--data-dir", path, "list"], env
    return ["list"], {**env, "CERTCLI_DATA_DIR": path}


def assert_one_data_error(result: Any, path: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, f"exit {result.exit_code}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # nothing half-written
    first = result.stderr.splitlines()[0]
    assert path in first or path[1:] in first, result.stderr  # says which directory it could not use


@pytest.mark.parametrize(
    "place, path", [("data check", "~0"), ("--data-dir", "~nosuchuser"), ("CERTCLI_DATA_DIR", "~zz")]
)
def test_an_unknown_home_directory_is_one_data_error(place: str, path: str) -> None:
    args, env = where_to_give(place, path)
    assert_one_data_error(CliRunner().invoke(app, args, env=env), path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    place=st.sampled_from(["data check", "--data-dir", "CERTCLI_DATA_DIR"]),
    path=st.from_regex(r"\A~[0-9A-Za-z_]{1,10}(/[a-z]{1,4})?\Z"),
)
@example(place="data check", path="~0")
@example(place="--data-dir", path="~nosuchuser")
@example(place="CERTCLI_DATA_DIR", path="~zz")
def test_any_home_directory_path_gives_a_catalog_or_one_data_error(place: str, path: str) -> None:
    args, env = where_to_give(place, path)
    result = CliRunner().invoke(app, args, env=env)
    if result.exit_code != 0 or result.exception is not None:  # an existing user's home holds no data files
        assert_one_data_error(result, path)
