import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
from cross_author import split_held_out


def test_cross_author_holds_out_whole_files(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = {"train": [("a1", "batch_a.md"), ("j1", "batch_j.md")],
            "dev": [("a2", "batch_a.md"), ("j2", "batch_j.md")]}
    for split, reports in rows.items():
        (corpus / f"{split}.jsonl").write_text("".join(
            json.dumps({"id": rid, "meta": {"file": file}}) + "\n" for rid, file in reports))
    counts = split_held_out(corpus, {"batch_j.md"}, tmp_path / "out")
    assert counts == {"train": 1, "dev": 1, "held": 2}
    lines = (tmp_path / "out" / "held.jsonl").read_text().splitlines()
    held = [json.loads(line)["id"] for line in lines]
    assert held == ["j1", "j2"]
