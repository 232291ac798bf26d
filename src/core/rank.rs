//! `rank`: areas ranked per indicator and period, direction-aware (rank 1 is the best value),
//! within one level, with official tie rules, the number of areas ranked, and the change of rank
//! against the previous period. Areas with no value are listed last, unranked.

use polars::prelude::*;

use super::{key_join, period_key};
use crate::frame::{AREA, FREQ, PERIOD, SUB, VALUE, YEAR};
use crate::period::Period;

/// How ties share a rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ties {
    /// 1, 2, 2, 4 — as official tables do
    #[default]
    Min,
    /// 1, 2, 2, 3
    Dense,
    /// 1, 2.5, 2.5, 4
    Average,
}

#[derive(Debug, Clone, Default)]
pub struct RankSettings {
    /// The period to rank; `None` ranks the latest period with values of each indicator.
    pub period: Option<Period>,
    pub ties: Ties,
    /// Keep the N best ranks.
    pub top: Option<u32>,
    /// Keep the N worst ranks.
    pub bottom: Option<u32>,
}

/// The columns [`rank`] adds, in the order the rank table shows them.
pub const COLUMNS: [&str; 5] = ["rank", "out_of", "previous_period", "previous_rank", "rank_change"];

/// Ranks a canonical frame that carries `_sign` (+1 higher is better, −1 lower is better) and,
/// optionally, `level` (rows whose level is `aggregate` are never ranked). `group` is the
/// indicator plus its extra dimensions (and `level` when present): areas are ranked against the
/// others of the same group and period.
pub fn rank(lf: LazyFrame, group: &[String], settings: &RankSettings) -> PolarsResult<LazyFrame> {
    let group_cols: Vec<Expr> = group.iter().map(|g| col(g.as_str())).collect();
    let with =
        |extra: &[&str]| -> Vec<Expr> { group_cols.iter().cloned().chain(extra.iter().map(|e| col(*e))).collect() };
    let has_level = group.iter().any(|g| g == "level");

    // "Bigger is better" score; aggregates get none, so they are listed but never ranked.
    let mut score = col(VALUE) * col("_sign");
    if has_level {
        score = when(col("level").eq(lit("aggregate"))).then(lit(NULL).cast(DataType::Float64)).otherwise(score);
    }
    let method = match settings.ties {
        Ties::Min => RankMethod::Min,
        Ties::Dense => RankMethod::Dense,
        Ties::Average => RankMethod::Average,
    };
    let in_period = with(&["_key"]);
    let rank_of =
        |descending: bool| col("_score").rank(RankOptions { method, descending }, None).over(in_period.clone());
    // Whole ranks print as whole numbers; only averaged ties need fractions.
    let rank_type = if settings.ties == Ties::Average { DataType::Float64 } else { DataType::Int32 };
    let scored = lf.with_columns([period_key().alias("_key"), score.alias("_score")]);

    // The previous period of a group is the latest earlier one in which something was ranked.
    let periods = scored
        .clone()
        .filter(col("_score").is_not_null())
        .select(with(&["_key"]))
        .unique_stable(None, UniqueKeepStrategy::First)
        .sort(["_key"], Default::default())
        .with_column(col("_key").shift(lit(1)).over(group_cols.clone())?.alias("_previous_key"))
        .collect()?
        .lazy();
    // The period to show, per group, and the one before it: only their rows are ranked.
    let shown = match &settings.period {
        Some(p) => scored
            .clone()
            .filter(col("_key").eq(lit(p.key())))
            .select(with(&["_key"]))
            .unique(None, UniqueKeepStrategy::First),
        None => periods.clone().group_by(group_cols.clone()).agg([col("_key").max()]),
    };
    let before = shown
        .clone()
        .join(periods.clone(), in_period.clone(), in_period.clone(), key_join(JoinType::Inner))
        .select(group_cols.iter().cloned().chain([col("_previous_key").alias("_key")]).collect::<Vec<_>>())
        .filter(col("_key").is_not_null());
    let needed = concat([shown, before], UnionArgs::default())?.unique(None, UniqueKeepStrategy::First);
    let mut semi = JoinArgs::new(JoinType::Semi);
    semi.nulls_equal = true;
    let needed_rows = scored.clone().join(needed, in_period.clone(), in_period.clone(), semi);
    let mut ranked = needed_rows.with_columns([
        rank_of(true)?.cast(rank_type).alias("rank"),
        rank_of(false)?.cast(DataType::Float64).alias("_rank_from_bottom"),
        col("_score").count().over(in_period.clone())?.cast(DataType::UInt32).alias("out_of"),
    ]);
    let series: Vec<Expr> = std::iter::once(col(AREA)).chain(group_cols.iter().cloned()).collect();
    let previous = ranked.clone().select(
        series
            .iter()
            .cloned()
            .chain([
                col("_key").alias("_previous_key"),
                col(PERIOD).alias("previous_period"),
                col("rank").alias("previous_rank"),
            ])
            .collect::<Vec<_>>(),
    );
    let mut series_then: Vec<Expr> = series.clone();
    series_then.push(col("_previous_key"));
    ranked = ranked
        .join(periods, in_period.clone(), in_period.clone(), key_join(JoinType::Left))
        .join(previous, series_then.clone(), series_then, key_join(JoinType::Left))
        .with_column((col("previous_rank") - col("rank")).alias("rank_change"));

    // The rows of the period shown, per group.
    let chosen = match &settings.period {
        Some(p) => ranked.clone().filter(col("_key").eq(lit(p.key()))),
        None => {
            let latest = col("_key").filter(col("_score").is_not_null()).max().over(group_cols.clone())?;
            ranked.clone().filter(col("_key").eq(latest))
        }
    };
    // Areas seen in any period of the group but absent from the chosen one are listed unranked.
    let shown_periods = chosen
        .clone()
        .select(with(&["_key", PERIOD, YEAR, SUB, FREQ]))
        .unique_stable_generic(Some(with(&["_key"])), UniqueKeepStrategy::First);
    let members = scored.select(series.clone()).unique_stable(None, UniqueKeepStrategy::First);
    let grid = members.join(shown_periods, group_cols.clone(), group_cols.clone(), key_join(JoinType::Inner));
    let mut at: Vec<Expr> = series.clone();
    at.push(col("_key"));
    let drop_dup: Vec<&str> = vec![PERIOD, YEAR, SUB, FREQ];
    let mut out = grid
        .join(chosen.drop(by_name(drop_dup, true, false)), at.clone(), at, key_join(JoinType::Left))
        .with_column(col("out_of").max().over(with(&["_key"]))?.alias("out_of"));

    if let Some(n) = settings.top {
        out = out.filter(col("rank").cast(DataType::Float64).lt_eq(lit(n as f64)));
    }
    if let Some(n) = settings.bottom {
        out = out.filter(col("_rank_from_bottom").lt_eq(lit(n as f64)));
    }
    let mut order: Vec<Expr> = group_cols.clone();
    order.extend([col("_key"), col("rank"), col(AREA)]);
    Ok(out.sort_by_exprs(order, SortMultipleOptions::default().with_nulls_last(true).with_maintain_order(true)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::{annual as frame, floats};
    use proptest::prelude::*;

    fn run(lf: LazyFrame, settings: &RankSettings) -> DataFrame {
        rank(lf, &["indicator".to_string()], settings).unwrap().collect().unwrap()
    }

    fn strings(df: &DataFrame, name: &str) -> Vec<String> {
        df.column(name).unwrap().str().unwrap().iter().map(|s| s.unwrap_or("").to_string()).collect()
    }

    #[test]
    fn ties_and_missing_values() {
        let lf =
            frame(&["A", "B", "C", "D", "E"], &[2019; 5], &[Some(5.0), Some(9.0), Some(5.0), None, Some(1.0)], 1.0);
        let df = run(lf.clone(), &RankSettings::default());
        assert_eq!(strings(&df, "area"), ["B", "A", "C", "E", "D"]);
        assert_eq!(floats(&df, "rank"), [Some(1.0), Some(2.0), Some(2.0), Some(4.0), None]);
        assert_eq!(floats(&df, "out_of"), [Some(4.0); 5]);
        let dense = run(lf.clone(), &RankSettings { ties: Ties::Dense, ..Default::default() });
        assert_eq!(floats(&dense, "rank"), [Some(1.0), Some(2.0), Some(2.0), Some(3.0), None]);
        let average = run(lf, &RankSettings { ties: Ties::Average, ..Default::default() });
        assert_eq!(floats(&average, "rank"), [Some(1.0), Some(2.5), Some(2.5), Some(4.0), None]);
    }

    #[test]
    fn lower_is_better_and_rank_change() {
        let lf = frame(
            &["A", "B", "C", "A", "B", "C"],
            &[2018, 2018, 2018, 2019, 2019, 2019],
            &[Some(10.0), Some(20.0), Some(30.0), Some(25.0), Some(20.0), Some(5.0)],
            -1.0,
        );
        let df = run(lf, &RankSettings::default());
        assert_eq!(strings(&df, "period"), ["2019"; 3]);
        assert_eq!(strings(&df, "area"), ["C", "B", "A"]);
        assert_eq!(floats(&df, "previous_rank"), [Some(3.0), Some(2.0), Some(1.0)]);
        assert_eq!(floats(&df, "rank_change"), [Some(2.0), Some(0.0), Some(-2.0)]);
    }

    #[test]
    fn the_previous_period_is_the_last_one_ranked_before() {
        // 2016 has rows but no value: 2017 is compared with 2015; 2014 plays no part.
        let areas = ["A", "B", "A", "B", "A", "B", "A", "B"];
        let years = [2014, 2014, 2015, 2015, 2016, 2016, 2017, 2017];
        let values = [Some(9.0), Some(1.0), Some(1.0), Some(2.0), None, None, Some(5.0), Some(3.0)];
        let df = run(frame(&areas, &years, &values, 1.0), &RankSettings::default());
        assert_eq!(strings(&df, "period"), ["2017", "2017"]);
        assert_eq!(strings(&df, "area"), ["A", "B"]);
        assert_eq!(strings(&df, "previous_period"), ["2015", "2015"]);
        assert_eq!(floats(&df, "rank_change"), [Some(1.0), Some(-1.0)]);
        // A period picked with no value at all: listed, unranked, with nothing before it.
        let picked = RankSettings { period: crate::period::parse("2016"), ..Default::default() };
        let df = run(frame(&areas, &years, &values, 1.0), &picked);
        assert_eq!(strings(&df, "period"), ["2016", "2016"]);
        assert_eq!(floats(&df, "rank"), [None, None]);
        assert_eq!(floats(&df, "previous_rank"), [None, None]);
        // A period picked with values: compared with the one ranked before it.
        let picked = RankSettings { period: crate::period::parse("2015"), ..Default::default() };
        let df = run(frame(&areas, &years, &values, 1.0), &picked);
        assert_eq!(strings(&df, "area"), ["B", "A"]);
        assert_eq!(strings(&df, "previous_period"), ["2014", "2014"]);
        assert_eq!(floats(&df, "rank_change"), [Some(1.0), Some(-1.0)]);
    }

    #[test]
    fn an_area_absent_from_the_period_is_listed_unranked() {
        let lf = frame(&["A", "B", "A"], &[2018, 2018, 2019], &[Some(1.0), Some(2.0), Some(3.0)], 1.0);
        let df = run(lf, &RankSettings::default());
        assert_eq!(strings(&df, "area"), ["A", "B"]);
        assert_eq!(floats(&df, "rank"), [Some(1.0), None]);
        assert_eq!(strings(&df, "period"), ["2019", "2019"]);
    }

    proptest! {
        /// Without ties ranks are a permutation of 1..n, and flipping the direction reverses them.
        #[test]
        fn permutation_and_direction(values in proptest::collection::hash_set(-1000i32..1000, 1..30)) {
            let values: Vec<f64> = values.into_iter().map(f64::from).collect();
            let names: Vec<String> = (0..values.len()).map(|i| format!("a{i}")).collect();
            let areas: Vec<&str> = names.iter().map(String::as_str).collect();
            let years = vec![2019; values.len()];
            let opt: Vec<Option<f64>> = values.iter().copied().map(Some).collect();
            let higher = run(frame(&areas, &years, &opt, 1.0), &RankSettings::default());
            let lower = run(frame(&areas, &years, &opt, -1.0), &RankSettings::default());
            let n = values.len() as f64;
            let mut ranks: Vec<f64> = floats(&higher, "rank").into_iter().map(Option::unwrap).collect();
            ranks.sort_by(f64::total_cmp);
            prop_assert_eq!(ranks, (1..=values.len()).map(|r| r as f64).collect::<Vec<_>>());
            let by_area = |df: &DataFrame| -> std::collections::HashMap<String, f64> {
                strings(df, "area").into_iter().zip(floats(df, "rank").into_iter().map(Option::unwrap)).collect()
            };
            let (h, l) = (by_area(&higher), by_area(&lower));
            for (area, r) in &h {
                prop_assert_eq!(l[area], n + 1.0 - r);
            }
        }
    }
}
