//! The lines chiso writes on stderr beside its output: `chiso: note: …` (how something was
//! read or assumed) and `chiso: warning: …` (what may be wrong with the data). One place writes
//! them, at once, so they keep the order they are given in; errors are printed by `main`.

use std::fmt::Display;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;

/// When the labels (`error:`, `warning:`, `note:`, `hint:`) are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Color {
    /// When stderr is a terminal, `NO_COLOR` is not set and `TERM` is not `dumb`
    #[default]
    Auto,
    Always,
    Never,
}

static COLOR: AtomicU8 = AtomicU8::new(0);

/// Sets when labels are coloured (`--color`), once, by `main`.
pub fn set_color(color: Color) {
    COLOR.store(color as u8, Ordering::Relaxed);
}

fn coloured() -> bool {
    match COLOR.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            !no_color && !dumb && std::io::stderr().is_terminal()
        }
    }
}

/// `label:` in bold and the label's colour (red errors, yellow warnings, cyan notes, green hints).
fn label(label: &str) -> String {
    if !coloured() {
        return format!("{label}:");
    }
    let colour = match label {
        "error" => "31",
        "warning" => "33",
        "note" => "36",
        _ => "32",
    };
    format!("\x1b[1;{colour}m{label}:\x1b[0m")
}

/// The progress bar on the screen, if any: lines are written above it.
static BAR: Mutex<Option<indicatif::ProgressBar>> = Mutex::new(None);

fn say(line: &str) {
    let bar = BAR.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    match bar {
        Some(bar) => bar.suspend(|| eprintln!("{line}")),
        None => eprintln!("{line}"),
    }
}

pub fn note(text: impl Display) {
    say(&format!("chiso: {} {text}", label("note")));
}

pub fn warning(text: impl Display) {
    say(&format!("chiso: {} {text}", label("warning")));
}

/// An error and its hint (printed by `main`).
pub fn error(text: impl Display, hint: Option<String>) {
    say(&format!("chiso: {} {text}", label("error")));
    if let Some(hint) = hint {
        say(&format!("{} {hint}", label("hint")));
    }
}

/// A warning said once however often it comes (the same missing shape on every indicator's map).
pub fn warning_once(text: impl Display) {
    once(format!("chiso: {} {text}", label("warning")));
}

/// A note said once however often it comes.
pub fn note_once(text: impl Display) {
    once(format!("chiso: {} {text}", label("note")));
}

fn once(line: String) {
    static SAID: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if !said.contains(&line) {
        say(&line);
        said.push(line);
    }
}

/// A progress bar on stderr while it lives: drawn only when stderr is a terminal; messages are
/// written above it.
pub struct Progress(indicatif::ProgressBar);

impl Progress {
    /// Bytes read of `len`, `at` already, with the time left.
    pub fn bytes(what: &str, len: u64, at: u64) -> Progress {
        Progress::start(Some(len), at, what, "{spinner} {msg} {wide_bar} {bytes}/{total_bytes} ({eta} left)")
    }

    /// A spinner with the time taken, for work that cannot be counted as it goes.
    pub fn spinner(what: &str) -> Progress {
        Progress::start(None, 0, what, "{spinner} {msg} ({elapsed})")
    }

    /// Styled and placed while hidden, then shown: its first frame is already the right one.
    fn start(len: Option<u64>, at: u64, what: &str, template: &str) -> Progress {
        let bar = indicatif::ProgressBar::with_draw_target(len, indicatif::ProgressDrawTarget::hidden());
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(what.to_string());
        bar.set_position(at);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        // Drawn at once, not when the ticking thread first gets a core.
        bar.tick();
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        *BAR.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(bar.clone());
        Progress(bar)
    }

    pub fn set_position(&self, position: u64) {
        self.0.set_position(position);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.finish_and_clear();
        *BAR.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}
