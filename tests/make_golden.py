"""Write tests/golden/<sample>.json from the current digest. Run on purpose, then read the diff.

    python tests/make_golden.py            # every sample
    python tests/make_golden.py NAME ...   # some
"""

import sys

from conftest import GOLDEN, SAMPLE_LETTERS, SAMPLES, digest, dump_summary

def main() -> None:
    for name in sys.argv[1:] or SAMPLE_LETTERS:
        letter = digest.digest(digest.load(str(SAMPLES / name)))
        record = digest.letter_dict(letter)
        (GOLDEN / f"{name}.json").write_text(dump_summary(record), encoding="utf-8")
        print(f"wrote golden/{name}.json: {len(letter.sections)} sections, {len(letter.claims)} claims")


if __name__ == "__main__":
    main()
