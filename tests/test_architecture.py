"""The house as the README draws it: import-linter's contracts hold on the code, they catch a wrong import, and the
README's picture of the layers is the one the contracts say."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=where,
        env={"PYTHONPATH": str(where), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def scratch_copy(tmp_path_factory) -> Path:
    """The code (packages and the contracts) in a folder of its own, to break on purpose."""
    copy = tmp_path_factory.mktemp("house")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_the_code_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong_import", "contract"),
    [
        ("exhibitors/selectors.py", "from meetings.models import Meeting", "Apps import only the layers below"),
        ("matchmaking/models.py", "from notifications.services import outbound_email_queue", "Apps import only"),
        ("markets/selectors.py", "from filmart.settings import SITE_NAME", "No app imports the project package"),
        ("meetings/models.py", "from meetings.forms import MessageForm", "Models import no forms, views or services"),
    ],
)
def test_a_wrong_import_breaks_a_contract(scratch_copy, module, wrong_import, contract):
    path = scratch_copy / module
    original = path.read_text()
    try:
        path.write_text(original + f"\n{wrong_import}  # noqa\n")
        result = lint_imports(scratch_copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0, result.stdout
    assert contract in " ".join(result.stdout.split()) and "BROKEN" in result.stdout


def test_the_readme_draws_the_layers_the_contracts_enforce():
    from tests.architecture_diagram import diagram

    readme = (ROOT / "README.md").read_text()
    assert diagram() in readme, "README's diagram is stale: python -m tests.architecture_diagram prints the new one"
