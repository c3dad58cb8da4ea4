"""Letters as people get them (issue 11), item by item: web pages, Word files, scans and photos read
by OCR, Markdown, read-once paths, and a Python that lacks a package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from conftest import SAMPLES, SCRIPT, run_cli

SAMPLE_TXT, SAMPLE_PDF = SAMPLES / "futian-2025134.txt", SAMPLES / "futian-2025134.pdf"


def overview(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)


# ── Read-once paths (item 5) ──────────────────────────────────────────────────
# Process substitution, /dev/stdin and a FIFO can be read once: they are read into memory by the
# main process and recognised by their content, a PDF handed to a reader with its bytes.

def test_process_substitution_is_read_once_and_recognised_by_content():
    command = f'"{sys.executable}" "{SCRIPT}" "{SAMPLE_TXT}" <(cat "{SAMPLE_PDF}") -f json --overview-only'
    result = subprocess.run(["bash", "-c", command], capture_output=True, timeout=120)
    rows = overview(result)
    assert (result.returncode, result.stderr) == (0, b"")
    assert rows[1]["source"].startswith("/dev/fd/") and rows[1]["sections"] == 7 and rows[1]["claims"] == 22
    assert rows[1]["warnings"] == rows[0]["warnings"] == 1         # no "its name says otherwise": it has no name


def test_dev_stdin_is_read_once():
    result = run_cli("/dev/stdin", "-f", "json", stdin=SAMPLE_PDF.read_bytes())
    record = json.loads(result.stdout)
    assert result.returncode == 0 and len(record["sections"]) == 7 and len(record["claims"]) == 22


@pytest.mark.parametrize("sample", [SAMPLE_PDF, SAMPLE_TXT], ids=["pdf", "text"])
def test_a_fifo_is_read_once(tmp_path, sample):
    # Opening a FIFO to look at it and then again to read it would end its writer, or wait forever.
    fifo = tmp_path / "letter"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(sample.read_bytes()), daemon=True)
    writer.start()
    result = run_cli(str(fifo), "-f", "json")
    writer.join(timeout=10)
    record = json.loads(result.stdout)
    assert (result.returncode, result.stderr) == (0, b"")
    assert len(record["sections"]) == 7 and len(record["claims"]) == 22
