"""The output folder of a scan, shared by the scan (run.py) and its report (report.py): the
manifest, the folder of parts, and where a part's own counts are kept in its Parquet metadata."""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = "manifest.json"
PARTS = "parts"
FORMAT = 1
PART_METADATA_KEY = b"goldenthread.scan"


class ScanError(ValueError):
    """A scan that cannot start: a bad option, a folder already used, options that differ on resume."""


def read_manifest(out: Path) -> dict:
    try:
        with open(out / MANIFEST, encoding="utf-8") as handle:
            manifest = json.load(handle)
    except FileNotFoundError:
        raise ScanError(f"{out} holds no scan (no {MANIFEST}); start one with: goldenthread scan INPUT... --out {out}") from None
    except (OSError, ValueError) as exc:
        raise ScanError(f"cannot read {out / MANIFEST} ({type(exc).__name__}); start afresh in another folder") from None
    if manifest.get("format") != FORMAT:
        raise ScanError(f"{out / MANIFEST} was written by another version of goldenthread scan; start afresh in another folder")
    return manifest


def part_path(out: Path, partition_id: str) -> Path:
    return out / PARTS / f"{partition_id}.parquet"
