//! How chiso works inside, for measuring and testing: set once for the process (by `main`, from
//! hidden flags or their environment variables, see `cli::TuningArgs`) and only read below;
//! nothing under this module reads the environment. Unset (the library used directly), the
//! defaults hold.

use std::sync::OnceLock;

/// The knobs, with their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// Files from this many bytes on are read a part at a time (convert, summary).
    pub stream_from: u64,
    /// The size of a part, in bytes.
    pub stream_part: u64,
    /// Frames from this many rows on whose rows are not in runs are numbered and sorted by the
    /// loader (see [`crate::core::run_order`]).
    pub sort_from: u64,
    /// Plain files are read by the careful reader even when Polars' reader could read them.
    pub careful: bool,
    /// Each step's time and memory is printed on stderr.
    pub timing: bool,
    /// Inputs from this many bytes on show a progress bar while read (on a terminal).
    pub progress_from: u64,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            stream_from: 1 << 30,
            stream_part: 16 << 20,
            sort_from: 1 << 16,
            careful: false,
            timing: false,
            progress_from: 100 << 20,
        }
    }
}

static TUNING: OnceLock<Tuning> = OnceLock::new();

/// Sets the knobs for the process; only the first call counts.
pub fn set(tuning: Tuning) {
    let _ = TUNING.set(tuning);
}

/// The knobs in force.
pub fn get() -> Tuning {
    TUNING.get().copied().unwrap_or_default()
}

/// A size in bytes, as a number with an optional `K`, `M` or `G` (powers of 1024): `1G`,
/// `16M`, `4096`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, scale) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&t[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| format!("'{text}' is not a size: a number of bytes, or one with K, M or G (16M, 1G)"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("0"), Ok(0));
        assert!(parse_size("1X").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("-5").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}
