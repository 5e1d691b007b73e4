#!/usr/bin/env python3
"""Parses `az` command lines with the real Azure CLI's argument parser, without a login and without running them.

    /opt/azcli/bin/python tests/conformance/az_parse.py < calls.json

Reads a JSON list of argv lists (without the leading `az`), prints a JSON list with one entry per call:
{"ok": true, "command": "network private-endpoint create"} or {"ok": false, "error": "..."}. The parser is
azure-cli's own (the command table, every argument's options and `required` flag): the invocation runs up
to the end of argument parsing and is stopped there by an EVENT_INVOKER_POST_PARSE_ARGS handler, so an
unknown flag, a missing required argument or an invalid choice fails exactly as `az` fails, and nothing
(no validator that would need a subscription, no request) runs after it.
"""
import contextlib
import io
import json
import os
import sys
import tempfile

os.environ.setdefault("AZURE_CONFIG_DIR", tempfile.mkdtemp(prefix="amlnet-azconfig-"))
os.environ["AZURE_CORE_COLLECT_TELEMETRY"] = "false"
os.environ["AZURE_CORE_NO_COLOR"] = "true"

from azure.cli.core import get_default_cli  # noqa: E402
from knack.events import EVENT_INVOKER_POST_PARSE_ARGS  # noqa: E402


class Parsed(Exception):
    """Raised once the arguments are parsed: the command is never executed."""


def _stop(_cli_ctx, **kwargs):
    raise Parsed(str(kwargs.get("command") or ""))


def parse(argv):
    cli = get_default_cli()
    cli.register_event(EVENT_INVOKER_POST_PARSE_ARGS, _stop)
    cli.invocation = cli.invocation_cls(cli_ctx=cli, parser_cls=cli.parser_cls,
                                        commands_loader_cls=cli.commands_loader_cls, help_cls=cli.help_cls)
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            cli.invocation.execute(list(argv))
    except Parsed as p:
        return {"ok": True, "command": str(p)}
    except SystemExit as e:
        lines = [ln for ln in err.getvalue().splitlines() if ln.strip()]
        first = next((ln for ln in lines if "error" in ln.lower() or "required" in ln.lower() or "unrecognized" in ln.lower()),
                     lines[0] if lines else f"exit {e.code}")
        return {"ok": False, "error": first.strip()}
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "error": f"{type(e).__name__}: {e}"}
    return {"ok": False, "error": "the command ran to the end without parsing arguments (not a command?)"}


def main():
    calls = json.load(sys.stdin)
    json.dump([parse(c) for c in calls], sys.stdout)


if __name__ == "__main__":
    main()
