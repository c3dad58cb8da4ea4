"""Letters as people get them (issue 11), item by item: web pages, Word files, scans and photos read
by OCR, Markdown, read-once paths, and a Python that lacks a package."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import zipfile

import pytest

import docmaker
from conftest import SAMPLES, SCRIPT, digest, run_cli

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


# ── Formats it does not read (item 2) ─────────────────────────────────────────

CONVERT = "convert it first, e.g. soffice --headless --convert-to docx {path}"


@pytest.mark.parametrize("kind, name, said", [
    ("doc", "letter.doc", f"a Word 97–2003 or WPS document (.doc, .wps): {CONVERT}"),
    ("wps", "letter.wps", f"a Word 97–2003 or WPS document (.doc, .wps): {CONVERT}"),
    ("doc", "letter.txt", f"a Word 97–2003 or WPS document (.doc, .wps): {CONVERT}"),     # by content, not name
    ("rtf", "letter.rtf", f"an RTF document: {CONVERT}"),
    ("ofd", "letter.ofd", "an OFD document: save it as PDF from an OFD reader first, then digest the PDF"),
], ids=["doc", "wps", "doc-named-txt", "rtf", "ofd"])
def test_a_format_it_does_not_read_is_one_line_that_says_what_to_do(tmp_path, capsys, kind, name, said):
    path = tmp_path / name
    path.write_bytes(docmaker.letter_doc_like(kind))
    assert digest.main([str(path), str(SAMPLE_TXT), "-f", "json", "--overview-only"]) == 1
    out, err = capsys.readouterr()
    assert err == f"digest: error: {path}: {said.format(path=path)}\n"
    assert [row["error"] is None for row in json.loads(out)] == [False, True]


def test_the_command_quotes_a_name_with_spaces_and_says_file_for_standard_input(tmp_path, monkeypatch, capsys):
    path = tmp_path / "第 12 号 答复.doc"
    path.write_bytes(docmaker.letter_doc_like("doc"))
    digest.main([str(path)])
    assert capsys.readouterr().err.endswith(f"--convert-to docx '{path}'\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(docmaker.letter_doc_like("wps"))))
    digest.main(["-"])
    assert capsys.readouterr().err.endswith("--convert-to docx FILE\n")


@pytest.mark.parametrize("parts, said", [
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"},
     f"an OpenDocument text (.odt): {CONVERT}"),
    ({"notes.txt": "不是信"}, "a zip archive, not a letter"),
], ids=["odt", "zip"])
def test_other_zips_are_named_too(tmp_path, capsys, parts, said):
    path = tmp_path / "letter.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    assert digest.main([str(path)]) == 1
    assert capsys.readouterr().err == f"digest: error: {path}: {said.format(path=path)}\n"


# ── A Python that lacks a package (item 6) ────────────────────────────────────
# digest.py run as a script where importing the package fails, as it does where it is not installed;
# the reader processes, forked from it, lack it too.

LACKING = "import runpy, sys\nfor name in {names!r}: sys.modules[name] = None\nsys.argv = {argv!r}\nrunpy.run_path(sys.argv[0], run_name='__main__')\n"


@pytest.mark.parametrize("names, letter, options, said", [
    (["jieba"], SAMPLE_TXT, [], "{path}: needs jieba, which is not installed: pip install -r requirements.txt"),
    (["pdfplumber"], SAMPLE_PDF, [], "{path}: needs pdfplumber, which is not installed: pip install -r requirements.txt"),
    (["rich"], SAMPLE_TXT, ["-f", "table"], "needs rich, which is not installed: pip install -r requirements.txt"),
], ids=["jieba", "pdfplumber", "rich"])
def test_a_missing_package_is_one_line_naming_it_and_the_install_command(tmp_path, names, letter, options, said):
    runner = tmp_path / "lacking.py"
    runner.write_text(LACKING.format(names=names, argv=[str(SCRIPT), str(letter), *options]), encoding="utf-8")
    result = subprocess.run([sys.executable, str(runner)], capture_output=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.decode("utf-8") == f"digest: error: {said.format(path=letter)}\n"
