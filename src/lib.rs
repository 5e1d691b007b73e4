//! WebAssembly binding for the npm package (placeholder until the package lands).
pub use amlnet_core as core;
