"""Write tests/golden/<sample>.json from the current digest. Run on purpose, then read the diff.

    python tests/make_golden.py            # every sample
    python tests/make_golden.py NAME ...   # some

The fields of KNOWN_FAILURES (tests/test_samples.py) keep the reader's value the golden file holds.
"""

import json
import sys

from conftest import GOLDEN, SAMPLE_LETTERS, SAMPLES, digest, dump_summary, summary
from test_samples import KNOWN_FAILURES, named


def main() -> None:
    for name in sys.argv[1:] or SAMPLE_LETTERS:
        letter = digest.digest(digest.load(str(SAMPLES / name)))
        record = summary(digest.letter_dict(letter))
        path = GOLDEN / f"{name}.json"
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"claims": []}
        for sample, text, field in KNOWN_FAILURES:
            kept = [claim[field] for claim in named(old["claims"], text)] if sample == name else []
            for claim in named(record["claims"], text) if kept else []:
                claim[field] = kept[0]
        path.write_text(dump_summary(record), encoding="utf-8")
        print(f"wrote golden/{name}.json: {len(letter.sections)} sections, {len(letter.claims)} claims")


if __name__ == "__main__":
    main()
