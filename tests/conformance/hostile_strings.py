#!/usr/bin/env python3
"""Hostile-string corpus for amlnet's YAML / bash / Python emitters, plus checkers.

Library use:
    from hostile_strings import hostile_strings, check_yaml_values, check_bash_output
    corpus = hostile_strings()                  # ~110 tricky str values
    corpus = hostile_strings(bash_safe=True)    # without strings containing NUL (cannot be a bash argument)

CLI:
    python3 hostile_strings.py                      # print the corpus, one JSON string per line
    python3 hostile_strings.py --bash-safe          # same, without NUL-containing strings
    python3 hostile_strings.py --check-yaml F.yml   # F must yaml.safe_load to the corpus: a list in corpus
                                                    # order, or a mapping whose values are in corpus order
    python3 hostile_strings.py --check-bash F.sh    # F is run with `bash F.sh`; its stdout must be every
                                                    # bash-safe corpus string followed by a NUL byte, in order
                                                    # (e.g. one line `printf '%s\\0' <quoted word>` per string)
    python3 hostile_strings.py --check-python F.py  # F is run with runpy; it must define a list VALUES equal
                                                    # to the corpus (checks the Python string-literal emitter)
Exit code 0 when the check passes; 1 and one line per mismatch otherwise.
"""
from __future__ import annotations

import json
import runpy
import subprocess
import sys
from typing import Any, List

import yaml


def _yaml11_bools() -> List[str]:
    words = ["y", "yes", "n", "no", "true", "false", "on", "off"]
    out: List[str] = []
    for w in words:
        for v in (w, w.capitalize(), w.upper()):
            if v not in out:
                out.append(v)
    return out


def hostile_strings(bash_safe: bool = False) -> List[str]:
    """Return the corpus. Every entry is a str; there are no duplicates."""
    s: List[str] = []
    # YAML 1.1 booleans in all casings (PyYAML resolves y/Y/n/N as str, but other YAML 1.1 readers do not)
    s += _yaml11_bools()
    # null-ish and empty
    s += ["~", "null", "Null", "NULL", "", " ", "  "]
    # numbers: octal/hex/binary/underscore/sexagesimal/float/inf/nan
    s += ["0", "-0", "0123", "0o17", "0x1F", "0b101", "1_000", "1e3", "1E3", "1.0", ".5", "0.", "-1", "+1",
          ".inf", "-.Inf", ".NaN", "1:30", "12:30:00", "190:20:30", "1,000", "3.14159265358979323846"]
    # dates and timestamps
    s += ["2024-01-01", "2024-01-01T10:00:00Z", "2001-12-14 21:59:43.10 -5", "2024-1-1"]
    # YAML indicators and syntax fragments
    s += ["<<", "=", "-", "--", "---", "...", "? x", "?", "- x", "a: b", "a:b", "a:", ":a", "#x", "x #y", "x#y",
          "@x", "`x", "!x", "!!str", "!!binary", "&x", "*x", "%x", "%YAML 1.2", "|", "|-", ">", ">+", "[x]", "{x}",
          "[]", "{}", '{"a": 1}', ",x", "x,", "'x'", '"x"', "'", '"', "--- doc", "... end", "key: value # c"]
    # whitespace
    s += [" x", "x ", "\tx", "x\t", "\t", "a\nb", "a\n", "\n", "\nb", "a\r\nb", "a\rb", "a  b", "a\n\nb"]
    # quotes and backslashes
    s += ["it's", 'say "hi"', "'both\" kinds'", "back\\slash", "\\n literal", "C:\\path\\to\\file", "\\", "\\\\"]
    # shell metacharacters and injection attempts
    s += ["$(rm -rf /)", "`id`", "'; rm -rf ~; '", "\"; rm -rf ~; \"", "${HOME}", "$HOME", "$1", "$@", "a && b",
          "a; b", "x | y", "!!", "*", "?(x)", "~user", "a > /tmp/x", "-rf", "--help", "AMLNET_YAML", "EOF",
          "\\'", "$'x'"]
    # Python string-literal traps
    s += ["{}", "{0}", "%s", "\\x41", "\\u0041", "\"\"\"", "'''", "\\N{BULLET}"]
    # unicode
    s += ["café", "日本語", "emoji 😀", "\U0001F600", "\u0085", "a\u0085b", "a\u2028b", "\u2029", "\ufeffbom",
          "\u00a0nbsp", "zero\u200bwidth", "rtl\u202eoverride", "combining e\u0301"]
    # control characters
    s += ["\x00", "a\x00b", "\x01", "\x07bell", "\x1b[31mred", "\x7f", "\x1f", "\x0b", "\x0c"]
    # long strings (line folding / width limits)
    s += ["a" * 1024, " ".join(["word"] * 300), "x" * 80 + " " + "y" * 80, "long-" + "z" * 4000]
    out: List[str] = []
    seen = set()
    for v in s:
        if v in seen:
            continue
        if bash_safe and "\x00" in v:
            continue
        seen.add(v)
        out.append(v)
    return out


def check_yaml_values(text: str, expected: List[str]) -> List[str]:
    """yaml.safe_load(text) must be a list equal to `expected`, or a mapping whose values are `expected`
    in order. Returns a list of problems (empty = ok)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        return [f"yaml.safe_load failed: {e}"]
    if isinstance(data, dict):
        values = list(data.values())
    elif isinstance(data, list):
        values = data
    else:
        return [f"top level is {type(data).__name__}, expected a list or a mapping"]
    problems = []
    if len(values) != len(expected):
        problems.append(f"{len(values)} values, expected {len(expected)}")
    for i, (got, want) in enumerate(zip(values, expected)):
        if not isinstance(got, str) or got != want:
            problems.append(f"#{i}: expected {want!r} (str), got {got!r} ({type(got).__name__})")
    return problems


def check_bash_output(script_path: str, expected: List[str]) -> List[str]:
    """Run `bash script_path`; stdout must be each expected string followed by NUL."""
    proc = subprocess.run(["bash", script_path], capture_output=True, timeout=60)
    problems = []
    if proc.returncode != 0:
        problems.append(f"bash exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    parts = proc.stdout.decode("utf-8", errors="surrogateescape").split("\x00")
    if parts and parts[-1] == "":
        parts.pop()
    if len(parts) != len(expected):
        problems.append(f"{len(parts)} strings printed, expected {len(expected)}")
    for i, (got, want) in enumerate(zip(parts, expected)):
        if got != want:
            problems.append(f"#{i}: expected {want!r}, got {got!r}")
    return problems


def check_python_values(script_path: str, expected: List[str]) -> List[str]:
    g = runpy.run_path(script_path, run_name="hostile_check")
    values: Any = g.get("VALUES")
    if not isinstance(values, list):
        return ["script does not define a list VALUES"]
    problems = []
    if len(values) != len(expected):
        problems.append(f"{len(values)} values, expected {len(expected)}")
    for i, (got, want) in enumerate(zip(values, expected)):
        if got != want:
            problems.append(f"#{i}: expected {want!r}, got {got!r}")
    return problems


def main(argv: List[str]) -> int:
    bash_safe = "--bash-safe" in argv
    args = [a for a in argv if a != "--bash-safe"]
    if not args:
        for v in hostile_strings(bash_safe=bash_safe):
            print(json.dumps(v))
        return 0
    if len(args) == 2 and args[0] == "--check-yaml":
        with open(args[1], encoding="utf-8") as f:
            problems = check_yaml_values(f.read(), hostile_strings(bash_safe=bash_safe))
    elif len(args) == 2 and args[0] == "--check-bash":
        problems = check_bash_output(args[1], hostile_strings(bash_safe=True))
    elif len(args) == 2 and args[0] == "--check-python":
        problems = check_python_values(args[1], hostile_strings(bash_safe=bash_safe))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for p in problems:
        print(f"FAIL {p}")
    print(f"hostile_strings: {'ok' if not problems else str(len(problems)) + ' problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
