"""A plain install works: the wheel ships the tables and resources, and the README's first Python
example runs from another folder, in a fresh virtual environment, against the installed wheel.

The fresh environment gets the project's dependencies by a ``.pth`` line naming the project's
``.venv`` site-packages (no download, about ten seconds); the package itself comes only from the wheel.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from analysis import paths


def readme_first_python_example() -> str:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", readme, re.S).group(1)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    if uv is None:
        pytest.skip("uv is not installed in this environment (make env installs it)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [uv, "build", "--wheel", "--offline", "-q", "-o", str(out), str(paths.ROOT)], check=True, timeout=300
    )
    return next(out.glob("ukraine_nato_opinion-*.whl"))


def test_the_wheel_ships_the_tables_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in ("polls", "events", "audit", "presidencies", "population", "region_definitions"):
        assert f"analysis/_data/{table}.csv" in names
    assert "analysis/_data/README.md" in names and "analysis/resources/tables.json" in names
    assert "analysis/resources/templates/page.html.j2" in names
    assert not any(n.startswith(("analysis/_data/raw", "seeds/")) for n in names)


def test_readme_example_runs_from_another_folder_after_a_wheel_install(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site_packages / "project_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    subprocess.run(
        [uv, "pip", "install", "-q", "--offline", "--no-deps", "--python", str(python), str(wheel)], check=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = "import analysis; print(analysis.__file__)\n" + readme_first_python_example()
    run = subprocess.run([python, "-c", script], cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    first, *rest = run.stdout.splitlines()
    assert first.startswith(str(site_packages)), f"analysis imported from {first}, not from the wheel"
    assert re.match(r"\d+ polls, \d+ figures, fieldwork \d{4}-\d{4}", rest[0])
    assert "estimate" in run.stdout and "Warning" not in run.stderr, run.stderr
    # the commands that need a source checkout say so in one line instead of a traceback (review 11)
    cli = venv / "bin" / "ukraine-nato"
    for command in ("build-data", "validate", "render", "run-notebooks"):
        done = subprocess.run([cli, command], cwd=elsewhere, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and "needs a source checkout" in done.stderr and "Traceback" not in done.stderr, (
            command,
            done.stderr,
        )
