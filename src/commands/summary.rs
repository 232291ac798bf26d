//! `chiso summary`: one row per series (see [`crate::core::summary`]), with the rank of its latest
//! value among the areas of the same indicator and period, and its plan status, when the data
//! allow (several areas; plan columns).

use polars::prelude::*;

use crate::cli::SummaryArgs;
use crate::core::rank::{rank, RankSettings};
use crate::core::summary::summary;
use crate::core::targets::assess;
use crate::frame::{AREA, INDICATOR, PERIOD, PLAN_HIGH, PLAN_LOW, UNIT, VALUE};
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

    let mut at_last: Vec<Expr> = prepared.key.iter().map(|k| col(k.as_str())).collect();
    at_last.push(col("last_period"));
    let mut frame = prepared.frame.clone();
    let columns = columns_of(&mut frame)?;
    let peers = prepared.peers();
    // Ranks need two areas or more; telling is a single pass, no hashing.
    let several = peers.clone().select([col(AREA).neq(col(AREA).first()).any(true)]).collect()?;
    if several.column(AREA)?.bool()?.get(0).unwrap_or(false) {
        prepared.note_directions();
        // An area is ranked among all areas of the data, also when only some are shown. Only the
        // latest period of each indicator is ranked here, so the other rows are dropped first
        // (a small group-by: one row per indicator).
        let group: Vec<Expr> = prepared.rank_group().iter().map(|g| col(g.as_str())).collect();
        let mut on = group.clone();
        on.push(col("_latest"));
        let latest = peers
            .clone()
            .filter(col(VALUE).is_not_null())
            .group_by(group.clone())
            .agg([crate::core::period_key().max().alias("_latest")]);
        let peers = peers.with_column(crate::core::period_key().alias("_latest")).join(
            latest,
            on.clone(),
            on,
            crate::core::key_join(JoinType::Semi),
        );
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
    let mut out = out.collect()?;
    crate::timing("summary", t);
    // Units the data do not carry come from the indicator metadata.
    if prepared.indicators.given {
        let indicators = super::distinct(&out, INDICATOR)?;
        let units: Vec<Option<String>> =
            indicators.iter().map(|i| prepared.indicators.get(i).and_then(|m| m.unit.clone())).collect();
        if units.iter().any(Option::is_some) {
            let table = df!(INDICATOR => indicators, "_meta_unit" => units)?;
            let names: Vec<String> = out.get_column_names().into_iter().map(|s| s.to_string()).collect();
            let mut order: Vec<Expr> = names.iter().take(prepared.key.len()).map(|n| col(n.as_str())).collect();
            let unit = if prepared.has_unit { col(UNIT).fill_null(col("_meta_unit")) } else { col("_meta_unit") };
            order.push(unit.alias(UNIT));
            order.extend(names.iter().skip(prepared.key.len()).filter(|n| *n != UNIT).map(|n| col(n.as_str())));
            out = out
                .lazy()
                .join(table.lazy(), [col(INDICATOR)], [col(INDICATOR)], crate::core::key_join(JoinType::Left))
                .select(order)
                .collect()?;
        }
    }
    Ok(out)
}
