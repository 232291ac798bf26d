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
