"""The GitHub Actions workflow: every change is tested, and only a tested main is published.

Also the browser discovery the workflow relies on: GitHub's Ubuntu runners have Google Chrome, not
Debian's chromium, and ``make test`` must find it (``localsite.chromium_path``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

import localsite

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"


def _load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:  # YAML 1.1 reads the key 'on' as True
        workflow["on"] = workflow.pop(True)
    return workflow


@pytest.fixture(scope="module")
def pages() -> dict:
    return _load(PAGES)


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _upstream(jobs: dict, name: str) -> set[str]:
    """Every job that must have passed before ``name`` starts (``needs``, transitively)."""
    seen: set[str] = set()
    todo = _needs(jobs[name])
    while todo:
        job = todo.pop()
        if job not in seen:
            seen.add(job)
            todo += _needs(jobs[job])
    return seen


def test_triggers_test_pull_requests_and_publish_main(pages):
    triggers = pages["on"]
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_test_job_runs_the_readme_test_command(pages):
    test = pages["jobs"]["test"]
    assert "make test" in _runs(test)
    assert "needs" not in test and "if" not in test, "the tests run for every trigger, first"
    assert {"actions/checkout", "actions/setup-python", "actions/setup-node"} <= set(_uses(test))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme


def test_deploy_needs_build_needs_test(pages):
    jobs = pages["jobs"]
    assert _needs(jobs["build"]) == ["test"]
    assert _needs(jobs["deploy"]) == ["build"]
    assert _upstream(jobs, "deploy") == {"build", "test"}
    # No job may publish or upload past the gate: only deploy publishes, only build uploads.
    for name, job in jobs.items():
        if "actions/deploy-pages" in _uses(job):
            assert name == "deploy"
        if "actions/upload-pages-artifact" in _uses(job):
            assert "test" in _upstream(jobs, name), f"{name} uploads the site before the tests passed"
    for name in ("build", "deploy"):
        condition = jobs[name].get("if", "")
        assert "pull_request" in condition and "!=" in condition, f"{name}: pull requests must not publish"


def test_build_job_builds_for_publishing_with_the_readme_command(pages):
    build = pages["jobs"]["build"]
    assert {"actions/configure-pages", "actions/upload-pages-artifact"} <= set(_uses(build))
    step = next(s for s in build["steps"] if s.get("run") == "make build")
    assert step["env"]["KSM_VEROEFFENTLICHEN"] == "1"
    assert "make build" in (ROOT / "README.md").read_text(encoding="utf-8")
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_deploy_is_the_official_pages_action_with_least_privilege(pages):
    deploy = pages["jobs"]["deploy"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["permissions"] == {"contents": "read"}, "the tests of a pull request need no write access"
    for name, job in pages["jobs"].items():
        if name != "deploy":
            assert "permissions" not in job, f"{name} must not get write access"


def test_publishing_runs_are_never_cancelled_halfway(pages):
    concurrency = pages["concurrency"]
    assert "pull_request" in concurrency["cancel-in-progress"], concurrency
    assert "'pages'" in concurrency["group"], concurrency


def test_no_other_workflow_publishes_without_the_gate():
    for path in WORKFLOWS.glob("*.y*ml"):
        if path == PAGES:
            continue
        for name, job in _load(path)["jobs"].items():
            assert "actions/deploy-pages" not in _uses(job), f"{path.name}:{name} veröffentlicht ohne Tests"


# --------------------------------------------------------------------------------------------
# Browser discovery (make test on GitHub's runners)
# --------------------------------------------------------------------------------------------


def _fake_browser(folder: Path, name: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def no_system_chromium(monkeypatch):
    """As on GitHub's runners: no /usr/bin/chromium (whatever this machine has)."""
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: str(self) != "/usr/bin/chromium" and real_exists(self))
    for name in ("CHROMIUM", "CHROME_BIN"):
        monkeypatch.delenv(name, raising=False)


def test_chromium_from_environment_comes_first(tmp_path, monkeypatch):
    chosen = _fake_browser(tmp_path, "my-chromium")
    monkeypatch.setenv("CHROMIUM", chosen)
    assert localsite.chromium_path() == chosen


def test_google_chrome_on_path_is_found_without_debian_chromium(tmp_path, monkeypatch, no_system_chromium):
    bin_dir = tmp_path / "bin"
    chrome = _fake_browser(bin_dir, "google-chrome")
    _fake_browser(bin_dir, "chromium-browser")
    monkeypatch.setenv("PATH", str(bin_dir))
    assert localsite.chromium_path() == chrome


def test_chromium_browser_when_no_chrome(tmp_path, monkeypatch, no_system_chromium):
    bin_dir = tmp_path / "bin"
    browser = _fake_browser(bin_dir, "chromium-browser")
    monkeypatch.setenv("PATH", str(bin_dir))
    assert localsite.chromium_path() == browser


def test_nothing_found_is_none(tmp_path, monkeypatch, no_system_chromium):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert localsite.chromium_path() is None


def test_makefile_takes_the_browser_from_localsite():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "python3 localsite.py" in makefile
    assert os.access(ROOT / "localsite.py", os.R_OK)
