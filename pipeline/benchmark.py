"""Speed and memory, measured: ``python -m pipeline bench``.

Each measurement runs in a fresh process so that load time and peak memory
are what a user sees: load (import + pkuseg + model), characters per second
over the seed and test reports repeated to at least ``min_chars``, the same
with ``n_process=2``, and the time share of each stage (tokenizer = text
normalization + pkuseg + metric cuts; then each component).
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_texts(min_chars: int = 500_000) -> list[str]:
    """The seed page and the test reports, repeated to ``min_chars`` characters."""
    from .corpus import read_jsonl

    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    test_file = ROOT / "corpus" / "test.jsonl"
    if test_file.exists():
        base += [r["text"] for r in read_jsonl(test_file)]
    texts, total = [], 0
    while total < min_chars:
        for text in base:
            texts.append(text)
            total += len(text)
    return texts


def _measure(model: str | None, min_chars: int, n_process: int, profile: bool) -> dict:
    """Runs inside the child process."""
    import resource

    started = time.perf_counter()
    from .extraction import pipe_by_size
    from .loading import load_pipeline

    nlp = load_pipeline(model)
    load_seconds = time.perf_counter() - started
    texts = bench_texts(min_chars)
    chars = sum(len(t) for t in texts)
    nlp("预热")  # first call pays one-off costs (pattern compilation)
    started, cpu_started = time.perf_counter(), time.process_time()
    records = 0
    for doc in pipe_by_size(nlp, texts, n_process=n_process):
        records += len(doc._.records or [])
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # this process only
    stages: dict[str, float] = {}
    if profile:
        sample = texts[: max(1, len(texts) // 4)]
        for text in sample:
            t0 = time.perf_counter()
            doc = nlp.make_doc(text)
            stages["tokenizer"] = stages.get("tokenizer", 0.0) + time.perf_counter() - t0
            for name, proc in nlp.pipeline:
                t0 = time.perf_counter()
                doc = proc(doc)
                stages[name] = stages.get(name, 0.0) + time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load_s": load_seconds, "chars": chars, "docs": len(texts), "seconds": seconds,
            "chars_per_s": chars / seconds, "cpu_chars_per_s": chars / cpu_seconds,
            "records": records, "peak_mb": peak_mb,
            "n_process": n_process, "stages": stages}


def run_child(model: str | None, min_chars: int, n_process: int, profile: bool) -> dict:
    code = ("import json,sys; from pipeline.benchmark import _measure; "
            f"print(json.dumps(_measure({model!r}, {min_chars}, {n_process}, {profile})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(ROOT))
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr else "bench failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    import os

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def run_bench(model: str | None = None, min_chars: int = 500_000) -> str:
    """Measure and format the bench table."""
    one = run_child(model, min_chars, 1, True)
    two = run_child(model, min_chars, 2, False)
    lines = [f"machine: {machine()}",
             f"input: {one['docs']} reports, {one['chars']:,} characters",
             "",
             (f"{'run':<24}{'chars/s':>12}{'per CPU s':>12}{'seconds':>10}{'load s':>9}"
              f"{'peak MB':>10}")]
    for name, row in (("1 process", one), ("n_process=2", two)):
        cpu = f"{row['cpu_chars_per_s']:>12,.0f}" if row["n_process"] == 1 else f"{'-':>12}"
        lines.append(f"{name:<24}{row['chars_per_s']:>12,.0f}{cpu}{row['seconds']:>10.1f}"
                     f"{row['load_s']:>9.2f}{row['peak_mb']:>10.0f}")
    total = sum(one["stages"].values()) or 1.0
    lines.append("")
    lines.append("time share per stage (1 process, quarter of the input):")
    for name, seconds in sorted(one["stages"].items(), key=lambda kv: -kv[1]):
        lines.append(f"  {name:<28}{100 * seconds / total:>6.1f}%  {seconds:>7.2f} s")
    lines.append("(per CPU s: characters per second of this process's CPU time, steadier than")
    lines.append(" the wall clock on a shared machine; peak MB of the n_process=2 run is the")
    lines.append(" parent process only)")
    return "\n".join(lines)
