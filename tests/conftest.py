"""Shared paths and helpers: samples/, golden files, the CLI, letters typeset as PDF."""

from __future__ import annotations

import contextlib
import fcntl
import io
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SCRIPT = ROOT / "digest.py"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import digest  # noqa: E402

SAMPLE_LETTERS = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in {".txt", ".pdf"})


CLAIM_KEYS = ("value", "value_max", "unit", "qualifier", "change", "subject", "section", "text", "as_of")


def summary(record: dict) -> dict:
    """The part of a digest a golden file pins: header, sections, claims, warnings."""
    return {
        "meta": record["meta"],
        "sections": [{"number": s["number"], "numeral": s["numeral"], "heading": s["heading"],
                      "keywords": s["keywords"]} for s in record["sections"]],
        "claims": [{key: claim[key] for key in CLAIM_KEYS} for claim in record["claims"]],
        "warnings": record["warnings"],
    }


def dump_summary(record: dict) -> str:
    """A golden file a person can read: one section, claim or warning a line."""
    data = summary(record)
    line = lambda value: json.dumps(value, ensure_ascii=False)
    parts = [f'  "meta": {json.dumps(data["meta"], ensure_ascii=False, indent=4)[:-1]}  }}']
    for key in ("sections", "claims", "warnings"):
        rows = ",\n".join(f"    {line(row)}" for row in data[key])
        parts.append(f'  "{key}": [\n{rows}\n  ]' if rows else f'  "{key}": []')
    return "{\n" + ",\n".join(parts) + "\n}\n"


# What the terminal conventions read: a test sets the ones it is about, so that the shell running
# the suite (a NO_COLOR, a COLUMNS, a password) changes nothing.
TERMINAL_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "LINES", "DIGEST_PDF_PASSWORD")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    for name in TERMINAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


class Screen:
    """What a pseudo-terminal showed: its text once the terminal is closed (\r\n read as \n)."""
    text = ""


@contextlib.contextmanager
def terminal(columns: int = 100, rows: int = 40):
    """A pseudo-terminal `columns` wide, for this process: yields a stream on it (for sys.stdout or
    sys.stderr) and the Screen that holds what it showed once the block ends. A thread reads the
    terminal meanwhile, so that a digest longer than its buffer never blocks."""
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    shown, screen = bytearray(), Screen()

    def read() -> None:
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:             # every end of the terminal closed
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    stream = open(child, "w", encoding="utf-8")
    try:
        yield stream, screen
    finally:
        stream.close()
        reader.join(timeout=60)
        os.close(parent)
        screen.text = shown.decode("utf-8").replace("\r\n", "\n")


def on_a_terminal(monkeypatch, argv, columns=100, streams=("stdout",)):
    """main(argv) with the given streams on a pseudo-terminal of `columns`; its status and what it showed."""
    with terminal(columns) as (tty, screen), monkeypatch.context() as patch:
        for stream in streams:
            patch.setattr(sys, stream, tty)
        status = digest.main(argv)
    return status, screen.text


def run_cli(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "COLUMNS": "100", **(env or {})}
    environment.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True,
                          env=environment, timeout=120)


@pytest.fixture
def run_main(monkeypatch, capfd):
    """The command in this process, as run_cli runs it in another: `run_main(*args, stdin=, env=)`
    calls digest.main(args) with run_cli's environment (COLUMNS=100, no FORCE_COLOR, `env` on top)
    and `stdin` as standard input, and gives back a CompletedProcess: the exit status (a usage
    error's SystemExit as its status, as the process's) and the bytes written on standard output and
    error, through sys.stdout and sys.stderr or straight to descriptors 1 and 2, by reader processes
    too. What run() adds around main (a closed pipe, Ctrl-C, signals) is tested in subprocesses."""
    def run(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        capfd.readouterr()                          # what the test wrote before is not the command's
        with monkeypatch.context() as patch:
            patch.setenv("COLUMNS", "100")
            patch.delenv("FORCE_COLOR", raising=False)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            if stdin is not None:
                patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
            try:
                status = digest.main(list(args))
            except SystemExit as stop:
                status = 0 if stop.code is None else stop.code
        out, err = capfd.readouterr()
        return subprocess.CompletedProcess(["digest.py", *args], status, out.encode("utf-8"), err.encode("utf-8"))
    return run


def hard_wrap(paragraphs: list[str], width: int, page: int, page_number: str = "- {} -", keep=frozenset()) -> str:
    """Paragraphs as a text export lays them out: indented, wrapped at `width`, a page number every
    `page` lines. Paragraphs whose index is in `keep` (title, signature) stay whole and unindented."""
    lines = []
    for k, paragraph in enumerate(paragraphs):
        indented = paragraph if k in keep else "　　" + paragraph
        lines += [indented] if k in keep else [indented[i:i + width] for i in range(0, len(indented), width)]
    numbered = []
    for k, line in enumerate(lines, 1):
        numbered += [line] + ([page_number.format(k // page)] if k % page == 0 else [])
    return "\n".join(numbered)


def text_document(text: str, source: str = "letter.txt") -> digest.Document:
    return digest.Document(source, "text", digest.text_pages(text))


def digest_text(text: str) -> digest.Letter:
    return digest.digest(text_document(text))


@pytest.fixture(scope="session")
def futian() -> dict[str, digest.Letter]:
    """The user's letter, digested from text and from PDF."""
    return {kind: digest.digest(digest.load(str(SAMPLES / f"futian-2025134.{kind}"))) for kind in ("txt", "pdf")}

# Tools, not tests: the benchmark times whole commands and is run by hand.
collect_ignore = ["benchmark.py", "make_golden.py"]
