//! Integration tests: run the real `chiso` binary on the bundled datasets and small fixtures, and
//! pin its stdout, stderr and exit code.

mod chart;
mod completions;
mod config;
mod convert;
mod derive;
mod errors;
mod fast;
mod formats;
mod fuzz;
mod growth;
mod hostile;
mod inspect;
mod order;
mod parquet;
mod progress;
mod rank;
mod regroup;
mod report;
mod sql;
mod summary;
mod targets;
mod workbook;
mod xlsx;

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of the binary gave.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    /// Exit code, stdout and stderr in one text, for snapshots.
    pub fn transcript(&self) -> String {
        format!("exit: {}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chiso"))
}

/// A command for the binary, run from the repository root with a clean environment.
pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args).current_dir(root()).env_clear().env("NO_COLOR", "1");
    cmd
}

pub fn run(args: &[&str]) -> Run {
    run_command(command(args))
}

pub fn run_command(mut cmd: Command) -> Run {
    let out = cmd.output().expect("chiso runs");
    Run {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Runs and expects success, returning stdout.
/// chiso made to read its input a part at a time (parts of `part` bytes), whatever its size.
pub fn in_parts(args: &[&str], part: usize) -> Run {
    let mut cmd = command(args);
    cmd.env("CHISO_STREAM_FROM", "0").env("CHISO_STREAM_PART", part.to_string());
    run_command(cmd)
}

pub fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "chiso {args:?} failed:\n{}", r.stderr);
    r.stdout
}

/// Parses CSV output into rows of fields (header first).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// A temporary directory for outputs and generated inputs.
pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn every_command_has_help_with_examples() {
    for command in ["inspect", "summary", "growth", "rank", "targets", "chart", "report", "convert", "sql", "config"] {
        let r = run(&[command, "--help"]);
        assert_eq!(r.code, 0, "{command}");
        assert!(r.stdout.contains("Examples:\n  chiso "), "{command} --help has no examples");
    }
    let r = run(&["--help"]);
    insta::assert_snapshot!("help", r.stdout);
}

/// A decoded PNG: its size, RGB pixels (alpha dropped) and the resolution it records.
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<[u8; 3]>,
    /// Dots per inch from the pHYs chunk.
    pub dpi: Option<f64>,
}

impl Image {
    pub fn open(path: &Path) -> Result<Image, String> {
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let dpi = reader.info().pixel_dims.filter(|d| d.unit == png::Unit::Meter).map(|d| f64::from(d.xppu) * 0.0254);
        let mut buffer = vec![0; reader.output_buffer_size()];
        let frame = reader.next_frame(&mut buffer).map_err(|e| e.to_string())?;
        let bytes = &buffer[..frame.buffer_size()];
        let pixels = match frame.color_type {
            png::ColorType::Rgb => bytes.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect(),
            png::ColorType::Rgba => bytes.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect(),
            png::ColorType::Grayscale => bytes.iter().map(|g| [*g; 3]).collect(),
            png::ColorType::GrayscaleAlpha => bytes.chunks_exact(2).map(|p| [p[0]; 3]).collect(),
            other => return Err(format!("unexpected colour type {other:?}")),
        };
        Ok(Image { width: frame.width, height: frame.height, pixels, dpi })
    }

    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        self.pixels[(y * self.width + x) as usize]
    }
}

/// Every `$ chiso …` example of the README prints what the README shows (as
/// `.ci/readme-examples` writes it: `--format table` unless a format or `| cat` is given, stderr
/// after stdout, `[exit N]` when not 0), so the README cannot drift from the binary.
#[test]
fn readme_examples_are_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("```").next().unwrap();
        let Some(rest) = block.strip_prefix("$ chiso ") else { continue };
        // The command runs over continuation lines (`\` at the end).
        let mut lines = rest.lines();
        let mut command = String::from("chiso ");
        for line in lines.by_ref() {
            match line.strip_suffix('\\') {
                Some(part) => command.push_str(&format!("{part} ")),
                None => {
                    command.push_str(line);
                    break;
                }
            }
        }
        let shown: String = lines.map(|l| format!("{l}\n")).collect();
        let mut command = command.split_whitespace().collect::<Vec<_>>().join(" ");
        if !command.contains("--format") && !command.contains("| cat") {
            command.push_str(" --format table");
        }
        let shell = command.replacen("chiso ", &format!("'{}' ", bin().display()), 1);
        let out = Command::new("sh").arg("-c").arg(&shell).current_dir(root()).env("NO_COLOR", "1").output().unwrap();
        let mut printed = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        let code = out.status.code().unwrap_or(-1);
        if code != 0 {
            printed.push_str(&format!("[exit {code}]\n"));
        }
        assert_eq!(printed, shown, "README example `{command}` prints otherwise (rerun .ci/readme-examples)");
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} README examples found");
}
