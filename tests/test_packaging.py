"""referat installs as one namespace, `referat` (issue 16): the design card's folders pipeline/, extractors/ and
models/ become referat.pipeline, referat.extractors and referat.models, and nothing else lands at the top of a
user's site-packages. The wheel is built offline (setuptools and wheel are dev dependencies)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

FOLDERS = ("pipeline", "extractors", "models")
# An import at the start of a line, or in code held in a string (`"import sys; from <folder>.parse import ..."`).
BARE_IMPORT = re.compile(
    r"(?:^|[;\"'])[^\S\n]*(?:from[^\S\n]+(?:pipeline|extractors|models)(?:\.\w+)*[^\S\n]+import\b"
    r"|import[^\S\n]+(?:pipeline|extractors|models)\b)",
    re.M,
)
BARE_MODULE = re.compile(r"[\"'](?:-m )?(?:pipeline|extractors|models)\.\w+[\"']")


def sources() -> list[Path]:
    return [path for folder in (*FOLDERS, "tests", "tools") for path in (ROOT / folder).rglob("*.py")]


def test_nothing_imports_the_folders_by_their_bare_names() -> None:
    """A bare `import pipeline` would work from the repository (its root is on the path) and load a second copy
    of every module beside referat.pipeline's."""
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in sources()
        for match in (
            *BARE_IMPORT.finditer(path.read_text(encoding="utf-8")),
            *BARE_MODULE.finditer(path.read_text(encoding="utf-8")),
        )
    ]
    assert found == []


def test_every_package_folder_is_installed() -> None:
    tomllib = pytest.importorskip("tomllib", reason="Python 3.11 reads pyproject.toml")
    configured = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    folders = {
        "referat." + ".".join(init.parent.relative_to(ROOT).parts)
        for folder in FOLDERS
        for init in (ROOT / folder).rglob("__init__.py")
    }
    assert configured == folders


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the project's sources: built in the repository, it took whatever an earlier
    build left in build/ (a module since removed included)."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "referat"
    shutil.copytree(ROOT, source, ignore=_not_sources)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return next(out.glob("referat-*.whl"))


# What the wheel is not built from: at the project's top, the environment, data, builds and the tools around it;
# anywhere, caches.
_TOP_LEVEL_LEFT_OUT = {".venv", ".git", ".lint", "build", "data", "docs", "tests", "tools", "tmp"}


def _not_sources(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == ROOT
    return {
        name
        for name in names
        if name == "__pycache__" or name.endswith(".egg-info") or (top and name in _TOP_LEVEL_LEFT_OUT)
    }


@pytest.mark.integration
def test_the_wheel_holds_referat_and_its_data_only(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"referat", wheel.name.split("-py3")[0] + ".dist-info"}
    for data in (
        "referat/extractors/data/outcomes.csv",
        "referat/pipeline/data/copy_names.csv",
        "referat/pipeline/datasette/queries.yml",
        "referat/pipeline/datasette/templates/index.html",
        "referat/pipeline/datasette/plugins/referat_home.py",
        "referat/models/schema.py",
    ):
        assert data in names
    entry_points = zipfile.ZipFile(wheel).read(wheel.name.split("-py3")[0] + ".dist-info/entry_points.txt")
    assert b"referat = referat.pipeline.cli:cli" in entry_points


@pytest.mark.integration
def test_the_installed_wheel_imports_as_referat(wheel: Path, tmp_path: Path) -> None:
    """Installed into a fresh environment (its dependencies borrowed from this one, without its editable
    install): `import referat` works and the command line runs from the installed files."""
    target = tmp_path / "env"
    venv.create(target, with_pip=False)
    python = target / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    top = sorted(path.name for path in site.iterdir() if not path.name.endswith((".pth", ".dist-info")))
    assert top == ["bin", "referat"]  # bin/: pip --target's place for the console script
    assert "from referat.pipeline.cli import cli" in (site / "bin" / "referat").read_text(encoding="utf-8")
    done = subprocess.run(
        [str(python), "-c", "import referat, referat.pipeline.cli as cli; print(cli.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.stdout.strip().startswith(str(site / "referat" / "pipeline"))
    helped = subprocess.run(
        [str(python), "-m", "referat.pipeline.cli", "--help"], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert "ingest" in helped.stdout
    # The console script itself, run by the fresh environment's Python.
    scripted = subprocess.run(
        [str(python), str(site / "bin" / "referat"), "--help"], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert "ingest" in scripted.stdout
