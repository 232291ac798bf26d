//! Quality checks on a canonical frame: gaps inside series, implausible jumps, suspicious zeros,
//! aggregates mixed with their members, and areas that vanish from one period to the next.
//! Each check returns plain findings; how they are shown is the commands' business.

use polars::prelude::*;
use serde::Serialize;

use super::{key_join, period_key};
use crate::frame::{AREA, FREQ, INDICATOR, LEVEL, LINE, PERIOD, SRC, VALUE};
use crate::names;

/// A jump is flagged when its YoY % lies more than this many median absolute deviations from the
/// series' median YoY %…
pub const JUMP_MADS: f64 = 5.0;
/// …and more than this many percentage points from it…
pub const JUMP_MIN_POINTS: f64 = 10.0;
/// …in a series with at least this many YoY values.
pub const JUMP_MIN_VALUES: u32 = 5;

/// One check's result: how many cases, and a few of them spelled out.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub check: &'static str,
    pub count: usize,
    pub message: String,
    pub examples: Vec<String>,
}

impl Finding {
    /// `check: message (e.g. a; b; c)`.
    pub fn line(&self) -> String {
        if self.examples.is_empty() {
            format!("{}: {}", self.check, self.message)
        } else {
            format!("{}: {}: {}", self.check, self.message, self.examples.join("; "))
        }
    }
}

const EXAMPLES: usize = 5;

/// Other commands than `inspect` run the checks on frames up to this many rows (they cost a few
/// group-bys over the whole frame).
pub const MAX_ROWS_BY_DEFAULT: usize = 200_000;

/// A check: the query it runs, and how its result reads as a finding.
struct Check {
    query: LazyFrame,
    read: Box<dyn FnOnce(DataFrame) -> PolarsResult<Option<Finding>>>,
}

/// Runs every check. `key` is the series key (area, indicator, dims); `rows` the frame's height.
pub fn check(lf: LazyFrame, key: &[String], rows: usize) -> PolarsResult<Vec<Finding>> {
    check_within(lf.clone(), lf, key, rows)
}

/// [`check`] on the rows asked about (`lf`), with the periods of each indicator taken from all
/// the rows it was filtered from (`all`): a series filtered alone still misses the years its
/// peers have.
pub fn check_within(lf: LazyFrame, all: LazyFrame, key: &[String], rows: usize) -> PolarsResult<Vec<Finding>> {
    // Most data hold no zero at all: then neither zero check has anything to find.
    let any_zero = lf.clone().select([col(VALUE).eq(lit(0.0)).any(true).alias("z")]).collect()?;
    let any_zero = any_zero.column("z")?.bool()?.get(0).unwrap_or(true);
    let lf = lf.with_columns([period_key().alias("_key"), super::period_index().alias("_idx")]);
    let all = all.with_column(super::period_index().alias("_idx"));
    let mut checks = vec![gaps(lf.clone(), all, key)?, jumps(lf.clone(), key)?];
    if any_zero {
        checks.extend([zeros(lf.clone())?, lonely_zeros(lf.clone())?]);
    }
    checks.extend([aggregates(lf.clone())?, vanishing(lf.clone())?]);
    let (queries, reads): (Vec<_>, Vec<_>) = checks.into_iter().map(|c| (c.query, c.read)).unzip();
    let results = if rows > MAX_ROWS_BY_DEFAULT {
        // Big frames: one query at a time (each keeps every core busy, and memory stays that
        // of the largest).
        queries.into_iter().map(LazyFrame::collect).collect::<PolarsResult<Vec<_>>>()?
    } else {
        // One plan for all: the queries share their common start and run side by side on
        // Polars' threads (small frames spend most of their time in per-query set-up).
        let opt = queries[0].get_current_optimizations();
        let plans = queries.into_iter().map(|q| q.logical_plan).collect();
        LazyFrame::collect_all_with_engine(plans, Engine::InMemory, opt)?
    };
    let mut out = Vec::new();
    // An empty result is no finding.
    for (df, read) in results.into_iter().zip(reads).filter(|(df, _)| df.height() > 0) {
        out.extend(read(df)?);
    }
    Ok(out)
}

/// The rows with the largest `measure` first, then by area and indicator (the examples shown).
fn worst_first(lf: LazyFrame, measure: &str) -> LazyFrame {
    lf.sort_by_exprs(
        [col(measure), col(AREA), col(INDICATOR)],
        SortMultipleOptions::default().with_order_descending_multi([true, false, false]).with_maintain_order(true),
    )
}

fn cols(names: &[String]) -> Vec<Expr> {
    names.iter().map(|n| col(n.as_str())).collect()
}

fn strings(df: &DataFrame, name: &str) -> Vec<String> {
    match df.column(name).and_then(|c| c.cast(&DataType::String)) {
        Ok(c) => c.str().map(|s| s.iter().map(|v| v.unwrap_or("").to_string()).collect()).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// `area / indicator` labels of the first rows.
fn labels(df: &DataFrame) -> Vec<String> {
    strings(df, AREA).into_iter().zip(strings(df, INDICATOR)).map(|(a, i)| format!("{a} / {i}")).collect()
}

/// A series misses a period inside its span when other series of its indicator have a value
/// there: the data's own calendar (a survey every two years has no gap in the odd years).
fn gaps(lf: LazyFrame, all: LazyFrame, key: &[String]) -> PolarsResult<Check> {
    let mut group = cols(key);
    group.push(col(FREQ));
    let present = lf.filter(col(VALUE).is_not_null());
    let calendar_of = [col(INDICATOR), col(FREQ)];
    let on = [col(INDICATOR), col(FREQ), col("_idx")];
    // Each period's place in its indicator's calendar.
    let calendar =
        all.filter(col(VALUE).is_not_null()).select(on.clone()).unique(None, UniqueKeepStrategy::Any).with_column(
            col("_idx")
                .rank(RankOptions { method: RankMethod::Dense, descending: false }, None)
                .over(calendar_of)?
                .cast(DataType::Int64)
                .alias("_place"),
        );
    let query = present
        .join(calendar, on.clone(), on, super::key_join(JoinType::Left))
        .group_by(group)
        .agg([
            col("_place").min().alias("_first"),
            col("_place").max().alias("_last"),
            col("_idx").n_unique().cast(DataType::Int64).alias("_n"),
            col(PERIOD).sort_by([col("_key")], Default::default()).first().alias("_from"),
            col(PERIOD).sort_by([col("_key")], Default::default()).last().alias("_to"),
        ])
        .with_column((col("_last") - col("_first") + lit(1) - col("_n")).alias("_missing"))
        .filter(col("_missing").gt(lit(0)));
    let query = worst_first(query, "_missing");
    Ok(Check {
        query,
        read: Box::new(move |df: DataFrame| {
            let missing = strings(&df, "_missing");
            let (from, to) = (strings(&df, "_from"), strings(&df, "_to"));
            let examples = labels(&df)
                .into_iter()
                .enumerate()
                .take(EXAMPLES)
                .map(|(i, l)| format!("{l} ({} missing between {} and {})", missing[i], from[i], to[i]))
                .collect();
            Ok(Some(Finding {
                check: "gaps",
                count: df.height(),
                message: format!(
                    "{} series {} periods inside {} span (YoY is not computed across a gap)",
                    df.height(),
                    if df.height() == 1 { "misses" } else { "miss" },
                    if df.height() == 1 { "its" } else { "their" }
                ),
                examples,
            }))
        }),
    })
}

fn jumps(lf: LazyFrame, key: &[String]) -> PolarsResult<Check> {
    let mut on = cols(key);
    on.extend([col(FREQ), col("_key")]);
    let year_before = lf.clone().filter(col(VALUE).is_not_null()).select(
        cols(key)
            .into_iter()
            .chain([col(FREQ), (col("_key") + lit(100)).alias("_key"), col(VALUE).alias("_prev")])
            .collect::<Vec<_>>(),
    );
    let yoy = super::yoy_pct(col(VALUE), col("_prev"));
    let mut series = cols(key);
    series.push(col(FREQ));
    let deviation = (col("_yoy") - col("_yoy").median().over(series.clone())?).abs();
    let query = lf
        .join(year_before, on.clone(), on, key_join(JoinType::Inner))
        .with_column(yoy.alias("_yoy"))
        .filter(col("_yoy").is_not_null())
        .with_columns([
            deviation.clone().alias("_dev"),
            deviation.median().over(series.clone())?.alias("_mad"),
            col("_yoy").count().over(series)?.cast(DataType::UInt32).alias("_count"),
        ])
        .filter(
            col("_count")
                .gt_eq(lit(JUMP_MIN_VALUES))
                .and(col("_dev").gt(col("_mad") * lit(JUMP_MADS)))
                .and(col("_dev").gt(lit(JUMP_MIN_POINTS))),
        );
    let query = worst_first(query, "_dev");
    Ok(Check {
        query,
        read: Box::new(move |df: DataFrame| {
            let (periods, yoys) = (strings(&df, PERIOD), df.column("_yoy")?.f64()?.iter().collect::<Vec<_>>());
            let examples = labels(&df)
                .into_iter()
                .enumerate()
                .take(EXAMPLES)
                .map(|(i, l)| format!("{l} {}: {:+.1} %", periods[i], yoys[i].unwrap_or(f64::NAN)))
                .collect();
            Ok(Some(Finding {
                check: "jumps",
                count: df.height(),
                message: format!(
                    "{} YoY changes lie more than {JUMP_MADS} median absolute deviations (and {JUMP_MIN_POINTS} points) from their series' median YoY (series with at least {JUMP_MIN_VALUES} YoY values)",
                    df.height()
                ),
                examples,
            }))
        }),
    })
}

/// A zero between two non-zero neighbours of the same series.
fn lonely_zeros(lf: LazyFrame) -> PolarsResult<Check> {
    let series = [col(AREA), col(INDICATOR), col(FREQ)];
    let neighbour = |n: i64| -> PolarsResult<Expr> { col(VALUE).shift(lit(n)).over(series.clone()) };
    let nonzero = |e: Expr| e.clone().is_not_null().and(e.neq(lit(0.0)));
    let query = lf
        .filter(col(VALUE).is_not_null())
        .sort_by_exprs([col("_idx")], SortMultipleOptions::default().with_maintain_order(true))
        .filter(col(VALUE).eq(lit(0.0)).and(nonzero(neighbour(1)?)).and(nonzero(neighbour(-1)?)));
    Ok(Check {
        query,
        read: Box::new(move |df: DataFrame| {
            let periods = strings(&df, PERIOD);
            let examples = labels(&df)
                .into_iter()
                .enumerate()
                .take(EXAMPLES)
                .map(|(i, l)| format!("{l} {}", periods[i]))
                .collect();
            Ok(Some(Finding {
                check: "lone_zeros",
                count: df.height(),
                message: format!(
                    "{} zero values sit between non-zero neighbours (a missing value written as 0?)",
                    df.height()
                ),
                examples,
            }))
        }),
    })
}

/// An aggregate written as 0 in a row whose parts are all missing (wide-by-indicator files).
fn zeros(lf: LazyFrame) -> PolarsResult<Check> {
    let row = [col(SRC), col(LINE)];
    let query = lf
        .group_by(row)
        .agg([
            len().cast(DataType::UInt32).alias("_cells"),
            col(VALUE).count().cast(DataType::UInt32).alias("_present"),
            col(INDICATOR).filter(col(VALUE).eq(lit(0.0))).first().alias(INDICATOR),
            col(VALUE).filter(col(VALUE).eq(lit(0.0))).len().cast(DataType::UInt32).alias("_zeros"),
            col(AREA).first(),
            col(PERIOD).first(),
        ])
        .filter(col("_cells").gt_eq(lit(3)).and(col("_present").eq(lit(1))).and(col("_zeros").eq(lit(1))))
        .sort([SRC, LINE], Default::default());
    Ok(Check {
        query,
        read: Box::new(move |df: DataFrame| {
            let (periods, lines, cells) = (strings(&df, PERIOD), strings(&df, LINE), strings(&df, "_cells"));
            let examples = labels(&df)
                .into_iter()
                .enumerate()
                .take(EXAMPLES)
                .map(|(i, l)| {
                    let others = cells[i].parse::<u32>().unwrap_or(1).saturating_sub(1);
                    format!("{l} {} is 0 while its {others} other cells are missing (line {})", periods[i], lines[i])
                })
                .collect();
            Ok(Some(Finding {
                check: "zero_aggregates",
                count: df.height(),
                message: format!(
                    "{} rows hold a single 0 and nothing else: an aggregate of missing parts, not a real 0",
                    df.height()
                ),
                examples,
            }))
        }),
    })
}

/// Names that usually stand for a total of other areas.
fn looks_aggregate(name: &str) -> bool {
    let key = names::fold(name);
    const TOTALS: [&str; 9] =
        ["wholecountry", "total", "tong", "tongso", "world", "canuoc", "toanquoc", "national", "allcountries"];
    const PARTS: [&str; 6] = ["income", "dividend", "excluding", "countries", "members", "idaibrd"];
    TOTALS.contains(&key.as_str()) || PARTS.iter().any(|p| key.contains(p))
}

fn aggregates(lf: LazyFrame) -> PolarsResult<Check> {
    let with_levels = lf.clone().collect_schema()?.contains(LEVEL);
    let mut wanted = vec![col(AREA)];
    if with_levels {
        wanted.push(col(LEVEL));
    }
    let query = lf.select(wanted).unique_stable(None, UniqueKeepStrategy::First);
    Ok(Check {
        query,
        read: Box::new(move |df: DataFrame| {
            let areas = strings(&df, AREA);
            let found: Vec<String> = if with_levels {
                // With an areas file its levels say which areas are totals of others.
                let levels = strings(&df, LEVEL);
                let is_total = |l: &str| matches!(l, "aggregate" | "country" | "region");
                if levels.iter().all(|l| is_total(l)) {
                    Vec::new()
                } else {
                    areas.into_iter().zip(&levels).filter(|(_, l)| is_total(l)).map(|(a, _)| a).collect()
                }
            } else {
                areas.iter().filter(|a| looks_aggregate(a)).cloned().collect()
            };
            if found.is_empty() || found.len() == df.height() {
                return Ok(None);
            }
            Ok(Some(Finding {
                check: "aggregates",
                count: found.len(),
                message: format!(
                    "{} mixed with them (rank keeps levels apart only with --areas; --level picks one)",
                    if found.len() == 1 {
                        "1 area is a total of other areas and is".to_string()
                    } else {
                        format!("{} areas are totals of other areas and are", found.len())
                    }
                ),
                examples: found.into_iter().take(EXAMPLES).collect(),
            }))
        }),
    })
}

/// Areas with a value in one period of an indicator and none in its next period. Those that
/// never come back (boundary changes: Ha Tay after 2008) are listed first.
fn vanishing(lf: LazyFrame) -> PolarsResult<Check> {
    let series = [col(AREA), col(INDICATOR), col(FREQ)];
    let present = lf
        .filter(col(VALUE).is_not_null())
        .select([col(AREA), col(INDICATOR), col(FREQ), col("_idx"), col(PERIOD)])
        .with_column(col("_idx").max().over(series)?.alias("_last_idx"));
    let periods = present
        .clone()
        .select([col(INDICATOR), col(FREQ), col("_idx"), col(PERIOD)])
        .unique_stable(Some(by_name([INDICATOR, FREQ, "_idx"], true, false)), UniqueKeepStrategy::First)
        .sort(["_idx"], Default::default())
        .with_columns([
            col("_idx").shift(lit(-1)).over([col(INDICATOR), col(FREQ)])?.alias("_next"),
            col(PERIOD).shift(lit(-1)).over([col(INDICATOR), col(FREQ)])?.alias("_next_period"),
        ])
        .filter(col("_next").is_not_null())
        .select([col(INDICATOR), col(FREQ), col("_idx"), col("_next"), col("_next_period")]);
    let on = [col(INDICATOR), col(FREQ), col("_idx")];
    let candidates = present.clone().join(periods, on.clone(), on, key_join(JoinType::Inner));
    let next =
        present.select([col(AREA), col(INDICATOR), col(FREQ), col("_idx").alias("_next"), lit(true).alias("_there")]);
    let on = [col(AREA), col(INDICATOR), col(FREQ), col("_next")];
    let query = candidates
        .join(next, on.clone(), on, key_join(JoinType::Left))
        .filter(col("_there").is_null())
        // One line per area and pair of periods, whatever the number of indicators.
        .group_by([col(AREA), col(PERIOD), col("_next_period"), col("_idx")])
        .agg([
            col(INDICATOR).n_unique().alias("_indicators"),
            col("_idx").eq(col("_last_idx")).all(true).alias("_for_good"),
        ])
        .sort_by_exprs(
            [col("_for_good"), col("_indicators"), col("_idx"), col(AREA)],
            SortMultipleOptions::default()
                .with_order_descending_multi([true, true, false, false])
                .with_maintain_order(true),
        );
    Ok(Check {
        query,
        read: Box::new(move |gone: DataFrame| {
            let (areas, from, to) = (strings(&gone, AREA), strings(&gone, PERIOD), strings(&gone, "_next_period"));
            let (n, for_good) = (strings(&gone, "_indicators"), strings(&gone, "_for_good"));
            let examples = (0..gone.height().min(EXAMPLES))
                .map(|i| {
                    let gone = if for_good[i] == "true" {
                        format!("none from {} on", to[i])
                    } else {
                        format!("none in {}", to[i])
                    };
                    let indicators =
                        if n[i] == "1" { "1 indicator".to_string() } else { format!("{} indicators", n[i]) };
                    format!("{} (values in {}, {gone}; {indicators})", areas[i], from[i])
                })
                .collect();
            Ok(Some(Finding {
                check: "coverage",
                count: gone.height(),
                message: {
                    // One case per area and pair of periods: an area can vanish more than once.
                    let distinct = areas.iter().collect::<std::collections::HashSet<_>>().len();
                    let times = if gone.height() > distinct {
                        format!(", {} times in all", gone.height())
                    } else {
                        String::new()
                    };
                    format!(
                        "{distinct} area{} values in one period and none in the next period of the same indicator{times} (boundary changes? missing rows?)",
                        if distinct == 1 { " has" } else { "s have" }
                    )
                },
                examples,
            }))
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregate_names() {
        assert!(looks_aggregate("WHOLE COUNTRY"));
        assert!(looks_aggregate("Cả nước"));
        assert!(looks_aggregate("High income"));
        assert!(looks_aggregate("World"));
        assert!(!looks_aggregate("Lang Son"));
        assert!(!looks_aggregate("Viet Nam"));
    }
}
