//! `chiso summary`: one row per series (see [`crate::core::summary`]), with the rank of its latest
//! value among the areas of the same indicator and period, and its plan status, when the data
//! allow (several areas; plan columns).

use polars::prelude::*;

use crate::cli::SummaryArgs;
use crate::core::rank::{rank, RankSettings};
use crate::core::summary::summary;
use crate::core::targets::assess;
use crate::frame::{AREA, PERIOD, PLAN_HIGH, PLAN_LOW};
use crate::output::Output;

use super::{columns_of, Prepared};

pub fn run(args: SummaryArgs) -> anyhow::Result<()> {
    let output = Output::new(args.output.settings(), &args.data.input.inputs)?;
    let prepared = Prepared::new(&args.data)?;
    prepared.loaded.print_warnings();
    output.write_frame(&summary_table(&prepared)?)
}

/// The summary of the prepared data, with `rank`/`out_of` when there are several areas and
/// `plan_status` when there are plans.
pub fn summary_table(prepared: &Prepared) -> anyhow::Result<DataFrame> {
    let t = std::time::Instant::now();
    let mut out = summary(prepared.frame.clone(), &prepared.key, prepared.has_unit);
    crate::timing("summary", t);

    let mut at_last: Vec<Expr> = prepared.key.iter().map(|k| col(k.as_str())).collect();
    at_last.push(col("last_period"));
    let mut frame = prepared.frame.clone();
    let columns = columns_of(&mut frame)?;
    let peers = prepared.peers();
    let areas =
        peers.clone().select([col(AREA).n_unique()]).collect()?.column(AREA)?.get(0)?.extract::<u32>().unwrap_or(0);
    if areas > 1 {
        prepared.note_directions();
        // An area is ranked among all areas of the data, also when only some are shown.
        let ranked = rank(peers, &prepared.rank_group(), &RankSettings::default())?.select(
            prepared
                .key
                .iter()
                .map(|k| col(k.as_str()))
                .chain([col(PERIOD).alias("last_period"), col("rank"), col("out_of")])
                .collect::<Vec<_>>(),
        );
        out = out.join(ranked, at_last.clone(), at_last.clone(), crate::core::key_join(JoinType::Left));
    }
    if columns.iter().any(|c| c == PLAN_LOW || c == PLAN_HIGH) {
        let status = assess(frame).select(
            prepared
                .key
                .iter()
                .map(|k| col(k.as_str()))
                .chain([col(PERIOD).alias("last_period"), col("status").alias("plan_status")])
                .collect::<Vec<_>>(),
        );
        out = out.join(status, at_last.clone(), at_last, crate::core::key_join(JoinType::Left));
    }
    Ok(out.collect()?)
}
