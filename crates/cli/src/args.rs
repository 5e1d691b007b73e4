//! The command line's grammar (clap's derive API): subcommands, their flags and help.
//!
//! Values of closed sets (export formats, isolation modes, document kinds) come from the core's own
//! lists and spellings through [`CoreValues`], so a new format or mode needs no edit here.

use amlnet_core::model::IsolationMode;
use amlnet_core::{DocumentKind, ExportFormat};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// amlnet: check, export and plan Azure Machine Learning network-isolation configurations
///
/// Exit codes: 0 without errors, 1 with errors (or a refused export or plan), 2 for usage or I/O
/// problems (and, with `plan --detailed-exitcode`, for a plan with changes).
#[derive(Debug, Parser)]
#[command(name = "amlnet", version = amlnet_core::VERSION, propagate_version = true, arg_required_else_help = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check workspace, online endpoint and online deployment YAML ('-' reads standard input)
    Check(CheckArgs),
    /// Generate YAML, an az CLI script, a Python script, ARM, Bicep or Terraform
    Export(ExportArgs),
    /// The ordered changes (with az and Python commands) from the current state to the desired files
    #[command(long_about = "The ordered changes (with az and Python commands) from the current state to the desired files.\n\n\
CURRENT is YAML or the JSON of `az ml workspace show`, or a directory of such files (the workspace with the output of \
`online-endpoint show` and `online-deployment show`). Rules the service created are never planned. Exit 1 when the plan \
must not run (a refused isolation-mode change, or documents with errors unless --force).")]
    Plan(PlanArgs),
    /// Outbound paths, exfiltration protection, billed resources and inbound access
    Summary(SummaryArgs),
    /// List every diagnostic code with its severity and summary
    Rules,
    /// Print the full documentation of a code
    Explain {
        /// A code that `amlnet rules` lists
        code: String,
    },
    /// Print the demo workspace, or write all demo files to a directory
    Demo {
        /// Write workspace.yml, endpoint.yml and deployment.yml here
        #[arg(long, value_name = "DIR")]
        out: Option<String>,
    },
    /// Print the version
    #[command(hide = true)]
    Version,
}

/// The documents and how to read them.
#[derive(Debug, Args)]
pub(crate) struct Inputs {
    /// Workspace, endpoint and deployment YAML files ('-' reads standard input)
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<String>,
    /// The kind of every FILE, instead of detecting it
    #[arg(long, value_name = "KIND", value_parser = CoreValues::document_kinds())]
    pub(crate) kind: Option<DocumentKind>,
}

/// Where the scripts deploy to.
#[derive(Debug, Args)]
pub(crate) struct Target {
    /// Subscription for the generated scripts
    #[arg(long, value_name = "ID")]
    pub(crate) subscription: Option<String>,
    /// Resource group for the generated scripts
    #[arg(long, value_name = "NAME")]
    pub(crate) resource_group: Option<String>,
}

/// The resources the exports add around the workspace: not keys of the workspace YAML, so flags.
#[derive(Debug, Args)]
#[command(next_help_heading = "Networking (resources the exports add around the workspace)")]
pub(crate) struct Networking {
    /// Add a private endpoint of the workspace in this subnet: its ARM id, or VNET/SUBNET (repeat for more)
    #[arg(long, value_name = "ID|VNET/SUBNET")]
    pub(crate) inbound_pe_subnet: Vec<String>,
    /// The name of each inbound private endpoint, in the order of the subnets (default <workspace>-pe)
    #[arg(long, value_name = "NAME")]
    pub(crate) inbound_pe_name: Vec<String>,
    /// The resource group of each VNET/SUBNET, in order (default the workspace's)
    #[arg(long, value_name = "NAME")]
    pub(crate) inbound_pe_network_rg: Vec<String>,
    /// The region of each inbound private endpoint, in order: its virtual network's (default the workspace's)
    #[arg(long, value_name = "REGION")]
    pub(crate) inbound_pe_location: Vec<String>,
    /// Create no private DNS zones for the inbound private endpoints (your DNS resolves the workspace)
    #[arg(long, conflicts_with = "dns_zone_id")]
    pub(crate) no_dns_integration: bool,
    /// Use this existing private DNS zone (ARM id) instead of creating the zones; repeat for the API and notebooks zones
    #[arg(long, value_name = "ID")]
    pub(crate) dns_zone_id: Vec<String>,
    /// Do not assign "Azure AI Enterprise Network Connection Approver" on the private endpoint targets of the rules
    #[arg(long)]
    pub(crate) no_approver_role: bool,
    /// The user-assigned identity (ARM id) that gets the approver role (default the workspace's primary
    /// user-assigned identity, else its system-assigned identity)
    #[arg(long, value_name = "ID")]
    pub(crate) approver_identity: Option<String>,
}

impl Networking {
    /// The model's networking settings; an error when a per-endpoint flag is given more often than `--inbound-pe-subnet`.
    pub(crate) fn to_model(&self) -> Result<amlnet_core::model::Networking, String> {
        use amlnet_core::model::{DnsIntegration, InboundPrivateEndpoint};
        let n = self.inbound_pe_subnet.len();
        for (flag, given) in [
            ("--inbound-pe-name", self.inbound_pe_name.len()),
            ("--inbound-pe-network-rg", self.inbound_pe_network_rg.len()),
            ("--inbound-pe-location", self.inbound_pe_location.len()),
        ] {
            if given > n {
                return Err(format!("`{flag}` is given {given} time(s) for {n} `--inbound-pe-subnet`: each applies to one endpoint, in order"));
            }
        }
        let dns = if self.no_dns_integration {
            DnsIntegration::Off
        } else if self.dns_zone_id.is_empty() {
            DnsIntegration::Create
        } else {
            DnsIntegration::Existing(self.dns_zone_id.clone())
        };
        let endpoints = self
            .inbound_pe_subnet
            .iter()
            .enumerate()
            .map(|(i, subnet)| InboundPrivateEndpoint {
                name: self.inbound_pe_name.get(i).cloned().unwrap_or_default(),
                subnet: subnet.clone(),
                network_resource_group: self.inbound_pe_network_rg.get(i).cloned(),
                location: self.inbound_pe_location.get(i).cloned(),
                dns: dns.clone(),
            })
            .collect();
        Ok(amlnet_core::model::Networking {
            inbound_private_endpoints: endpoints,
            assign_approver_role: !self.no_approver_role,
            approver_identity: self.approver_identity.clone(),
        })
    }
}

/// The change being judged: a create (the default) or an update of an existing workspace.
#[derive(Debug, Args)]
pub(crate) struct Change {
    #[command(flatten)]
    pub(crate) target: Target,
    /// The workspace exists: generate an update, judge one-way changes
    #[arg(long)]
    pub(crate) update: bool,
    /// The workspace as it is now (YAML or `az ml workspace show` JSON, read as `plan` reads its current state); implies --update
    #[arg(long, value_name = "FILE|DIR")]
    pub(crate) current: Option<String>,
    /// The workspace's current isolation mode; implies --update
    #[arg(long, value_name = "MODE", value_parser = CoreValues::isolation_modes())]
    pub(crate) current_isolation_mode: Option<IsolationMode>,
    #[command(flatten)]
    pub(crate) networking: Networking,
}

/// The organization policy to enforce.
#[derive(Debug, Args)]
pub(crate) struct PolicyArgs {
    /// Enforce this policy file (default: .amlnet-policy.yml in the working directory or a parent)
    #[arg(long, value_name = "FILE", conflicts_with = "no_policy")]
    pub(crate) policy: Option<String>,
    /// Enforce no policy, even if a .amlnet-policy.yml is found
    #[arg(long)]
    pub(crate) no_policy: bool,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    #[command(flatten)]
    pub(crate) change: Change,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    /// Output: text for people, json (docs/output.md), or a CI format: sarif (code scanning), github (workflow annotations), gitlab (Code Quality)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    #[command(flatten)]
    pub(crate) change: Change,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    /// The format to generate
    #[arg(long, value_name = "FORMAT", value_parser = CoreValues::export_formats())]
    pub(crate) to: ExportFormat,
    /// Write the files to this directory instead of standard output
    #[arg(long, value_name = "DIR")]
    pub(crate) out: Option<String>,
    /// Export even when the configuration has errors (or breaks the policy)
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// The current state: YAML, `az ml workspace show` JSON, or a directory of them
    #[arg(value_name = "CURRENT")]
    pub(crate) current: String,
    /// The desired workspace, endpoint and deployment YAML files
    #[arg(required = true, value_name = "DESIRED")]
    pub(crate) desired: Vec<String>,
    /// The kind of every DESIRED file, instead of detecting it
    #[arg(long, value_name = "KIND", value_parser = CoreValues::document_kinds())]
    pub(crate) kind: Option<DocumentKind>,
    #[command(flatten)]
    pub(crate) target: Target,
    #[command(flatten)]
    pub(crate) policy: PolicyArgs,
    #[command(flatten)]
    pub(crate) networking: Networking,
    /// Output: text (warnings, steps, bash), json (docs/output.md), or the findings as sarif, github or gitlab
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Plan documents with errors (or that break the policy) anyway (still exit 1)
    #[arg(long)]
    pub(crate) force: bool,
    /// Exit 0 when nothing changes, 2 when the plan has changes, 1 on errors (drift detection)
    #[arg(long)]
    pub(crate) detailed_exitcode: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SummaryArgs {
    #[command(flatten)]
    pub(crate) inputs: Inputs,
    #[command(flatten)]
    pub(crate) change: Change,
    /// Output: text (Markdown-friendly) or json (docs/output.md)
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub(crate) format: SummaryFormat,
}

/// The output of `check` and `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// GitLab Code Quality report
    Gitlab,
}

/// The output of `summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SummaryFormat {
    Text,
    Json,
}

/// A value parser over one of the core's closed sets: the possible values (for help and errors) are its
/// `ALL` list in its own spelling, and parsing is its own `parse`, so its aliases (`tf`, `az`) work too.
#[derive(Clone)]
pub(crate) struct CoreValues<T: 'static> {
    all: &'static [T],
    name: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
}

/// The document kinds (the model has no list of them).
const DOCUMENT_KINDS: [DocumentKind; 3] = [DocumentKind::Workspace, DocumentKind::OnlineEndpoint, DocumentKind::OnlineDeployment];

impl CoreValues<ExportFormat> {
    pub(crate) fn export_formats() -> Self {
        CoreValues { all: &ExportFormat::ALL, name: ExportFormat::as_str, parse: ExportFormat::parse }
    }
}

impl CoreValues<IsolationMode> {
    pub(crate) fn isolation_modes() -> Self {
        CoreValues { all: &IsolationMode::ALL, name: IsolationMode::yaml, parse: IsolationMode::parse }
    }
}

impl CoreValues<DocumentKind> {
    pub(crate) fn document_kinds() -> Self {
        CoreValues { all: &DOCUMENT_KINDS, name: DocumentKind::as_str, parse: DocumentKind::parse }
    }
}

impl<T: Copy + Send + Sync + 'static> TypedValueParser for CoreValues<T> {
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &std::ffi::OsStr) -> Result<T, clap::Error> {
        if let Some(parsed) = value.to_str().and_then(self.parse) {
            return Ok(parsed);
        }
        // Not a value: clap's own error, listing the possible values.
        let names: Vec<&'static str> = self.all.iter().map(|v| (self.name)(*v)).collect();
        match PossibleValuesParser::new(names).parse_ref(cmd, arg, value) {
            Err(e) => Err(e),
            Ok(_) => Err(clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd)),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.all.iter().map(|v| PossibleValue::new((self.name)(*v)))))
    }
}
