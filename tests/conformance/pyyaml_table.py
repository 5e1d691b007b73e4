#!/usr/bin/env python3
"""What PyYAML's SafeLoader makes of a string written as a *plain* (unquoted) scalar.

    python3 tests/conformance/pyyaml_table.py < strings.jsonl
    python3 tests/conformance/pyyaml_table.py --corpus        # use hostile_strings.hostile_strings()

Input: one JSON-encoded string per line (blank lines are skipped).
Output: one JSON object per input, in order:
    {"input": s, "type": T, "equal": E}
  T is the type name of v in yaml.safe_load("k: " + s) == {"k": v}
    ("str", "bool", "int", "float", "NoneType", "datetime", "date", "list", "dict", "bytes", ...),
    or "error" when PyYAML raises or the text does not give a mapping with the single key "k"
    (e.g. "a\\nb: c" adds a second key).
  E is true iff v is a str equal to s, i.e. writing s plain is lossless. Note that type "str" does not imply
    E: "x #y" loads as "x", "a\\nb" as "a b", " x" as "x".
The Rust side uses this to check its own PyYAML resolver (the "must I quote this?" decision) against PyYAML.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Dict, Iterable

import yaml


def plain_scalar_info(s: str) -> Dict[str, object]:
    try:
        data = yaml.safe_load("k: " + s)
    except Exception:  # noqa: BLE001 - any loader failure means "not a usable plain scalar"
        return {"input": s, "type": "error", "equal": False}
    if not isinstance(data, dict) or list(data.keys()) != ["k"]:
        return {"input": s, "type": "error", "equal": False}
    v = data["k"]
    return {"input": s, "type": type(v).__name__, "equal": isinstance(v, str) and v == s}


def run(lines: Iterable[str]) -> None:
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        s = json.loads(line)
        if not isinstance(s, str):
            raise SystemExit(f"pyyaml_table: input line is not a JSON string: {line!r}")
        print(json.dumps(plain_scalar_info(s)))


def main(argv) -> int:
    if argv == ["--corpus"]:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from hostile_strings import hostile_strings

        run(json.dumps(s) + "\n" for s in hostile_strings())
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    run(sys.stdin)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
