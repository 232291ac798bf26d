//! The lines chiso writes on stderr beside its output: `chiso: note: …` (how something was
//! read or assumed) and `chiso: warning: …` (what may be wrong with the data). One place writes
//! them, at once, so they keep the order they are given in; errors are printed by `main`.

use std::fmt::Display;

pub fn note(text: impl Display) {
    eprintln!("chiso: note: {text}");
}

pub fn warning(text: impl Display) {
    eprintln!("chiso: warning: {text}");
}

/// A warning said once however often it comes (the same missing shape on every indicator's map).
pub fn warning_once(text: impl Display) {
    once(format!("chiso: warning: {text}"));
}

/// A note said once however often it comes.
pub fn note_once(text: impl Display) {
    once(format!("chiso: note: {text}"));
}

fn once(line: String) {
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if !said.contains(&line) {
        eprintln!("{line}");
        said.push(line);
    }
}
