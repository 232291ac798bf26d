//! The project config, `chiso.toml`: defaults a planning office sets once in its data folder
//! (metadata and areas files, crosswalk, plan, language, highlighted areas, decimals, output
//! format). It is found in the working directory or the nearest parent that has one, like
//! `.cargo/config.toml`. Flags win over it, and so do the environment variables of flags;
//! `--no-config` (or `CHISO_NO_CONFIG=1`) ignores it. Paths in it are relative to its folder.
//!
//! The file's settings become flags of the command line before it is parsed, each only where the
//! command has that flag and it was not given: one set of rules for every command, checked by
//! clap like typed flags.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use serde::Deserialize;
use toml::Spanned;

use crate::error::ChisoError;

/// The file's name.
pub const FILE_NAME: &str = "chiso.toml";

/// Each key: its flag (the same word), what it sets, and whether it names a file.
pub const KEYS: [(&str, &str, bool); 9] = [
    ("meta", "indicator metadata (--meta)", true),
    ("areas", "areas file (--areas)", true),
    ("aliases", "extra spellings (--aliases)", true),
    ("crosswalk", "boundary change moved through first (--crosswalk)", true),
    ("plan", "plan or target file (--plan)", true),
    ("lang", "language of labels and words: en or vi (--lang)", false),
    ("highlight", "areas marked in charts and reports (--highlight)", false),
    ("decimals", "decimals of printed numbers (--decimals)", false),
    ("format", "output format when -o names no file (--format)", false),
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    meta: Option<Spanned<String>>,
    areas: Option<Spanned<String>>,
    aliases: Option<Spanned<String>>,
    crosswalk: Option<Spanned<String>>,
    plan: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    highlight: Option<Spanned<OneOrMany>>,
    decimals: Option<Spanned<u32>>,
    format: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// One setting of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: &'static str,
    /// The values as flags take them (paths made relative to the working directory).
    pub values: Vec<String>,
    /// The line of the file that sets it.
    pub line: usize,
}

/// A project config read.
#[derive(Debug, Clone)]
pub struct ProjectConfig {
    pub path: PathBuf,
    pub entries: Vec<Entry>,
}

/// The nearest `chiso.toml` from `start` upwards.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|p| p.is_file())
}

/// The file found from the working directory, unless `--no-config` or `CHISO_NO_CONFIG` says
/// to ignore it.
pub fn discover(ignore: bool) -> Result<Option<ProjectConfig>, ChisoError> {
    if ignore {
        return Ok(None);
    }
    let Ok(cwd) = std::env::current_dir() else { return Ok(None) };
    find(&cwd).map(|path| load(&path, &cwd)).transpose()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Reads and checks the file; paths in it become relative to `cwd` (a folder at or below the
/// file's).
pub fn load(path: &Path, cwd: &Path) -> Result<ProjectConfig, ChisoError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ChisoError::Read { path: path.to_path_buf(), source })?;
    let bad =
        |line: usize, message: String| ChisoError::Config { file: shown.clone(), line, message, unknown_key: false };
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(&text, s.start));
        let message = e.message().trim();
        match message.strip_prefix("unknown field ") {
            Some(rest) => ChisoError::Config {
                file: shown.clone(),
                line,
                message: format!("unknown key {}", rest.split(", expected").next().unwrap_or(rest)),
                unknown_key: true,
            },
            None => bad(line, message.to_string()),
        }
    })?;
    // The file's folder as seen from the working directory: `.`, `..`, `../..`, …
    let folder = path.parent().unwrap_or(Path::new("."));
    let up = cwd.strip_prefix(folder).map(|below| below.components().count()).ok();
    let resolve = |value: &str| -> String {
        let p = Path::new(value);
        match up {
            _ if p.is_absolute() => value.to_string(),
            Some(0) => value.to_string(),
            Some(n) => Path::new(&"../".repeat(n)).join(p).display().to_string(),
            None => folder.join(p).display().to_string(),
        }
    };
    let mut entries = Vec::new();
    let mut text_entry = |key: &'static str, value: &Option<Spanned<String>>, is_path: bool| {
        if let Some(v) = value {
            let value = if is_path { resolve(v.get_ref()) } else { v.get_ref().clone() };
            entries.push(Entry { key, values: vec![value], line: line_of(&text, v.span().start) });
        }
    };
    text_entry("meta", &file.meta, true);
    text_entry("areas", &file.areas, true);
    text_entry("aliases", &file.aliases, true);
    text_entry("crosswalk", &file.crosswalk, true);
    text_entry("plan", &file.plan, true);
    text_entry("lang", &file.lang, false);
    text_entry("format", &file.format, false);
    if let Some(h) = &file.highlight {
        let values = match h.get_ref() {
            OneOrMany::One(v) => vec![v.clone()],
            OneOrMany::Many(v) => v.clone(),
        };
        entries.push(Entry { key: "highlight", values, line: line_of(&text, h.span().start) });
    }
    if let Some(d) = &file.decimals {
        entries.push(Entry {
            key: "decimals",
            values: vec![d.get_ref().to_string()],
            line: line_of(&text, d.span().start),
        });
    }
    // Words are checked here, against what any command takes: a command without the flag, or
    // taking other values for it, only leaves the setting out.
    let command = crate::cli::command();
    for entry in &entries {
        let known = possible_values(&command, entry.key);
        if !known.is_empty() && !entry.values.iter().all(|v| known.contains(v)) {
            return Err(bad(
                entry.line,
                format!("{} = \"{}\" is not one of {}", entry.key, entry.values.join(", "), known.join(", ")),
            ));
        }
        if is_path(entry.key) && !Path::new(&entry.values[0]).exists() {
            return Err(bad(entry.line, format!("{} = {}: no such file", entry.key, entry.values[0])));
        }
    }
    entries.sort_by_key(|e| KEYS.iter().position(|(k, _, _)| *k == e.key));
    Ok(ProjectConfig { path: path.to_path_buf(), entries })
}

fn is_path(key: &str) -> bool {
    KEYS.iter().any(|(k, _, path)| *k == key && *path)
}

/// The values any subcommand's `--flag` takes (empty: any value).
fn possible_values(command: &clap::Command, flag: &str) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    let mut visit = vec![command];
    while let Some(cmd) = visit.pop() {
        for arg in cmd.get_arguments().filter(|a| a.get_long() == Some(flag)) {
            for v in arg.get_possible_values() {
                if !values.iter().any(|x| x == v.get_name()) {
                    values.push(v.get_name().to_string());
                }
            }
        }
        visit.extend(cmd.get_subcommands());
    }
    values
}

impl ProjectConfig {
    /// The flags this config adds to a command whose arguments are `matches`: each setting the
    /// command has a flag for, not given on the command line or in the environment.
    fn flags_for(&self, command: &clap::Command, matches: &clap::ArgMatches) -> Vec<OsString> {
        let given = |long: &str| {
            command.get_arguments().find(|a| a.get_long() == Some(long)).is_some_and(|a| {
                matches!(
                    matches.value_source(a.get_id().as_str()),
                    Some(ValueSource::CommandLine | ValueSource::EnvVariable)
                )
            })
        };
        // A command's own settings file (`chiso report --config report.toml`) is more specific:
        // the keys it sets are left to it.
        let own: Vec<String> = match matches.try_get_one::<std::path::PathBuf>("config") {
            Ok(Some(file)) => std::fs::read_to_string(file)
                .ok()
                .and_then(|text| text.parse::<toml::Table>().ok())
                .map(|table| table.keys().cloned().collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        let mut flags = Vec::new();
        for entry in &self.entries {
            let Some(arg) = command.get_arguments().find(|a| a.get_long() == Some(entry.key)) else { continue };
            if given(entry.key) || own.iter().any(|k| k == entry.key) {
                continue;
            }
            // An output file's extension, or --excel, says the format.
            if entry.key == "format" && (given("output") || given("excel")) {
                continue;
            }
            let takes = arg.get_possible_values();
            if !takes.is_empty() && !entry.values.iter().all(|v| takes.iter().any(|p| p.get_name() == v)) {
                continue;
            }
            for value in &entry.values {
                flags.push(OsString::from(format!("--{}={value}", entry.key)));
            }
        }
        flags
    }
}

/// The command line with the project config's settings added as flags (after the subcommand's
/// name), or as it is when there is no config, it is ignored, or the line does not parse (clap
/// then says what is wrong with it).
pub fn apply(args: Vec<OsString>) -> Result<Vec<OsString>, ChisoError> {
    // Without a file nothing is parsed here: the line is parsed once, by `main`.
    let Ok(cwd) = std::env::current_dir() else { return Ok(args) };
    let Some(file) = find(&cwd) else { return Ok(args) };
    let command = crate::cli::command();
    let Ok(matches) = command.clone().try_get_matches_from(&args) else { return Ok(args) };
    if matches.get_flag("no_config") {
        return Ok(args);
    }
    let (mut cmd, mut m, mut path) = (&command, &matches, Vec::new());
    while let Some((name, sub)) = m.subcommand() {
        let Some(found) = cmd.find_subcommand(name) else { break };
        (cmd, m) = (found, sub);
        path.push(name.to_string());
    }
    // `chiso config` tells the file's settings apart from flags itself.
    if path.is_empty() || path[0] == "config" {
        return Ok(args);
    }
    let flags = load(&file, &cwd)?.flags_for(cmd, m);
    if flags.is_empty() {
        return Ok(args);
    }
    // After the last subcommand's name.
    let mut at = 0;
    for name in &path {
        match args.iter().skip(at + 1).position(|a| a.to_str() == Some(name)) {
            Some(i) => at += i + 1,
            None => return Ok(args),
        }
    }
    let mut out = args[..=at].to_vec();
    out.extend(flags);
    out.extend_from_slice(&args[at + 1..]);
    Ok(out)
}
