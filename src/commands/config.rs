//! `chiso config`: the project config (chiso.toml) in effect in this folder, setting by setting.

use polars::prelude::*;

use crate::cli::ConfigArgs;
use crate::config::{self, KEYS};
use crate::output::Output;

pub fn run(args: ConfigArgs, ignore: bool) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &[])?;
    let found = config::discover(ignore)?;
    match &found {
        Some(c) => crate::messages::note(format!("settings from {} (flags win over them)", c.path.display())),
        None if ignore => crate::messages::note("--no-config: chiso.toml is ignored"),
        None => crate::messages::note(format!(
            "no {} in this folder or a parent: flags and defaults only",
            config::FILE_NAME
        )),
    }
    let (mut keys, mut values, mut from, mut sets) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (key, what, _) in KEYS {
        let entry = found.as_ref().and_then(|c| c.entries.iter().find(|e| e.key == key));
        keys.push(key);
        values.push(entry.map(|e| e.values.join(", ")));
        from.push(match (entry, &found) {
            (Some(e), Some(c)) => format!("{}:{}", c.path.display(), e.line),
            _ => "not set".to_string(),
        });
        sets.push(what);
    }
    let table = df!("key" => keys, "value" => values, "from" => from, "sets" => sets)?;
    output.write_frame(&table)
}
