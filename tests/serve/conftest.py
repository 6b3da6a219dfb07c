"""Fixtures for the workspace tests: a private copy of the bundled case and an in-process client."""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "cases" / "iran-2026"
AUDIENCE = "public"


@pytest.fixture
def case_copy(tmp_path) -> Path:
    dst = tmp_path / "iran-2026"
    shutil.copytree(BUNDLED, dst, ignore=shutil.ignore_patterns("build", "reviews"))
    return dst


def client_for(app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's note about httpx versions
        from starlette.testclient import TestClient
        return TestClient(app, base_url="http://127.0.0.1")


@pytest.fixture
def client(case_copy):
    from casebuilder.serve import create_app

    app = create_app(case_copy, AUDIENCE, watch=False)
    with client_for(app) as c:
        yield c
