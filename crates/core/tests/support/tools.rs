//! External tools a test needs (terraform, python3 with PyYAML, shellcheck), explicit about their absence:
//! a missing tool fails the test when `AMLNET_REQUIRE_TOOLS=1` (scripts/test.sh sets it, so CI runs every
//! check) and otherwise prints `skipped: <tool> not found` to stderr, so it never passes silently.

#![allow(dead_code, unreachable_pub)]

use std::io::Write as _;
use std::process::{Command, Stdio};

/// Whether `program args...` runs and exits with success (the probe of a tool).
pub fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .env("CHECKPOINT_DISABLE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether the tool is there (`probe` ran): when it is not, panics under `AMLNET_REQUIRE_TOOLS=1`, else
/// prints why `what` is skipped and returns false (the caller returns: libtest has no "skipped").
pub fn require(tool: &str, probe: bool, what: &str) -> bool {
    if probe {
        return true;
    }
    let hint = "scripts/setup.sh installs it";
    assert!(
        std::env::var("AMLNET_REQUIRE_TOOLS").as_deref() != Ok("1"),
        "{tool} not found, and AMLNET_REQUIRE_TOOLS=1 requires it for {what} ({hint})"
    );
    // Written to the process's stderr, not through `eprintln!`, which the test harness captures and
    // shows only for failing tests: a skip must be visible in a passing run.
    let _ = writeln!(std::io::stderr(), "skipped: {tool} not found: {what} did not run ({hint}; AMLNET_REQUIRE_TOOLS=1 makes this a failure)");
    false
}

/// `terraform` on PATH.
pub fn terraform(what: &str) -> bool {
    require("terraform", runs("terraform", &["version"]), what)
}

/// `python3` with PyYAML.
pub fn pyyaml(what: &str) -> bool {
    require("python3 with PyYAML", runs("python3", &["-c", "import yaml"]), what)
}

/// `python3`.
pub fn python(what: &str) -> bool {
    require("python3", runs("python3", &["--version"]), what)
}

/// `shellcheck` on PATH.
pub fn shellcheck(what: &str) -> bool {
    require("shellcheck", runs("shellcheck", &["--version"]), what)
}
