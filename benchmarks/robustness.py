"""Long and deeply nested input: time and peak memory of a build, each case in its own process.

Cases (sizes from the command line):

- ``report``: the example article repeated, paragraphs apart, to --report-chars characters;
- ``varied``: the same, each copy's capitalised words given a suffix of the copy's own
  ("Khameneibc"), so that every copy brings new words to the vocabulary (--varied-chars);
- ``line``: its words on one line with every full stop removed, to --line-chars characters;
- ``quotes``: --depth speakers each quoting the next (``Minister 1 said, "Minister 2 said, "...``);
- ``brackets``: a noun phrase --depth brackets deep.

Each case is measured three ways, each in a fresh process so that its peak memory is its own:

- ``library``: ``kg.build_graph([text])``, the graph in rdflib's memory store: the graph is
  the output, so its memory grows with what the text says;
- ``cli``: ``kg build FILE --out DIR``, what a user runs on a big file: the graph goes into
  the Oxigraph store on disk as it is made, then graph.ttl and graph.html are written;
- ``extract``: ``kg extract FILE --out OUT``, the JSONL records written as they are made.

For the last two the peak is the child's high-water resident set (VmHWM), as the kernel counts it.

Each also runs at a tenth of its size, so the ratio shows how time grows (10x the input in
about 10x the time is linear). On a shared machine the times are noisy: read the ratios, and
the load average printed with them.

    python benchmarks/robustness.py                                # 1 MB report and line, 2,000 levels
    python benchmarks/robustness.py --report-chars 5000000 --line-chars 0 --depth 0   # the 5 MB report
    python benchmarks/robustness.py --paths cli                    # only the command line

Measured on 2 shared CPUs at a load average of 2 to 6 (times vary severalfold between runs):
``kg build`` of the 1 MB report 189 s / 353 MB, of the 5 MB report 545 s / 385 MB (before the
long-document parts 906 MB and 4.1 GB; before graph.ttl was streamed and parsed docs were freed,
600 MB and 1,122 MB); ``kg extract`` of the 1 MB report 153 s / 256 MB, of the 5 MB report
471 s / 272 MB; ``kg.build_graph`` of the 1 MB report 962 MB, its graph being in rdflib's memory
store; 2,000 nested quotations 26-28 s / 450 MB, 2,000 brackets 5-8 s / 270-290 MB. See the
README's "Safe with hostile queries and odd input".
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARTICLE = (ROOT / "examples" / "khamenei-rejects-talks-2019-09-18.txt").read_text(encoding="utf-8")


def make_text(case: str, size: int) -> str:
    if case == "report":
        return ((ARTICLE + "\n\n") * (size // len(ARTICLE) + 1))[:size]
    if case == "varied":
        copies, length = [], 0
        while length < size:
            suffix = _letters(len(copies))
            copies.append(re.sub(r"\b([A-Z][a-z]+)\b", lambda m: m.group(1) + suffix, ARTICLE) + "\n\n")
            length += len(copies[-1])
        return "".join(copies)[:size]
    if case == "line":
        words = " ".join(ARTICLE.replace(".", " ").split()) + " "
        return (words * (size // len(words) + 1))[:size]
    if case == "quotes":
        return "".join(f'Minister {i} said, "' for i in range(size)) + "Iran rejected the talks." + '"' * size
    if case == "brackets":
        return "Iran rejected " + "(the plan of " * size + "Tehran" + ")" * size + "."
    raise ValueError(case)


def _letters(number: int) -> str:
    """A number written in letters: 0 → "a", 27 → "bb"."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if not number:
            return letters


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
    """`kg.build_graph` on the case's text, in a fresh process."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(case, size, send))
    process.start()
    result = receive.recv() if receive.poll(3600) else {"case": case, "size": size, "error": "no answer in an hour"}
    process.join()
    return {"path": "library", **result}


def measure_cli(case: str, size: int, *, command: str = "build") -> dict:
    """``kg build FILE --out DIR`` (or ``kg extract FILE --out OUT``): wall time and the process's peak memory.

    The peak is the child's high-water resident set (VmHWM: ``ru_maxrss`` from ``wait4``).
    """
    text = make_text(case, size)
    with tempfile.TemporaryDirectory(prefix="kg-robustness-") as folder:
        path = Path(folder) / f"{case}.txt"
        path.write_text(text, encoding="utf-8")
        out = Path(folder) / ("out" if command == "build" else "out.jsonl")
        command_line = [sys.executable, "-m", "kg", command, str(path), "--out", str(out)]
        log = Path(folder) / "log"
        started = time.perf_counter()
        with log.open("wb") as output:  # a file, not a pipe: a pipe's buffer fills and blocks the child
            process = subprocess.Popen(command_line, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT)
            _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        output = log.read_text(encoding="utf-8", errors="replace")
        process.returncode = os.waitstatus_to_exitcode(status)
        if command == "extract":
            claims = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else "?"
        else:
            found = [line for line in output.splitlines() if " claims" in line]
            claims = found[-1].split(" claims")[0].split()[-1].replace(",", "") if found else "?"
    result = {"path": command, "case": case, "size": size, "chars": len(text), "seconds": round(seconds, 1),
              "peak_mb": usage.ru_maxrss // 1024, "exit": process.returncode, "claims": claims}
    if process.returncode:
        result["error"] = output.strip().splitlines()[-1:] if output.strip() else "no output"
    return result


def measure_extract(case: str, size: int) -> dict:
    """``kg extract FILE --out OUT`` on the case's text (JSONL records)."""
    return measure_cli(case, size, command="extract")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-chars", type=int, default=1_000_000)
    parser.add_argument("--varied-chars", type=int, default=0)
    parser.add_argument("--line-chars", type=int, default=1_000_000)
    parser.add_argument("--depth", type=int, default=2_000)
    parser.add_argument("--paths", default="library,cli,extract", help="library, cli, extract (comma-separated)")
    parser.add_argument("--tenth", action=argparse.BooleanOptionalAction, default=True,
                        help="also run each case at a tenth of its size (the time ratio)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sizes = {"report": args.report_chars, "varied": args.varied_chars, "line": args.line_chars, "quotes": args.depth, "brackets": args.depth}
    runners = {"library": measure, "cli": measure_cli, "extract": measure_extract}
    paths = [p for p in args.paths.split(",") if p in runners]
    if not args.json:
        print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} CPUs", flush=True)
    rows = []
    for case, size in sizes.items():
        if size <= 0:
            continue
        for name in paths:
            large = runners[name](case, size)
            small = runners[name](case, max(1, size // 10)) if args.tenth else None
            rows += [r for r in (small, large) if r is not None]
            if "error" in large or (small and "error" in small):
                if not args.json:
                    print(f"{case:>8} {name:>7}: failed: {large.get('error') or small.get('error')}", flush=True)
                continue
            line = (f"{case:>8} {name:>7} {large['chars']:>9,} chars: {large['seconds']:7.1f} s, "
                    f"peak {large['peak_mb']:5} MB, {large['claims']:>6} claims")
            if small is not None:
                large["time_ratio_to_tenth"] = round(large["seconds"] / max(small["seconds"], 0.1), 1)
                line += (f"; a tenth of it {small['seconds']:.1f} s, {small['peak_mb']} MB "
                         f"(10x input: x{large['time_ratio_to_tenth']} time)")
            if not args.json:
                print(f"{line}; load average {os.getloadavg()[0]:.1f}", flush=True)
    if not args.json:
        print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
