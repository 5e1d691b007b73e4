//! `amlnet_cli::run` over an in-memory [`Io`]: the command line needs no file system or process, so a
//! wasm build can run it, and gives the same output and exit code as the native binary.

use amlnet_cli::{run, Io};
use std::collections::BTreeMap;
use std::process::Command;

#[derive(Default)]
struct MemoryIo {
    files: BTreeMap<String, String>,
    stdin: String,
    stdout: String,
    stderr: String,
}

impl Io for MemoryIo {
    fn read_file(&mut self, path: &str, limit: usize) -> Result<Vec<u8>, String> {
        let text = self.files.get(path).ok_or("No such file or directory (os error 2)")?;
        Ok(text.as_bytes().iter().take(limit).copied().collect())
    }
    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        Ok(self.stdin.clone().into_bytes())
    }
    fn is_dir(&mut self, path: &str) -> bool {
        self.files.keys().any(|f| f.starts_with(&format!("{path}/")))
    }
    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, String> {
        Ok(self.files.keys().filter(|f| f.strip_prefix(&format!("{path}/")).is_some_and(|rest| !rest.contains('/'))).cloned().collect())
    }
    fn create_dir_all(&mut self, _path: &str) -> Result<(), String> {
        Ok(())
    }
    fn write_file(&mut self, path: &str, contents: &str) -> Result<(), String> {
        self.files.insert(path.to_owned(), contents.to_owned());
        Ok(())
    }
    fn stdout(&mut self, text: &str) -> Result<(), String> {
        self.stdout.push_str(text);
        Ok(())
    }
    fn stderr(&mut self, text: &str) {
        self.stderr.push_str(text);
    }
}

fn in_memory(args: &[&str], io: &mut MemoryIo) -> i32 {
    run(args.iter().map(|a| (*a).to_owned()).collect(), io)
}

#[test]
fn demo_export_and_check_in_memory() {
    let mut io = MemoryIo::default();
    assert_eq!(in_memory(&["demo", "--out", "d"], &mut io), 0);
    assert!(io.files.contains_key("d/workspace.yml"), "{:?}", io.files.keys());
    assert_eq!(in_memory(&["export", "d/workspace.yml", "d/endpoint.yml", "d/deployment.yml", "--to", "bicep", "--out", "out"], &mut io), 0);
    assert!(io.files["out/main.bicep"].contains("Microsoft.MachineLearningServices/workspaces"));
    io.stdin = io.files["d/workspace.yml"].clone();
    io.stdout.clear();
    assert_eq!(in_memory(&["check", "-"], &mut io), 0);
    assert!(io.stdout.contains("1 file(s) checked: 0 error(s)"), "{}", io.stdout);
}

#[test]
fn same_output_and_exit_code_as_the_binary() {
    let dir = std::env::temp_dir().join(format!("amlnet-library-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("ws.yml").to_string_lossy().into_owned();
    let text = "name: ws1\nmanaged_network:\n  isolation_mode: allow_internet_outbound\n  outbound_rules:\n  - name: pypi\n    type: fqdn\n    destination: pypi.org\n";
    std::fs::write(&path, text).expect("write");
    let cases: &[&[&str]] = &[
        &["check", &path],
        &["check", "--format", "json", &path],
        &["check", "--format", "sarif", &path],
        &["check", "--format", "github", &path],
        &["check", "--format", "gitlab", &path],
        &["check", "--to", "yaml", &path],
        &["export", &path, "--to", "python", "--force"],
        &["summary", &path],
        &["explain", "port-range-invalid"],
        &["check", "--help"],
        &["nope"],
    ];
    for args in cases {
        let native = Command::new(env!("CARGO_BIN_EXE_amlnet")).args(*args).output().expect("run");
        let mut io = MemoryIo::default();
        io.files.insert(path.clone(), text.to_owned());
        let code = in_memory(args, &mut io);
        assert_eq!(Some(code), native.status.code(), "{args:?}");
        assert_eq!(io.stdout, String::from_utf8_lossy(&native.stdout), "{args:?}");
        assert_eq!(io.stderr, String::from_utf8_lossy(&native.stderr), "{args:?}");
    }
}
