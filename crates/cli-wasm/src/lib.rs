//! `npx amlnet`: the command line of `crates/cli` ([`amlnet_cli::run`], the same code as the native
//! binary) compiled to wasm, with the file system and the standard streams done by Node.
//!
//! The npm package's `bin/amlnet.cjs` passes the arguments and an object with the [`amlnet_cli::Io`]
//! methods (`readFile`, `readStdin`, `isDir`, `readDir`, `createDirAll`, `writeFile`, `stdout`,
//! `stderr`), all synchronous, and exits with the code [`run`] returns. A failing method throws a string:
//! the error text the native binary would print (`No such file or directory (os error 2)`). This wasm is
//! used only by the bin; pages never fetch it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The Node side of [`amlnet_cli::Io`] (`www/npm/bin/amlnet.cjs`).
    pub type NodeIo;

    #[wasm_bindgen(method, catch, js_name = readFile)]
    fn read_file(this: &NodeIo, path: &str, limit: u32) -> Result<js_sys::Uint8Array, JsValue>;
    #[wasm_bindgen(method, catch, js_name = readStdin)]
    fn read_stdin(this: &NodeIo) -> Result<js_sys::Uint8Array, JsValue>;
    #[wasm_bindgen(method, js_name = isDir)]
    fn is_dir(this: &NodeIo, path: &str) -> bool;
    #[wasm_bindgen(method, catch, js_name = readDir)]
    fn read_dir(this: &NodeIo, path: &str) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(method, catch, js_name = createDirAll)]
    fn create_dir_all(this: &NodeIo, path: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = writeFile)]
    fn write_file(this: &NodeIo, path: &str, contents: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn stdout(this: &NodeIo, text: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method)]
    fn stderr(this: &NodeIo, text: &str);
}

/// A thrown JS value as the error text (the Node side throws strings).
fn message(error: JsValue) -> String {
    error.as_string().unwrap_or_else(|| "I/O error".to_owned())
}

struct Io<'a>(&'a NodeIo);

impl amlnet_cli::Io for Io<'_> {
    fn read_file(&mut self, path: &str, limit: usize) -> Result<Vec<u8>, String> {
        self.0.read_file(path, u32::try_from(limit).unwrap_or(u32::MAX)).map(|bytes| bytes.to_vec()).map_err(message)
    }

    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        self.0.read_stdin().map(|bytes| bytes.to_vec()).map_err(message)
    }

    fn is_dir(&mut self, path: &str) -> bool {
        self.0.is_dir(path)
    }

    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, String> {
        Ok(self.0.read_dir(path).map_err(message)?.iter().filter_map(|entry| entry.as_string()).collect())
    }

    fn create_dir_all(&mut self, path: &str) -> Result<(), String> {
        self.0.create_dir_all(path).map_err(message)
    }

    fn write_file(&mut self, path: &str, contents: &str) -> Result<(), String> {
        self.0.write_file(path, contents).map_err(message)
    }

    fn stdout(&mut self, text: &str) -> Result<(), String> {
        self.0.stdout(text).map_err(message)
    }

    fn stderr(&mut self, text: &str) {
        self.0.stderr(text);
    }
}

/// Runs one command line (`args` without the program name) and returns its exit code, as the native
/// `amlnet` does.
#[wasm_bindgen]
pub fn run(args: Vec<String>, io: &NodeIo) -> i32 {
    amlnet_cli::run(args, &mut Io(io))
}
