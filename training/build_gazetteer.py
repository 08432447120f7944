"""Build ``pipeline/data/places.tsv``, the place-name gazetteer, from PyPI's cpca.

The union ruler recognises ``<place><level>总工会`` for places it has never
seen in the corpus; the place names come from the adcode table that the
MIT-licensed ``cpca==0.5.5`` wheel carries (3,500 provinces, prefectures and
counties). Output columns: adcode, name.

    python training/build_gazetteer.py
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "places.tsv"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                        "cpca==0.5.5", "-d", tmp], check=True, capture_output=True)
        wheel = next(Path(tmp).glob("cpca-0.5.5-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            table = archive.read("cpca/resources/adcodes.csv").decode("utf-8")
    rows = sorted({(r["adcode"][:6], r["name"]) for r in csv.DictReader(io.StringIO(table))})
    with TARGET.open("w", encoding="utf-8") as out:
        out.write("# adcode\tname  (from cpca 0.5.5, MIT licence)\n")
        for adcode, name in rows:
            out.write(f"{adcode}\t{name}\n")
    print(f"wrote {len(rows)} places to {TARGET}")


if __name__ == "__main__":
    main()
