#!/usr/bin/env node
// `npx amlnet ...`: the amlnet command line (crates/cli, the same code as the native binary) compiled
// to wasm (cli/amlnet_cli_bg.wasm, used only here). This file is its I/O: the file system and the
// standard streams, synchronously, with the error texts the native binary prints, so both give the
// same stdout, stderr and exit code.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const { run } = require('../cli/amlnet_cli.cjs');

// strerror texts (glibc) of the errors a command line meets; Rust prints `<text> (os error <n>)`.
const STRERROR = {
  EPERM: 'Operation not permitted', ENOENT: 'No such file or directory', EIO: 'Input/output error',
  EACCES: 'Permission denied', EEXIST: 'File exists', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory',
  EMFILE: 'Too many open files', ENOSPC: 'No space left on device', EROFS: 'Read-only file system',
  ENAMETOOLONG: 'File name too long', ELOOP: 'Too many levels of symbolic links', EBADF: 'Bad file descriptor',
};

/** A Node file-system error as Rust's `io::Error` prints it. */
function ioMessage(error) {
  const errno = os.constants.errno[error?.code];
  if (errno !== undefined && STRERROR[error.code]) return `${STRERROR[error.code]} (os error ${errno})`;
  return String(error?.message ?? error);
}

/** Calls `action`, turning a thrown Node error into the string the wasm side reads. */
function io(action) {
  try {
    return action();
  } catch (error) {
    throw ioMessage(error);
  }
}

/** Writes all of `text` to a file descriptor, waiting out a full non-blocking pipe. */
function writeAll(fd, text) {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

const nodeIo = {
  readFile(path, limit) {
    return io(() => {
      const fd = fs.openSync(path, 'r');
      try {
        const chunks = [];
        let total = 0;
        for (;;) {
          const chunk = Buffer.alloc(Math.min(64 * 1024, limit - total));
          if (chunk.length === 0) break;
          const n = fs.readSync(fd, chunk, 0, chunk.length, null);
          if (n === 0) break;
          chunks.push(chunk.subarray(0, n));
          total += n;
        }
        return new Uint8Array(Buffer.concat(chunks));
      } finally {
        fs.closeSync(fd);
      }
    });
  },
  readStdin() {
    return io(() => new Uint8Array(fs.readFileSync(0)));
  },
  isDir(path) {
    try {
      return fs.statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDir(path) {
    // Joined as Rust's Path::join does (no normalisation: `./dir` stays `./dir/x.yml`).
    return io(() => fs.readdirSync(path).map((name) => (path.endsWith('/') ? `${path}${name}` : `${path}/${name}`)));
  },
  createDirAll(path) {
    io(() => fs.mkdirSync(path, { recursive: true }));
  },
  writeFile(path, contents) {
    io(() => fs.writeFileSync(path, contents));
  },
  stdout(text) {
    try {
      writeAll(1, text);
    } catch (error) {
      // A closed pipe (`amlnet rules | head`) is not an error, as natively.
      if (error.code !== 'EPIPE') throw ioMessage(error);
    }
  },
  stderr(text) {
    try {
      writeAll(2, text);
    } catch {
      // Nothing sensible is left to do when stderr itself is gone.
    }
  },
};

process.exitCode = run(process.argv.slice(2), nodeIo);
