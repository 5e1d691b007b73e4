//! Input order as a property: the documents of a configuration written with every mapping's keys in
//! reverse order. Reading them must give the same model and the same findings, so every output (exports,
//! plans, summaries) is independent of how the input orders its keys. This replaces checks that compared
//! a pure function's result with itself, which cannot fail.

#![allow(dead_code, unreachable_pub)]

use amlnet_core::emit::yaml::{deployment_value, endpoint_value, to_yaml, workspace_value};
use amlnet_core::model::{Config, Value};
use amlnet_core::{export, Diagnostic, ExportFormat, SourceFile};

/// The YAML files of `config` (named as the YAML export names them) with the keys reversed in each
/// document and everywhere under `managed_network` (rules and destinations): the mappings amlnet
/// models. Other nested values (`tags`, `identity`, `network_acls`, carried-through settings) are the
/// user's data, kept in the order written, so they stay as they are.
pub fn reversed_documents(config: &Config) -> Vec<SourceFile> {
    let mut values = Vec::new();
    if let Some(ws) = &config.workspace {
        values.push(workspace_value(ws, true));
    }
    if let Some(ep) = &config.endpoint {
        values.push(endpoint_value(ep));
    }
    values.extend(config.deployments.iter().map(deployment_value));
    let names = export(config, ExportFormat::Yaml).into_iter().map(|f| f.path);
    names.zip(values).map(|(name, value)| SourceFile::new(name, to_yaml(&reversed_document(&value)))).collect()
}

fn reversed_document(value: &Value) -> Value {
    match value {
        Value::Map(entries) => {
            Value::Map(entries.iter().rev().map(|(k, v)| (k.clone(), if k == "managed_network" { reversed(v) } else { v.clone() })).collect())
        }
        other => other.clone(),
    }
}

/// The YAML files of `config` as the export writes them.
pub fn documents(config: &Config) -> Vec<SourceFile> {
    export(config, ExportFormat::Yaml).into_iter().map(|f| SourceFile::new(f.path, f.contents)).collect()
}

fn reversed(value: &Value) -> Value {
    match value {
        Value::Map(entries) => Value::Map(entries.iter().rev().map(|(k, v)| (k.clone(), reversed(v))).collect()),
        Value::Seq(items) => Value::Seq(items.iter().map(reversed).collect()),
        other => other.clone(),
    }
}

/// The findings without their positions (which move when the keys do), sorted.
pub fn findings(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut out: Vec<String> = diagnostics.iter().map(|d| format!("{} {:?} {} {}", d.code, d.severity, d.path, d.message)).collect();
    out.sort();
    out
}
