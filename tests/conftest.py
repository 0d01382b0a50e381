"""Shared fixtures: the real inputs, and schemas compiled once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from tei_encoder.pipeline import analyse
from tei_encoder.publish.write import serialise
from tei_encoder.tei.document import build_document
from tei_encoder.validation.validator import Validator, schema_dir

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tei_encoder" / "data" / "assurances-1962-11-13.txt"
# The corpus lives beside the project (../shared/corpus); tests/fixtures/corpus is a copy.
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
ALL_INPUTS = [SEED] + CORPUS

# The browser tests drive Debian's Chromium (never a downloaded one) through playwright.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
ARTIFACTS = ROOT / "build" / "test-artifacts"


@pytest.fixture(scope="session")
def validator() -> Validator:
    return Validator()


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(schema_dir() / "tei_all.rng")))


@pytest.fixture(scope="session")
def seed_document():
    return analyse(SEED.read_bytes(), str(SEED))


@pytest.fixture(scope="session")
def seed_tree(seed_document):
    return etree.ElementTree(etree.fromstring(serialise(build_document(seed_document))))


def encoded(path: Path) -> etree._ElementTree:
    document = analyse(path.read_bytes(), str(path))
    return etree.ElementTree(etree.fromstring(serialise(build_document(document))))
