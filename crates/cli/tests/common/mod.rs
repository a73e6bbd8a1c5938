//! What the CLI's tests share: the `entente` binary run as a user would, on a data folder
//! of the test's own. Paths to the repository and the shared data are entente-testkit's.

// Each test file uses some of these.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// `entente --data <data> <args>`, run to its end.
pub fn entente(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_entente")).arg("--data").arg(data).args(args).output().unwrap()
}

/// The JSON a command that must succeed prints.
pub fn json(data: &Path, args: &[&str]) -> Value {
    let out = entente(data, args);
    assert!(out.status.success(), "entente {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The message of a command that must fail.
pub fn fails(data: &Path, args: &[&str]) -> String {
    let out = entente(data, args);
    assert!(!out.status.success(), "entente {args:?} should fail");
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// A temporary folder holding the data folder (`data`) and whatever else a test writes.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::tempdir().unwrap() }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A folder for the command's files, apart from the data folder.
    pub fn out(&self) -> PathBuf {
        let out = self.dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        out
    }

    pub fn run(&self, args: &[&str]) -> Output {
        entente(&self.data(), args)
    }

    /// Runs a command that must succeed.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(out.status.success(), "entente {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    /// What a command that must succeed prints.
    pub fn text(&self, args: &[&str]) -> String {
        String::from_utf8(self.ok(args).stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.text(args)).unwrap()
    }

    /// Runs a command that must fail cleanly; returns its message.
    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "entente {args:?} succeeded");
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty(), "entente {args:?} printed {} bytes", out.stdout.len());
        err
    }

    /// A dataset folder with these files.
    pub fn dataset(&self, name: &str, files: &[(&str, &[u8])]) -> PathBuf {
        let dir = self.dir.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, content) in files {
            std::fs::write(dir.join(file), content).unwrap();
        }
        dir
    }
}
