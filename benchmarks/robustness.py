"""Long and deeply nested input: time and peak memory of `kg.build_graph`, each case in its own process.

Cases (sizes from the command line):

- ``report``: the example article repeated, paragraphs apart, to --report-chars characters;
- ``line``: its words on one line with every full stop removed, to --line-chars characters;
- ``quotes``: --depth speakers each quoting the next (``Minister 1 said, "Minister 2 said, "...``);
- ``brackets``: a noun phrase --depth brackets deep.

Each case also runs at a tenth of its size, so the ratio shows how time grows
(10x the input in about 10x the time is linear). Every case runs in a fresh process, so
the peak memory (max RSS) is its own. On a shared machine the times are noisy: read the ratios.

    python benchmarks/robustness.py                                # 1 MB report and line, 2,000 levels
    python benchmarks/robustness.py --report-chars 5000000        # the 5 MB report (a quarter of an hour)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARTICLE = (ROOT / "examples" / "khamenei-rejects-talks-2019-09-18.txt").read_text(encoding="utf-8")


def make_text(case: str, size: int) -> str:
    if case == "report":
        return ((ARTICLE + "\n\n") * (size // len(ARTICLE) + 1))[:size]
    if case == "line":
        words = " ".join(ARTICLE.replace(".", " ").split()) + " "
        return (words * (size // len(words) + 1))[:size]
    if case == "quotes":
        return "".join(f'Minister {i} said, "' for i in range(size)) + "Iran rejected the talks." + '"' * size
    if case == "brackets":
        return "Iran rejected " + "(the plan of " * size + "Tehran" + ")" * size + "."
    raise ValueError(case)


def _run(case: str, size: int, out) -> None:
    import kg

    text = make_text(case, size)
    started = time.perf_counter()
    graph = kg.build_graph([text])
    seconds = time.perf_counter() - started
    summary = graph.summary()
    out.send({"case": case, "size": size, "chars": len(text), "seconds": round(seconds, 1),
              "claims": summary.claims, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024})


def measure(case: str, size: int) -> dict:
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(case, size, send))
    process.start()
    result = receive.recv() if receive.poll(3600) else {"case": case, "size": size, "error": "no answer in an hour"}
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-chars", type=int, default=1_000_000)
    parser.add_argument("--line-chars", type=int, default=1_000_000)
    parser.add_argument("--depth", type=int, default=2_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sizes = {"report": args.report_chars, "line": args.line_chars, "quotes": args.depth, "brackets": args.depth}
    rows = []
    for case, size in sizes.items():
        small, large = measure(case, max(1, size // 10)), measure(case, size)
        large["time_ratio_to_tenth"] = round(large["seconds"] / max(small["seconds"], 0.1), 1)
        rows += [small, large]
        if not args.json:
            print(f"{case:>8} {large['chars']:>9,} chars: {large['seconds']:7.1f} s, peak {large['peak_mb']:5} MB, "
                  f"{large['claims']:6} claims; a tenth of it {small['seconds']:.1f} s, {small['peak_mb']} MB "
                  f"(10x input: x{large['time_ratio_to_tenth']} time)", flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
