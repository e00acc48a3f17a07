"""The publishing workflow: it checks, builds and publishes output/site/ only, with the
official Pages actions; facilitator material stays a private artifact."""

from __future__ import annotations

import yaml

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_runs_on_pushes_to_main():
    triggers = load()[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]


def test_has_the_permissions_pages_needs_and_no_more():
    assert load()["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_build_checks_then_builds_then_uploads_only_the_site():
    build = load()["jobs"]["build"]
    commands = [step.get("run", "") for step in steps(build)]
    assert any("coursesmith check" in c for c in commands)
    check = next(i for i, c in enumerate(commands) if "coursesmith check" in c)
    built = next(i for i, c in enumerate(commands) if "coursesmith build" in c)
    assert check < built
    uploads = [step for step in steps(build) if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [step["with"]["path"].rstrip("/") for step in uploads] == ["output/site"]


def test_facilitator_material_is_a_private_artifact_not_published():
    build = load()["jobs"]["build"]
    artifacts = [step for step in steps(build) if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert [step["with"]["path"].rstrip("/") for step in artifacts] == ["output/facilitator"]
    text = WORKFLOW.read_text(encoding="utf-8")
    pages_paths = [line for line in text.splitlines() if "path:" in line]
    assert not any(line.strip() == "path: output/" or line.strip() == "path: output" for line in pages_paths)


def test_deploys_with_the_official_action_after_the_build():
    deploy = load()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in steps(deploy)] == ["actions/deploy-pages"]


def test_office_papers_are_deleted_before_any_upload_and_never_uploaded():
    build = load()["jobs"]["build"]
    commands = [step.get("run", "") for step in steps(build)]
    built = next(i for i, c in enumerate(commands) if "coursesmith build" in c)
    deleted = next(i for i, c in enumerate(commands) if c.strip() == "rm -rf output/office")
    uploads = [i for i, step in enumerate(steps(build)) if "upload" in step.get("uses", "")]
    assert built < deleted < min(uploads)
    paths = [str(step.get("with", {}).get("path", "")) for step in steps(build)]
    assert not any("office" in path or path.rstrip("/") in ("output", ".", "") for path in paths if path)
