"""Benchmark digest.py against the floors its libraries set. Not a test: run it by hand.

    python tests/benchmark.py                 # 200 letters, medians of 5 rounds of every command
    python tests/benchmark.py --letters 50 --runs 3
    python tests/benchmark.py --large         # also a 50 MB letter and a 1 MB line without punctuation
    python tests/benchmark.py --ocr           # also the sample letter scanned, read by OCR (needs requirements-ocr.txt)

It builds a corpus from samples/ in a temporary folder (numbers, sections and
lengths varied; half typeset as PDF), then times whole commands, as a user
would meet them, in rounds (each command once a round), and prints each figure
beside its target.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import digest  # noqa: E402
from docmaker import letter_docx  # noqa: E402
from pdfmaker import letter_pdf  # noqa: E402

PYTHON = sys.executable
SAMPLE_TXT = ROOT / "samples" / "futian-2025134.txt"
SAMPLE_PDF = ROOT / "samples" / "futian-2025134.pdf"
SAMPLE_PAGE = ROOT / "tests" / "pages" / "futian-2025134.table.html"
JIEBA_FLOOR = "import jieba, jieba.analyse; jieba.initialize()"
PDF_FLOOR = ("import sys, pdfplumber\n"
             "for path in sys.argv[1:]:\n"
             "    with pdfplumber.open(path) as pdf:\n"
             "        [page.extract_text() for page in pdf.pages]")


def run(command: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (MB, the largest process of the command) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"benchmark: {' '.join(command)} failed")
    return elapsed, usage.ru_maxrss // 1024


def median_runs(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, int]]:
    """Each command's median time and largest peak memory over `runs` rounds.

    A round runs every command once, so a load that comes and goes on the machine
    falls on the commands compared alike, not on whichever happened to run then.
    """
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(run(command))
    return {name: (statistics.median(t for t, _ in timed), max(m for _, m in timed)) for name, timed in results.items()}


def varied(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A new letter from a sample: other figures, some sections dropped or repeated, other lengths."""
    renumber = lambda text: re.sub(r"\d+", lambda m: str(rng.randint(2, 10 ** len(m.group())) if len(m.group()) < 4
                                                          else m.group()), text)
    body = [p for p in paragraphs[3:-3] if rng.random() > 0.15]
    body += rng.sample(body, k=min(len(body), rng.randint(0, 3)))
    return paragraphs[:3] + [renumber(p) for p in body] + paragraphs[-3:]


def build_corpus(folder: Path, count: int, seed: int = 2025) -> tuple[list[Path], list[Path]]:
    rng = random.Random(seed)
    sources = [list(digest.clean(digest.load(str(path)))) for path in sorted((ROOT / "samples").iterdir())
               if path.suffix == ".txt"]
    pdfs, texts = [], []
    for k in range(count):
        paragraphs = varied(rng.choice(sources), rng)
        if k % 2:
            path = folder / f"letter-{k:03d}.txt"
            path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
            texts.append(path)
        else:
            path = folder / f"letter-{k:03d}.pdf"
            path.write_bytes(letter_pdf(paragraphs))
            pdfs.append(path)
    return pdfs, texts


def large_inputs(folder: Path, tool: list[str], baseline_mb: int) -> list[tuple[str, str, str, str]]:
    """A 50 MB letter (the sample's sections over and over), a 1 MB line without punctuation, and a
    300-page PDF letter (memory held while its pages are read: the peak of its largest process)."""
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    head, _, rest = text.partition("一、")
    sections, _, tail = ("一、" + rest).partition("下一步")
    big = folder / "large.txt"
    with big.open("w", encoding="utf-8") as out:
        out.write(head)
        while out.tell() < 50 * 1024 * 1024:
            out.write(sections)
        out.write("下一步" + tail)
    line = folder / "line.txt"
    flat = re.sub(r"[\s，。、；：！？“”《》（）]", "", sections)
    line.write_text("尊敬的王委员：\n" + (flat * (1024 * 1024 // len(flat) + 1))[:1024 * 1024], encoding="utf-8")
    long_pdf = folder / "long.pdf"
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    long_pdf.write_bytes(letter_pdf(paragraphs[:3] + paragraphs[3:-3] * 100 + paragraphs[-3:]))
    rows = []
    for label, path in (("6. a 50 MB letter", big), ("   a 1 MB line without punctuation", line)):
        seconds, peak = run(tool + [str(path), "-f", "json"])
        size = path.stat().st_size / 1024 / 1024
        over = max(0, peak - baseline_mb)    # what the input adds to what jieba and Python take anyway
        rows.append((label, f"{seconds:.0f} s", f"{seconds / size:.2f} s a MB",
                     f"peak {peak} MB: {over} MB over one letter's, {over / size:.1f} × the file"))
    seconds, peak = run(tool + [str(long_pdf), "-f", "json"])
    pages = len(digest.load(str(long_pdf)).pages)
    rows.append((f"   a {pages}-page PDF letter", f"{seconds:.1f} s", f"{seconds / pages * 1000:.0f} ms a page",
                 f"peak {peak} MB, {max(0, peak - baseline_mb) / pages:.2f} MB a page over one letter's"))
    return rows


def scanned_inputs(folder: Path, tool: list[str], runs: int, jobs: int) -> list[tuple[str, str, str, str]]:
    """The sample letter scanned (4 pages, 150 dpi, a red seal), read by OCR with one reader and with `jobs`."""
    from scanmaker import scanned_letter
    scan = folder / "scan.pdf"
    scan.write_bytes(scanned_letter(SAMPLE_PDF.read_bytes(), dpi=150, seed=0))
    pages = len(digest.load(str(SAMPLE_PDF)).pages)
    times = median_runs({"one": tool + [str(scan), "--jobs", "1"], "many": tool + [str(scan), "--jobs", str(jobs)]}, runs)
    (one, peak), (many, _) = times["one"], times["many"]
    return [(f"7. the sample scanned, by OCR, --jobs 1", f"{one:.1f} s", f"{one / pages:.1f} s a page", f"peak {peak} MB"),
            (f"   --jobs {jobs}", f"{many:.1f} s", f"{many / pages:.1f} s a page", f"speed-up {one / many:.2f} ×")]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--large", action="store_true", help="also time a 50 MB letter and a 1 MB line")
    parser.add_argument("--ocr", action="store_true", help="also time the sample letter scanned, read by OCR")
    args = parser.parse_args()
    tool = [PYTHON, str(ROOT / "digest.py")]
    rows: list[tuple[str, str, str, str]] = []

    # Warm jieba's dictionary cache, as any second run finds it.
    run(tool + [str(SAMPLE_TXT)])

    word = Path(tempfile.mkdtemp()) / "futian-2025134.docx"
    word.write_bytes(letter_docx([line.strip() for line in SAMPLE_TXT.read_text(encoding="utf-8").splitlines() if line.strip()]))
    single_calls = {
        "text": tool + [str(SAMPLE_TXT)], "jieba": [PYTHON, "-c", JIEBA_FLOOR],
        "page": tool + [str(SAMPLE_PAGE)], "word": tool + [str(word)],
        "pdf": tool + [str(SAMPLE_PDF)], "pdfplumber": [PYTHON, "-c", PDF_FLOOR, str(SAMPLE_PDF)],
        "import": [PYTHON, "-c", "import pdfplumber"], "python": [PYTHON, "-c", ""],
    }
    if shutil.which("pdftotext"):
        single_calls["pdftotext"] = ["pdftotext", str(SAMPLE_PDF), "-"]
    single = median_runs(single_calls, args.runs)
    (text, text_mb), (floor, _) = single["text"], single["jieba"]
    (pdf, _), (pdf_floor, _) = single["pdf"], single["pdfplumber"]
    python_and_import, python_alone = single["import"][0], single["python"][0]
    rows.append(("1. sample text letter", f"{text:.2f} s", f"jieba floor {floor:.2f} s, ratio {text / floor:.2f}",
                 f"≤ 1.2: {verdict(text / floor <= 1.2)}"))
    limit = text + 1.3 * pdf_floor
    rows.append(("2. sample PDF letter", f"{pdf:.2f} s", f"pdfplumber floor {pdf_floor:.2f} s",
                 f"≤ text + 1.3 × floor = {limit:.2f} s: {verdict(pdf <= limit)}"))
    rows.append(("   as a web page", f"{single['page'][0]:.2f} s", f"the text {text:.2f} s", ""))
    rows.append(("   as a Word file", f"{single['word'][0]:.2f} s", f"the text {text:.2f} s", ""))
    shutil.rmtree(word.parent)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdfs, texts = build_corpus(folder, args.letters)
        everything = [str(p) for p in sorted(pdfs + texts)]
        batch = median_runs({
            "one job": tool + everything + ["--jobs", "1"], "many jobs": tool + everything + ["--jobs", str(args.jobs)],
            "texts only": tool + [str(p) for p in texts] + ["--jobs", "1"],
            "bare": [PYTHON, "-c", PDF_FLOOR] + [str(p) for p in pdfs],
        }, args.runs)
        (one_job, batch_mb), (many_jobs, _) = batch["one job"], batch["many jobs"]
        texts_only, bare = batch["texts only"][0], batch["bare"][0]
        # Both sides pay pdfplumber's import once a call, not once a letter.
        per_pdf = (one_job - texts_only - (python_and_import - python_alone)) / len(pdfs)
        per_bare = (bare - python_and_import) / len(pdfs)
        per_text = (texts_only - text) / max(1, len(texts) - 1)
        rows.append((f"3. {len(everything)} letters, --jobs 1", f"{one_job:.2f} s", f"{one_job / len(everything) * 1000:.0f} ms a letter", ""))
        rows.append(("   each PDF letter", f"{per_pdf * 1000:.0f} ms", f"pdfplumber alone {per_bare * 1000:.0f} ms",
                     f"≤ 1.3 ×: {verdict(per_pdf <= 1.3 * per_bare)} ({per_pdf / per_bare:.2f} ×)"))
        rows.append(("   each text letter", f"{per_text * 1000:.0f} ms", f"single call {text * 1000:.0f} ms",
                     f"≤ 1/20 = {text / 20 * 1000:.0f} ms: {verdict(per_text <= text / 20)}"))
        speedup = one_job / many_jobs
        rows.append((f"   --jobs {args.jobs}", f"{many_jobs:.2f} s", f"{many_jobs / len(everything) * 1000:.0f} ms a letter",
                     # --jobs 1 reads its PDFs in a reader process too, beside the digesting:
                     # a second reader must never slow a batch, and gains what a third core gives.
                     f"speed-up {speedup:.2f} × (≥ 1.0): {verdict(speedup >= 1.0)}"))

        rows.append(("4. peak memory, 1 letter", f"{text_mb} MB", "", f"≤ 300 MB: {verdict(text_mb <= 300)}"))
        rows.append((f"   peak memory, {len(everything)} letters", f"{batch_mb} MB", "--jobs 1",
                     f"≤ 300 MB: {verdict(batch_mb <= 300)}"))

        if "pdftotext" in single:
            rows.append(("5. pdftotext, sample PDF", f"{single['pdftotext'][0]:.3f} s", "the lower bound a user knows", ""))
        else:
            rows.append(("5. pdftotext", "not installed", "(apt-get install poppler-utils)", ""))
        if args.large:
            rows += large_inputs(folder, tool, text_mb)
        if args.ocr:
            rows += scanned_inputs(folder, tool, min(args.runs, 3), max(2, args.jobs))

    print(f"digest.py benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"medians of {args.runs} rounds\n")
    widths = [max(len(row[k]) for row in rows) for k in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
