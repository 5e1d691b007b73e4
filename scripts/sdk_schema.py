#!/usr/bin/env python3
"""Extracts the marshmallow schemas azure-ai-ml reads workspaces, online endpoints and online deployments with.

    python3 scripts/sdk_schema.py           # rewrites crates/core/src/schema/sdk.rs
    python3 scripts/sdk_schema.py --check   # fails (exit 1) when the file differs from what the pinned SDK gives

The output is a Rust data file the core compiles in: one `Schema` per marshmallow schema reachable from the
document roots (workspace, hub, project; managed and kubernetes endpoint and deployment), each field with its
type tree, required / dump_only / allow_none flags, enum values with their casing rule, validators, and the
unknown-key policy of every nested level. Nothing is written by hand: a field type, validator or casing
function this script does not know is an error here, so moving the SDK pin shows up as a reviewed diff (or a
loud failure), never as silent drift. Schema hooks (`post_load`, `validates`, ...) are listed by name; the
core's `schema::hooks` test requires each one to be reviewed there.
"""
from __future__ import annotations

import argparse
import difflib
import re
from collections import Counter
import importlib.metadata as md
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import logging
import warnings

# The SDK logs a line per experimental schema class at import; none of it is output of this script.
logging.disable(logging.WARNING)
warnings.simplefilter("ignore")

from marshmallow import EXCLUDE, INCLUDE, RAISE, fields, validate  # noqa: E402

from azure.ai.ml._schema._deployment.online.online_deployment import (
    KubernetesOnlineDeploymentSchema,
    ManagedOnlineDeploymentSchema,
)
from azure.ai.ml._schema._endpoint.online.online_endpoint import (
    KubernetesOnlineEndpointSchema,
    ManagedOnlineEndpointSchema,
)
from azure.ai.ml._schema._utils.utils import validate_arm_str
from azure.ai.ml._schema.core import fields as aml
from azure.ai.ml._schema.workspace.ai_workspaces.hub import HubSchema
from azure.ai.ml._schema.workspace.ai_workspaces.project import ProjectSchema
from azure.ai.ml._schema.workspace.workspace import WorkspaceSchema
from azure.ai.ml.constants._common import BASE_PATH_CONTEXT_KEY

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "core" / "src" / "schema" / "sdk.rs"

# (Rust constant, schema class): the schemas the load functions choose between.
ROOTS = [
    ("WORKSPACE", WorkspaceSchema),
    ("HUB", HubSchema),
    ("PROJECT", ProjectSchema),
    ("MANAGED_ENDPOINT", ManagedOnlineEndpointSchema),
    ("KUBERNETES_ENDPOINT", KubernetesOnlineEndpointSchema),
    ("MANAGED_DEPLOYMENT", ManagedOnlineDeploymentSchema),
    ("KUBERNETES_DEPLOYMENT", KubernetesOnlineDeploymentSchema),
]

POLICY = {RAISE: "Raise", EXCLUDE: "Exclude", INCLUDE: "Include"}
# Casing rules, found by probing each transform on these words rather than by its name.
CASING_PROBES = ["AbC_dEf", "allow_only_approved_outbound", "AllowOnlyApprovedOutbound", "aad_token", "Key", "x"]
CASINGS = {
    "Lower": lambda s: s.lower(),
    "Identity": lambda s: s,
}


def _casing(transform: Any) -> str:
    from azure.ai.ml._utils.utils import camel_to_snake, snake_to_pascal

    candidates = dict(CASINGS, CamelToSnake=camel_to_snake, SnakeToPascal=snake_to_pascal)
    for name, fn in candidates.items():
        if all(fn(p) == transform(p) for p in CASING_PROBES):
            return name
    raise SystemExit(f"unknown casing transform {transform!r}: teach scripts/sdk_schema.py and schema/mod.rs")


def qualified(cls: type) -> str:
    """`workspace.identity.IdentitySchema`: the module under azure.ai.ml._schema and the class (two classes
    share the name IdentitySchema)."""
    module = cls.__module__.split("azure.ai.ml._schema.", 1)[-1]
    return f"{module}.{cls.__name__}"


MISSING_ARGS = re.compile(r"missing \d+ required (?:positional|keyword-only) arguments?: (.*)$")


def constructor_required(cls: type, inst: Any) -> List[str]:
    """Keys the entity built by a `post_load` hook needs although the schema does not require them: each hook
    is called with an empty mapping, and the names a TypeError says are missing are read off its message
    (`DataCollector.__init__() missing 1 required positional argument: 'collections'`)."""
    keys: List[str] = []
    for tag, entries in getattr(cls, "_hooks", {}).items():
        if tag != "post_load":
            continue
        for entry in entries:
            name = entry[0] if isinstance(entry, tuple) else entry
            try:
                getattr(inst, name)({})
            except TypeError as e:
                m = MISSING_ARGS.search(str(e))
                if m:
                    keys += [k for k in re.findall(r"'([^']+)'", m.group(1)) if k not in keys]
            except Exception:  # noqa: BLE001 - any other failure says nothing about required arguments
                pass
    schema_required = {f.data_key or n for n, f in inst.fields.items() if f.required}
    # Arguments the schema fills itself (base_path) or that it requires anyway are not listed.
    return [k for k in keys if k in {f.data_key or n for n, f in inst.fields.items()} and k not in schema_required]


def hook_variant(hook: str) -> str:
    """`post_load:workspace.identity.IdentitySchema.make` → `PostLoadWorkspaceIdentityIdentitySchemaMake`."""
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[:._]+", hook) if p)


def rs(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Extractor:
    def __init__(self) -> None:
        self.schemas: List[str] = []  # rendered, by index
        self.index: Dict[type, int] = {}
        self.hooks: set = set()

    def schema(self, cls: type) -> int:
        if cls in self.index:
            return self.index[cls]
        idx = len(self.schemas)
        self.index[cls] = idx
        self.schemas.append("")  # reserve (recursive schemas)
        inst = cls(context={BASE_PATH_CONTEXT_KEY: Path(".")})
        from azure.ai.ml._schema.core.schema import PathAwareSchema

        path_aware = isinstance(inst, PathAwareSchema)
        rendered_fields = []
        for attr, f in inst.fields.items():
            key = f.data_key or attr
            flags = []
            rendered_fields.append(
                "Field { key: %s, ty: %s, required: %s, dump_only: %s, allow_none: %s, validators: &[%s] }"
                % (
                    rs(key),
                    self.ty(f),
                    str(bool(f.required)).lower(),
                    str(bool(f.dump_only)).lower(),
                    str(bool(f.allow_none)).lower(),
                    ", ".join(self.validators(f)),
                )
            )
            del flags
        hooks = []
        for tag, entries in sorted(getattr(cls, "_hooks", {}).items()):
            if tag in ("pre_dump", "post_dump"):
                continue
            for entry in entries:
                name = entry[0] if isinstance(entry, tuple) else entry
                owner = next(qualified(c) for c in cls.__mro__ if name in c.__dict__)
                hooks.append(f"{tag}:{owner}.{name}")
        unknown = POLICY[inst.unknown]
        ctor_required = constructor_required(cls, inst)
        self.schemas[idx] = (
            "Schema {\n        #[cfg(test)]\n        name: %s,\n        unknown: Unknown::%s,\n        path_aware: %s,\n        hooks: &[%s],\n"
            "        constructor_required: &[%s],\n"
            "        fields: &[\n%s\n        ],\n    }"
            % (
                rs(qualified(cls)),
                unknown,
                str(path_aware).lower(),
                ", ".join("Hook::" + hook_variant(h) for h in sorted(set(hooks))),
                ", ".join(rs(k) for k in ctor_required),
                "\n".join("            " + f + "," for f in rendered_fields),
            )
        )
        self.hooks.update(hooks)
        return idx

    def validators(self, f: fields.Field) -> List[str]:
        out = []
        for v in f.validators:
            if v is validate_arm_str:
                out.append("Validator::ArmStr")
            elif isinstance(v, validate.Regexp):
                out.append(f"Validator::Regexp({rs(v.regex.pattern)})")
            elif isinstance(v, validate.OneOf):
                out.append("Validator::OneOf(&[%s])" % ", ".join(rs(str(c)) for c in v.choices))
            elif isinstance(v, validate.URL):
                out.append(
                    "Validator::Url { relative: %s, absolute: %s, require_tld: %s, schemes: &[%s] }"
                    % (
                        str(v.relative).lower(),
                        str(v.absolute).lower(),
                        str(v.require_tld).lower(),
                        ", ".join(rs(x) for x in sorted(v.schemes or [])),
                    )
                )
            elif isinstance(v, validate.Range):
                lo = "None" if v.min is None else f"Some({int(v.min)})"
                hi = "None" if v.max is None else f"Some({int(v.max)})"
                out.append(f"Validator::Range {{ min: {lo}, max: {hi} }}")
            else:
                raise SystemExit(f"unknown validator {v!r} on {f!r}: teach scripts/sdk_schema.py and schema/mod.rs")
        return out

    def inner(self, f: Any) -> str:
        """The type of a list item, dict key or value, or union alternative: wrapped in `Nullable` when that
        inner field allows null (a field's own `allow_none` is in its `Field` row)."""
        t = self.ty(f)
        return "&Ty::Nullable(%s)" % t if getattr(f, "allow_none", False) else t

    def ty(self, f: Any) -> str:
        # Most specific classes first.
        if isinstance(f, aml.ExperimentalField):
            return self.ty(f.experimental_field)
        if isinstance(f, aml.TypeSensitiveUnionField):
            raise SystemExit(f"TypeSensitiveUnionField {f!r} is not reachable from these documents yet")
        if isinstance(f, aml.UnionField):
            return "&Ty::Union(&[%s])" % ", ".join(self.inner(x)[1:] for x in f._union_fields)
        if isinstance(f, aml.StringTransformedEnum):
            return "&Ty::Enum { values: &[%s], casing: Casing::%s }" % (
                ", ".join(rs(v) for v in f.allowed_values),
                _casing(f.casing_transform),
            )
        if isinstance(f, aml.ArmVersionedStr):
            return "&Ty::ArmVersionedStr { allow_default_version: %s }" % str(f.allow_default_version).lower()
        if isinstance(f, aml.ArmStr):
            if f.pattern != r"^azureml:.+":
                raise SystemExit(f"ArmStr with pattern {f.pattern!r}: teach schema/mod.rs")
            return "&Ty::ArmStr"
        if isinstance(f, aml.InternalRegistryStr):
            raise SystemExit("InternalRegistryStr is not reachable from these documents yet")
        if isinstance(f, aml.RegistryStr):
            return "&Ty::RegistryStr"
        if isinstance(f, aml.LocalPathField):
            return "&Ty::LocalPath { dir: %s, file: %s }" % (str(f._allow_dir).lower(), str(f._allow_file).lower())
        if isinstance(f, (aml.DataBindingStr, aml.DateTimeStr, aml.GitStr, aml.PythonFuncNameStr)):
            raise SystemExit(f"{type(f).__name__} is not reachable from these documents yet")
        if isinstance(f, aml.NumberVersionField):
            raise SystemExit("NumberVersionField is not reachable from these documents yet")
        if isinstance(f, aml.VersionField):
            return "&Ty::Version"
        if isinstance(f, fields.Url):
            return "&Ty::Str"  # the URL check is one of its validators
        if isinstance(f, fields.Email) or isinstance(f, fields.UUID):
            raise SystemExit(f"{type(f).__name__} is not reachable from these documents yet")
        if isinstance(f, fields.String):
            if type(f) not in (fields.String, aml.DumpableStringField):
                raise SystemExit(f"unknown string field {type(f).__name__}: teach scripts/sdk_schema.py")
            return "&Ty::Str"
        if isinstance(f, fields.Boolean):
            if set(f.truthy) != set(fields.Boolean.truthy) or set(f.falsy) != set(fields.Boolean.falsy):
                raise SystemExit(f"Boolean with its own truthy/falsy sets on {f!r}")
            return "&Ty::Bool"
        if isinstance(f, fields.Integer):
            return "&Ty::Int { strict: %s }" % str(bool(f.strict)).lower()
        if isinstance(f, fields.Float):
            if f.allow_nan:
                raise SystemExit("Float(allow_nan=True): teach schema/mod.rs")
            return "&Ty::Float"
        if isinstance(f, fields.Number):
            raise SystemExit(f"unknown number field {type(f).__name__}")
        if isinstance(f, fields.Constant):
            return "&Ty::Constant"
        if isinstance(f, fields.DateTime):
            if type(f) is not fields.DateTime or f.format not in (None, "iso"):
                raise SystemExit(f"DateTime {f!r}: teach schema/mod.rs")
            return "&Ty::DateTime"
        if isinstance(f, fields.List):
            return "&Ty::List(%s)" % self.inner(f.inner)
        if isinstance(f, fields.Tuple):
            raise SystemExit("Tuple is not reachable from these documents yet")
        if isinstance(f, fields.Dict):
            k = self.inner(f.key_field) if f.key_field is not None else "&Ty::Raw"
            v = self.inner(f.value_field) if f.value_field is not None else "&Ty::Raw"
            return "&Ty::Dict { keys: %s, values: %s }" % (k, v)
        if isinstance(f, fields.Nested):
            nested = f.nested
            if callable(nested) and not isinstance(nested, type):
                nested = nested()
            cls = nested if isinstance(nested, type) else type(nested)
            if f.many:
                raise SystemExit("Nested(many=True): teach schema/mod.rs")
            idx = self.schema(cls)
            unknown = f.unknown if f.unknown is not None else cls.Meta.unknown if hasattr(cls, "Meta") else RAISE
            return "&Ty::Nested { schema: %d, unknown: Unknown::%s }" % (idx, POLICY[unknown])
        if type(f) is fields.Raw:
            return "&Ty::Raw"
        raise SystemExit(f"unknown field type {type(f).__module__}.{type(f).__name__}: teach scripts/sdk_schema.py")


def render() -> str:
    ex = Extractor()
    roots = [(name, ex.schema(cls)) for name, cls in ROOTS]
    head = [
        "//! The marshmallow schemas of azure-ai-ml %s (marshmallow %s), as data." % (md.version("azure-ai-ml"), md.version("marshmallow")),
        "//!",
        "//! @generated by `python3 scripts/sdk_schema.py`: do not edit. `--check` (run by `scripts/test.sh`) fails",
        "//! when this file differs from what the pinned SDK gives.",
        "",
        "use super::{Casing, Field, Schema, Ty, Unknown, Validator};",
        "",
        "/// The azure-ai-ml version these tables were read from.",
        "pub const SDK_VERSION: &str = %s;" % rs(md.version("azure-ai-ml")),
        "",
    ]
    for name, idx in roots:
        head.append("pub const %s: usize = %d;" % (name, idx))
    head.append("")
    head.append("/// Every schema by its class name (upper snake case; the module too where two classes share a name).")
    head.append("pub mod named {")
    classes = sorted(ex.index.items(), key=lambda kv: kv[1])
    counts = Counter(c.__name__ for c, _ in classes)
    for cls, idx in classes:
        base = cls.__name__ if counts[cls.__name__] == 1 else qualified(cls).replace(".", "_")
        const = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", base).replace("__", "_").upper().strip("_")
        head.append("    pub const %s: usize = %d;" % (const, idx))
    head.append("}")
    head.append("")
    hooks = sorted(ex.hooks)
    head.append("/// A load hook of a schema (`tag:module.Class.method`): compared by handle, named only in tests.")
    head.append("#[derive(Debug, Clone, Copy, PartialEq, Eq)]")
    head.append("pub enum Hook {")
    for h in hooks:
        head.append("    /// `%s`" % h)
        head.append("    %s," % hook_variant(h))
    head.append("}")
    head.append("")
    head.append("#[cfg(test)]")
    head.append("impl Hook {")
    head.append("    pub const ALL: [Hook; %d] = [%s];" % (len(hooks), ", ".join("Hook::" + hook_variant(h) for h in hooks)))
    head.append("    pub fn name(self) -> &'static str {")
    head.append("        match self {")
    for h in hooks:
        head.append("            Hook::%s => %s," % (hook_variant(h), rs(h)))
    head.append("        }")
    head.append("    }")
    head.append("}")
    head.append("")
    head.append("#[rustfmt::skip]")
    head.append("pub static SCHEMAS: [Schema; %d] = [" % len(ex.schemas))
    for i, s in enumerate(ex.schemas):
        head.append("    // %d" % i)
        head.append("    " + s + ",")
    head.append("];")
    return "\n".join(head) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = render()
    if args.check:
        current = OUT.read_text() if OUT.exists() else ""
        if current != text:
            sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True), str(OUT), "regenerated"))
            print("sdk-schema: 0 passed, 1 failed (run python3 scripts/sdk_schema.py and review the diff)")
            return 1
        print("sdk-schema: 1 passed, 0 failed")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text)} bytes, {text.count('Schema {')} schemas)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
