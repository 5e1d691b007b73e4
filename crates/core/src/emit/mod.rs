//! Generators: YAML documents, an `az` bash script, a Python (azure-ai-ml) script, and infrastructure as
//! code (an ARM template, a Bicep file and a Terraform configuration).
//!
//! Every generator is deterministic (same model, same bytes) and quotes every value for its target
//! language, so no input can change the meaning of what is generated.

#[cfg(feature = "iac")]
pub mod arm;
#[cfg(feature = "iac")]
pub mod bicep;
pub mod cli;
#[cfg(feature = "iac")]
pub(crate) mod iac;
pub mod python;
#[cfg(feature = "iac")]
pub mod terraform;
pub mod yaml;

use crate::diagnostic::Diagnostic;
use crate::model::{Config, IsolationMode, Operation};
use serde::Serialize;

/// An export target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Yaml,
    Cli,
    Python,
    /// An ARM deployment template (`azuredeploy.json`).
    Arm,
    /// A Bicep file (`main.bicep`), the same resources as the ARM template.
    Bicep,
    /// A Terraform configuration (`main.tf`) for the azurerm provider, with azapi where azurerm falls short.
    Terraform,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] =
        [ExportFormat::Yaml, ExportFormat::Cli, ExportFormat::Python, ExportFormat::Arm, ExportFormat::Bicep, ExportFormat::Terraform];

    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(ExportFormat::Yaml),
            "cli" | "az" | "bash" => Some(ExportFormat::Cli),
            "python" | "py" | "sdk" => Some(ExportFormat::Python),
            "arm" => Some(ExportFormat::Arm),
            "bicep" => Some(ExportFormat::Bicep),
            "terraform" | "tf" => Some(ExportFormat::Terraform),
            _ => None,
        }
    }

    /// The name the CLI (`--to`) and the npm binding take; [`ExportFormat::parse`] also takes aliases.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Yaml => "yaml",
            ExportFormat::Cli => "cli",
            ExportFormat::Python => "python",
            ExportFormat::Arm => "arm",
            ExportFormat::Bicep => "bicep",
            ExportFormat::Terraform => "terraform",
        }
    }

    /// Whether this build generates the format: the infrastructure-as-code formats need the `iac`
    /// feature (the npm package's small wasm leaves them to its full wasm).
    pub fn is_available(self) -> bool {
        match self {
            ExportFormat::Yaml | ExportFormat::Cli | ExportFormat::Python => true,
            ExportFormat::Arm | ExportFormat::Bicep | ExportFormat::Terraform => cfg!(feature = "iac"),
        }
    }

    /// The name people read (the web app's tabs).
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Yaml => "YAML",
            ExportFormat::Cli => "Azure CLI",
            ExportFormat::Python => "Python",
            ExportFormat::Arm => "ARM",
            ExportFormat::Bicep => "Bicep",
            ExportFormat::Terraform => "Terraform",
        }
    }

    /// The one file the format generates, or `None` for YAML (`workspace.yml`, `endpoint.yml` and the
    /// deployments' files, [`deployment_file_names`]).
    pub fn file_name(self) -> Option<&'static str> {
        match self {
            ExportFormat::Yaml => None,
            ExportFormat::Cli => Some("deploy.sh"),
            ExportFormat::Python => Some("amlnet_deploy.py"),
            ExportFormat::Arm => Some("azuredeploy.json"),
            ExportFormat::Bicep => Some("main.bicep"),
            ExportFormat::Terraform => Some("main.tf"),
        }
    }

    /// Every name, for messages: `yaml, cli, python, arm, bicep or terraform`, each inside `quote`.
    pub fn choices(quote: &str) -> String {
        let names: Vec<String> = ExportFormat::ALL.iter().map(|f| format!("{quote}{}{quote}", f.as_str())).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.concat(),
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeneratedFile {
    /// A relative file name (`workspace.yml`, `deploy.sh`, `amlnet_deploy.py`).
    pub path: String,
    pub contents: String,
}

/// Generates the files of one format; nothing for a format this build leaves out
/// ([`ExportFormat::is_available`]).
pub fn export(config: &Config, format: ExportFormat) -> Vec<GeneratedFile> {
    let contents = match format {
        ExportFormat::Yaml => {
            return yaml::documents(config, true).into_iter().map(|(path, contents)| GeneratedFile { path, contents }).collect();
        }
        ExportFormat::Cli => cli::script(config),
        ExportFormat::Python => python::script(config),
        #[cfg(feature = "iac")]
        ExportFormat::Arm => arm::template(config),
        #[cfg(feature = "iac")]
        ExportFormat::Bicep => bicep::file(config),
        #[cfg(feature = "iac")]
        ExportFormat::Terraform => terraform::file(config),
        #[cfg(not(feature = "iac"))]
        ExportFormat::Arm | ExportFormat::Bicep | ExportFormat::Terraform => return Vec::new(),
    };
    format.file_name().map(|path| GeneratedFile { path: path.to_owned(), contents }).into_iter().collect()
}

/// What an export could not express natively (the Terraform azapi fallbacks), as info diagnostics
/// placed in the default file names of the YAML export. Empty for the formats that express every
/// modelled field. [`crate::Analysis::export_notes`] places them in the files that were read.
pub fn export_notes(config: &Config, format: ExportFormat) -> Vec<Diagnostic> {
    let mut notes = crate::place_findings(config, &crate::Sources::default(), export_findings(config, format));
    crate::sort_diagnostics(&mut notes);
    notes
}

/// The notes of [`export_notes`] with the document each concerns.
pub(crate) fn export_findings(config: &Config, format: ExportFormat) -> Vec<(crate::rules::Target, Diagnostic)> {
    match format {
        #[cfg(feature = "iac")]
        ExportFormat::Terraform => terraform::notes(config),
        #[cfg(not(feature = "iac"))]
        ExportFormat::Terraform => {
            let _ = config;
            Vec::new()
        }
        ExportFormat::Yaml | ExportFormat::Cli | ExportFormat::Python | ExportFormat::Arm | ExportFormat::Bicep => Vec::new(),
    }
}

/// `text` with every character other than ASCII letters, digits, `-` and `_` replaced by `_` (for file
/// names and Terraform labels).
pub(crate) fn word_chars(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Whether `key` is an ASCII identifier (a letter or `_`, then letters, digits or `_`) that is not one
/// of the target language's `reserved` words.
pub(crate) fn is_identifier(key: &str, reserved: &[&str]) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !reserved.contains(&key)
}

/// File names of the deployment documents: `deployment.yml` for one, `deployment-<name>.yml` for several.
pub fn deployment_file_names(config: &Config) -> Vec<String> {
    if config.deployments.len() <= 1 {
        return config.deployments.iter().map(|_| "deployment.yml".to_owned()).collect();
    }
    let mut names: Vec<String> = Vec::new();
    for (i, dep) in config.deployments.iter().enumerate() {
        let safe = word_chars(&dep.name);
        let mut name = format!("deployment-{}.yml", if safe.is_empty() { (i + 1).to_string() } else { safe });
        if names.contains(&name) {
            name = format!("deployment-{}-{}.yml", i + 1, dep.name.len());
        }
        names.push(name);
    }
    names
}

/// What the scripts must do besides creating the documents, derived once for both script generators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScriptNeeds {
    pub(crate) operation: Operation,
    /// Provision the managed network explicitly (Spark, or before the first deployment).
    pub(crate) provision: bool,
    pub(crate) include_spark: bool,
}

impl ScriptNeeds {
    pub(crate) fn of(config: &Config) -> Self {
        let operation = config.context.operation;
        let managed = matches!(config.isolation_mode(), Some(IsolationMode::AllowInternetOutbound | IsolationMode::AllowOnlyApprovedOutbound));
        let include_spark =
            managed && config.rules().iter().any(|r| matches!(&r.destination, crate::model::Destination::PrivateEndpoint(pe) if pe.spark_enabled));
        let provisioned_at_creation = operation == Operation::Create && config.workspace.as_ref().and_then(|w| w.provision_network_now) == Some(true);
        let provision = managed && (include_spark || (!config.deployments.is_empty() && !provisioned_at_creation));
        ScriptNeeds { operation, provision, include_spark }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_come_from_one_list() {
        assert_eq!(ExportFormat::choices(""), "yaml, cli, python, arm, bicep or terraform");
        for format in ExportFormat::ALL {
            assert_eq!(ExportFormat::parse(format.as_str()), Some(format));
            let files = export(&crate::demo::demo_config(), format);
            match format.file_name() {
                Some(name) => assert_eq!(files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), [name]),
                None => assert!(files.iter().all(|f| f.path.ends_with(".yml")), "{files:?}"),
            }
        }
    }
}
