"""Shared fixtures: the `dyad` CLI binary (the reference) and the Reuters sample."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REUTERS = Path(
    os.environ.get("DYAD_REUTERS", REPO.parent / "shared/data/news/reuters21578-1mb.jsonl")
)


def _cli_path() -> Path:
    if "DYAD_BIN" in os.environ:
        return Path(os.environ["DYAD_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    return target / "release" / "dyad"


@pytest.fixture(scope="session")
def dyad_cli():
    """Run `dyad code ARGS...` and return its events, each line parsed as JSON."""
    path = _cli_path()
    assert path.exists(), f"the dyad CLI is not built at {path} (cargo build --release -p dyad-cli)"

    def run(*args: str):
        out = subprocess.run(
            [str(path), "code", *args], check=True, capture_output=True, text=True
        ).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    return run


@pytest.fixture(scope="session")
def reuters_lines():
    """The first 300 lines of the Reuters sample (read at test time, never committed)."""
    assert REUTERS.exists(), f"the Reuters sample is missing: {REUTERS}"
    with REUTERS.open(encoding="utf-8") as f:
        return [line for _, line in zip(range(300), f)]
