//! Running commands: with the project's tool paths, echoing what runs, and
//! capturing output where a tier's counts have to be read from it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_owned()
}

/// PATH with the npm tools (binaryen's wasm-opt, Playwright) and cargo's
/// bin directory in front, so freshly installed tools are found.
pub fn tool_path() -> String {
    let mut parts = vec![
        root()
            .join("end2end/node_modules/.bin")
            .display()
            .to_string(),
    ];
    if let Some(home) = std::env::var_os("CARGO_HOME").or_else(|| {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo").into_os_string())
    }) {
        parts.push(PathBuf::from(home).join("bin").display().to_string());
    }
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", tool_path());
    c
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program().to_string_lossy().into_owned())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a command with inherited output; an error names the command.
pub fn run_status(cmd: &mut Command) -> Result {
    let line = describe(cmd);
    println!("$ {line}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Runs a command, streaming its stdout while keeping a copy to parse.
/// Returns the captured stdout and whether the command succeeded.
pub fn run_capture(cmd: &mut Command) -> Result<(String, bool)> {
    let line = describe(cmd);
    println!("$ {line}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    let mut captured = String::new();
    if let Some(out) = child.stdout.take() {
        for l in BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{l}");
            captured.push_str(&l);
            captured.push('\n');
        }
    }
    let status = child.wait().map_err(|e| format!("`{line}`: {e}"))?;
    Ok((captured, status.success()))
}

/// Runs a command, echoing and capturing its stdout and its stderr (read
/// beside on a thread, so neither pipe fills up and stalls the other).
pub fn run_capture_both(cmd: &mut Command) -> Result<(String, String, bool)> {
    let line = describe(cmd);
    println!("$ {line}");
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    let err_reader = child.stderr.take().map(|err| {
        std::thread::spawn(move || {
            let mut captured = String::new();
            for l in BufReader::new(err)
                .lines()
                .map_while(std::result::Result::ok)
            {
                eprintln!("{l}");
                captured.push_str(&l);
                captured.push('\n');
            }
            captured
        })
    });
    let mut captured = String::new();
    if let Some(out) = child.stdout.take() {
        for l in BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{l}");
            captured.push_str(&l);
            captured.push('\n');
        }
    }
    let errors = err_reader.and_then(|h| h.join().ok()).unwrap_or_default();
    let status = child.wait().map_err(|e| format!("`{line}`: {e}"))?;
    Ok((captured, errors, status.success()))
}

/// The trimmed stdout of a command, or None when it cannot run.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}
