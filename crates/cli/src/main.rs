//! `amlnet`: the native command line, a thin wrapper of [`amlnet_cli::run`] over the file system and
//! the process's standard streams.

use std::io::{Read, Write};
use std::process::ExitCode;

/// The real file system and standard streams.
struct NativeIo;

impl amlnet_cli::Io for NativeIo {
    fn read_file(&mut self, path: &str, limit: usize) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        let limit = u64::try_from(limit).unwrap_or(u64::MAX);
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes)).map_err(|e| e.to_string())?;
        Ok(bytes)
    }

    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        Ok(bytes)
    }

    fn is_dir(&mut self, path: &str) -> bool {
        std::path::Path::new(path).is_dir()
    }

    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, String> {
        let entries = std::fs::read_dir(path).map_err(|e| e.to_string())?;
        Ok(entries.filter_map(Result::ok).map(|e| e.path().to_string_lossy().into_owned()).collect())
    }

    fn create_dir_all(&mut self, path: &str) -> Result<(), String> {
        std::fs::create_dir_all(path).map_err(|e| e.to_string())
    }

    fn write_file(&mut self, path: &str, contents: &str) -> Result<(), String> {
        std::fs::write(path, contents).map_err(|e| e.to_string())
    }

    fn stdout(&mut self, text: &str) -> Result<(), String> {
        let mut stdout = std::io::stdout().lock();
        match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
            _ => Ok(()),
        }
    }

    fn stderr(&mut self, text: &str) {
        // Nothing sensible is left to do when stderr itself is gone.
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let code = amlnet_cli::run(args, &mut NativeIo);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
