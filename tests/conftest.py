"""Shared fixtures: the real pipeline, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

# CI machines vary in speed: property tests check behaviour, not timing
settings.register_profile("union_ie", deadline=None)
settings.load_profile("union_ie")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    from pipeline.loading import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank_nlp():
    from pipeline.loading import blank_pipeline

    return blank_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
