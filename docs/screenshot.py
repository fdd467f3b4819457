"""Make docs/network.png, the README's picture, from the real `make demo` output.

Run: .venv/bin/python docs/screenshot.py [out/graph.html]   (needs Debian's chromium)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import Browser  # noqa: E402


def main() -> None:
    page_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "graph.html"
    if not page_path.exists():
        sys.exit(f"{page_path}: no such file (run `make demo` first)")
    with Browser() as browser:
        page = browser.open(page_path, width=1100, height=700)
        page.wait_for("window.__kgReady", timeout=20)
        png = page.screenshot()
    target = ROOT / "docs" / "network.png"
    target.write_bytes(png)
    print(f"wrote {target} ({len(png):,} bytes)")


if __name__ == "__main__":
    main()
