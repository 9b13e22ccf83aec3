"""`python -m bench`: run the build and browser benchmarks, print and save the figures."""

import json
import os
import sys
from pathlib import Path

from bench import browser, build, lighthouse, mutation


def main() -> int:
    results = {"build": build.run(), "browser": browser.run()}
    if os.environ.get("BENCH_LIGHTHOUSE", "1") != "0":  # about 7 minutes a round; BENCH_LIGHTHOUSE=0 skips it
        results["lighthouse"] = lighthouse.run(rounds=int(os.environ.get("LIGHTHOUSE_RUNS", "3")))
    if os.environ.get("BENCH_MUTATION", "1") != "0":  # about half an hour; BENCH_MUTATION=0 skips it
        results["mutation"] = mutation.run()
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(browser.summary(results["browser"]))
    for preset, figures in results.get("lighthouse", {}).items():
        print(f"Lighthouse ({preset}):\n{lighthouse.summary(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
