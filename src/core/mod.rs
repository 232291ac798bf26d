//! The analytics core: functions from a canonical `LazyFrame` (and plain option structs) to a
//! `LazyFrame`. Nothing here knows about files, flags or terminals.

pub mod derive;
pub mod filter;
pub mod growth;
pub mod profile;
pub mod progress;
pub mod quality;
pub mod rank;
pub mod summary;
pub mod targets;

use polars::prelude::*;

use crate::frame::{FREQ, SUB, UNIT, VALUE, YEAR};

/// Time of a period in years: 2019 → 2019.0, 2019-Q3 → 2019.5, 2019-04 → 2019.25.
pub fn time_in_years() -> Expr {
    years_of(col(YEAR), col(SUB), col(FREQ))
}

/// [`time_in_years`] of a period key (`year × 100 + sub`, see [`period_key`]) and frequency.
pub fn time_of_key(key: Expr, freq: Expr) -> Expr {
    years_of(key.clone() / lit(100), key % lit(100), freq)
}

fn years_of(year: Expr, sub: Expr, freq: Expr) -> Expr {
    let sub = sub.cast(DataType::Float64) - lit(1.0);
    let n = subs_per_year(freq);
    year.cast(DataType::Float64) + when(n.clone().gt(lit(1))).then(sub / n.cast(DataType::Float64)).otherwise(lit(0.0))
}

/// [`crate::period::subs_per_year`] as an expression over a `freq` column.
pub fn subs_per_year(freq: Expr) -> Expr {
    when(freq.clone().eq(lit("Q")))
        .then(lit(4i64))
        .when(freq.clone().eq(lit("M")).or(freq.clone().eq(lit("D"))))
        .then(lit(12i64))
        .when(freq.eq(lit("S")))
        .then(lit(2i64))
        .otherwise(lit(1i64))
}

/// [`crate::period::index`] as an expression over the `year`, `sub` and `freq` columns.
pub fn period_index() -> Expr {
    let year = col(YEAR).cast(DataType::Int64);
    let n = subs_per_year(col(FREQ));
    when(n.clone().gt(lit(1))).then(year.clone() * n + col(SUB).cast(DataType::Int64) - lit(1)).otherwise(year)
}

/// `previous` (and what follows from it) never exists for a multi-year window.
pub fn unless_window(e: Expr) -> Expr {
    when(col(FREQ).eq(lit(crate::period::WINDOW))).then(lit(NULL).cast(DataType::Float64)).otherwise(e)
}

/// Sortable period number: 2019 → 201900, 2019-Q2 → 201902.
pub fn period_key() -> Expr {
    col(YEAR).cast(DataType::Int32) * lit(100) + col(SUB).cast(DataType::Int32)
}

/// Join options for series keys, whose extra dimensions may be null.
pub fn key_join(how: JoinType) -> JoinArgs {
    let mut args = JoinArgs::new(how);
    args.nulls_equal = true;
    args.maintain_order = MaintainOrderJoin::Left;
    args
}

/// The distinct values of a column in order of first appearance. Labels mostly come in runs
/// (rows grouped by area, then indicator), so only the first row of each run is hashed.
pub fn distinct(df: &DataFrame, name: &str) -> PolarsResult<Column> {
    let first_of_run = col(name).neq_missing(col(name).shift(lit(1)));
    let out = df.clone().lazy().select([col(name).filter(first_of_run).unique_stable()]).collect()?;
    out.column(name).cloned()
}

/// Number of the series run a row belongs to (see [`number_runs`]).
pub const SID: &str = "_sid";

/// A frame in runs of rows, one run per series, numbered in `_sid` (marked sorted).
pub struct Runs {
    /// The rows in runs: the frame itself, or (see `origin`) some of its columns put in order.
    pub frame: DataFrame,
    /// Within every run the periods strictly increase (so no period repeats either).
    pub ordered: bool,
    /// The runs come in key order (see [`series_numbers`]), as the summary lists its series.
    pub in_key_order: bool,
    /// For rows put in order by [`Runs::sorted`]: the whole frame, and for each row of `frame`
    /// its row there. `frame` then holds the numbers (`value`, `year`, `sub`, `freq`, `unit`) and
    /// `_sid`.
    pub origin: Option<(DataFrame, IdxCa)>,
}

impl Runs {
    /// The runs of a frame: those the loader numbered; else its rows' own runs, when ordered;
    /// else its rows put in order of series and period. `None` when some series repeats a period
    /// or the series cannot be numbered.
    /// `known`: what the loader found out about these very rows.
    pub fn of(df: &DataFrame, key: &[String], known: &Known) -> PolarsResult<Option<Runs>> {
        if let Some(runs) = Runs::numbered(df, key, known.sid_in_key_order)? {
            return Ok(Some(runs));
        }
        let (own, series) = match df.column(SERIES) {
            // The loader found the rows out of series order, and maybe their run order too.
            Ok(series) => match known.order.as_ref().filter(|o| o.len() == df.height()) {
                Some(order) => return Runs::in_order(df.clone(), order.clone(), true).map(Some),
                None => (None, Some(series.clone())),
            },
            Err(_) => match number_runs(df, key)? {
                Some(runs) if runs.ordered => return Ok(Some(runs)),
                own => (own, series_numbers(df, key, &[])?),
            },
        };
        let sorted = match series {
            Some(series) => Runs::sorted(df, series)?.filter(|runs| runs.ordered),
            None => None,
        };
        Ok(sorted.or(own))
    }

    /// The runs the loader numbered (it keeps `_sid` only for ordered runs, and only while the
    /// rows keep their order: filters keep it valid).
    pub fn numbered(df: &DataFrame, key: &[String], in_key_order: bool) -> PolarsResult<Option<Runs>> {
        if df.column(SID).is_err() {
            return Ok(None);
        }
        let frame = sorted_sid(df.clone())?;
        if in_key_order {
            return Ok(Some(Runs { frame, ordered: true, in_key_order, origin: None }));
        }
        let heads = frame.clone().lazy().filter(col(SID).neq_missing(col(SID).shift(lit(1)))).collect()?;
        let mut group: Vec<&str> = key.iter().map(String::as_str).collect();
        group.push(FREQ);
        let in_key_order = strictly_increasing(&heads, &group)?;
        Ok(Some(Runs { frame, ordered: true, in_key_order, origin: None }))
    }

    /// The rows of `df` put in runs by one sort on an integer key — the series number (`series`,
    /// see [`series_numbers`]) and the period — however the file lists them: the numbers of each
    /// row (`value`, `year`, `sub`, `freq`, `unit`) are taken in that order, the labels stay
    /// where they are. Not `ordered` when a series repeats a period (two neighbours with the same
    /// key); `None` when the periods span too many years to fit the key.
    pub fn sorted(df: &DataFrame, series: Column) -> PolarsResult<Option<Runs>> {
        let mut with_series = df.clone();
        with_series.with_column(series.with_name(SERIES.into()))?;
        match run_order(&with_series)? {
            Some(RunOrder { order, ordered }) => Runs::in_order(with_series, order, ordered).map(Some),
            None => Ok(None),
        }
    }

    /// The runs of a frame with `_series` whose [`run_order`] is known.
    pub fn in_order(df: DataFrame, order: IdxCa, ordered: bool) -> PolarsResult<Runs> {
        let numbers: Vec<&str> =
            [VALUE, YEAR, SUB, FREQ, UNIT, SERIES].into_iter().filter(|c| df.column(c).is_ok()).collect();
        let run_starts = col(SERIES).neq_missing(col(SERIES).shift(lit(1)));
        let frame = df
            .select(numbers)?
            .take(&order)?
            .lazy()
            .with_column(run_starts.cast(DataType::UInt32).cum_sum(false).alias(SID))
            .drop(by_name([SERIES], true, false))
            .collect()?;
        Ok(Runs { frame: sorted_sid(frame)?, ordered, in_key_order: true, origin: Some((df, order)) })
    }

    /// The whole frame the runs are of.
    pub fn whole(&self) -> &DataFrame {
        self.origin.as_ref().map_or(&self.frame, |(df, _)| df)
    }

    /// Columns `names` of the whole frame at `rows` of the runs.
    pub fn take(&self, names: &[String], rows: &IdxCa) -> PolarsResult<DataFrame> {
        match &self.origin {
            Some((df, order)) => df.select(names.iter().map(String::as_str))?.take(&order.take(rows)?),
            None => self.frame.select(names.iter().map(String::as_str))?.take(rows),
        }
    }
}

/// What the loader found out about the order of the rows, for the commands that take them
/// series by series; it holds while no row is left out, added or renamed (filters keep the
/// runs numbered in `_sid`, and their key order, valid).
#[derive(Clone, Default)]
pub struct Known {
    /// The order that lists the rows in runs, when the loader sorted them to tell duplicates.
    pub order: Option<IdxCa>,
    /// The runs numbered in `_sid` come in key order.
    pub sid_in_key_order: bool,
}

/// The order that lists the rows of a frame with `_series` in runs (series by series, periods
/// increasing), from one multithreaded sort of an integer per row.
pub struct RunOrder {
    /// The rows of the frame in that order.
    pub order: IdxCa,
    /// No series has a period twice (no two neighbours with the same integer).
    pub ordered: bool,
}

/// The [`RunOrder`] of a frame with `_series`; `None` when series and periods do not fit one
/// integer.
pub fn run_order(df: &DataFrame) -> PolarsResult<Option<RunOrder>> {
    let Some(key) = sort_key(df)? else { return Ok(None) };
    let sorted = df
        .clone()
        .lazy()
        .with_row_index("_row", None)
        .select([key.alias("_skey"), col("_row")])
        .sort(["_skey"], SortMultipleOptions::default().with_multithreaded(true))
        .collect()?;
    let repeats = sorted
        .clone()
        .lazy()
        .select([col("_skey").eq(col("_skey").shift(lit(1))).fill_null(lit(false)).any(true)])
        .collect()?;
    let ordered = !repeats.column("_skey")?.bool()?.get(0).unwrap_or(true);
    Ok(Some(RunOrder { order: sorted.column("_row")?.idx()?.clone(), ordered }))
}

/// The sort key of the rows of a frame with `_series`: the series number, then the period (its
/// key less the smallest) in the low bits, in one integer — 32 bits when they suffice (a
/// quicker sort), else 64. `None` when even 64 bits cannot hold them.
fn sort_key(df: &DataFrame) -> PolarsResult<Option<Expr>> {
    let pkey = period_key();
    let bounds = df
        .clone()
        .lazy()
        .select([
            pkey.clone().min().cast(DataType::Int64).alias("_min"),
            pkey.clone().max().cast(DataType::Int64).alias("_max"),
            col(SERIES).max().cast(DataType::Int64).alias("_series"),
        ])
        .collect()?;
    let get = |name: &str| bounds.column(name).ok().and_then(|c| c.get(0).ok()?.extract::<i64>()).unwrap_or(0);
    let (min, span, series) = (get("_min"), get("_max") - get("_min"), get("_series") as u64);
    // Bits that hold 0..=span, and the series numbers 0..=series.
    let bits = 64 - (span.max(0) as u64).leading_zeros();
    let total = bits + (64 - series.leading_zeros());
    if total > 64 {
        return Ok(None);
    }
    let dtype = if total <= 32 { DataType::UInt32 } else { DataType::UInt64 };
    let period = (pkey.cast(DataType::Int64) - lit(min)).cast(dtype.clone());
    Ok(Some(col(SERIES).cast(dtype.clone()) * lit(1u64 << bits).cast(dtype) + period))
}

/// The loader numbers the series of frames from this many rows on (`--sort-from`,
/// [`crate::tuning`]) when their rows are not in runs, and tells repeated periods by a sort;
/// smaller ones by hashing their keys, in fewer steps (what costs there is setting up each step,
/// not the rows). The summary numbers them itself when the loader did not.
pub fn sort_from() -> usize {
    usize::try_from(crate::tuning::get().sort_from).unwrap_or(usize::MAX)
}

/// Number of a row's series (key and frequency) in key order (see [`series_numbers`]).
pub const SERIES: &str = "_series";

/// `_series`: per row, the number of its series (key columns and frequency) such that numbers
/// sort as the keys do — column by column, each column's values in Polars' order (nulls first).
/// Each column's distinct values are sorted and numbered (a small table); the rows get their
/// value's number by a join, made on the first rows of runs of equal values when a column comes
/// in runs. `None` when the numbers of the columns multiply past `u32`, or for an empty frame.
/// `known`: distinct values of some columns, already found.
pub fn series_numbers(df: &DataFrame, key: &[String], known: &[(String, Column)]) -> PolarsResult<Option<Column>> {
    let height = df.height();
    if height == 0 {
        return Ok(None);
    }
    let mut number: Option<Series> = None;
    let mut span: u64 = 1;
    for name in key.iter().map(String::as_str).chain([FREQ]) {
        let column = df.column(name)?;
        if let Column::Scalar(_) = column {
            continue;
        }
        let t = std::time::Instant::now();
        let values = match known.iter().find(|(n, _)| n == name) {
            Some((_, values)) => values.clone(),
            None => distinct(df, name)?,
        };
        crate::timing(&format!("numbers: {name} distinct"), t);
        let n = values.len() as u64;
        span = span.saturating_mul(n);
        if span > u32::MAX as u64 {
            return Ok(None);
        }
        let ids = value_numbers(df, name, values)?;
        crate::timing(&format!("numbers: {name} numbered"), t);
        number = Some(match number {
            None => ids,
            Some(before) => ((&before * n as u32) + ids)?,
        });
    }
    let number = number.unwrap_or_else(|| Series::new(SERIES.into(), vec![0u32; 1]).new_from_index(0, height));
    Ok(Some(number.with_name(SERIES.into()).into_column()))
}

/// Per row, the rank of its value of column `name` among `values` (its distinct values) sorted.
fn value_numbers(df: &DataFrame, name: &str, values: Column) -> PolarsResult<Series> {
    let mut table = DataFrame::new_infer_height(vec![values])?.sort([name], SortMultipleOptions::default())?;
    table.with_column(Column::new("_id".into(), (0..table.height() as u32).collect::<Vec<_>>()))?;
    let start = col(name).neq_missing(col(name).shift(lit(1)));
    let runs = df.clone().lazy().select([start.clone().sum().alias("_runs")]).collect()?;
    let runs = runs.column("_runs")?.cast(&IDX_DTYPE)?.idx()?.get(0).unwrap_or(0) as usize;
    let look_up = |labels: DataFrame| -> PolarsResult<Series> {
        let ids = labels
            .lazy()
            .join(table.clone().lazy(), [col(name)], [col(name)], key_join(JoinType::Left))
            .select([col("_id")])
            .collect()?;
        Ok(ids.column("_id")?.as_materialized_series().clone())
    };
    if runs * 4 > df.height() {
        return look_up(df.select([name])?);
    }
    // Values in runs (an area over its indicators and years): the first row of each run is
    // looked up, the others take its number.
    let numbered = df
        .clone()
        .lazy()
        .select([
            col(name),
            start.clone().alias("_start"),
            (start.cast(DataType::UInt32).cum_sum(false) - lit(1u32)).alias("_run"),
        ])
        .collect()?;
    let heads = numbered.clone().lazy().filter(col("_start")).select([col(name)]).collect()?;
    look_up(heads)?.take(numbered.column("_run")?.cast(&IDX_DTYPE)?.idx()?)
}

/// Marks `_sid` sorted, so that group-bys on it take slices of rows.
fn sorted_sid(mut df: DataFrame) -> PolarsResult<DataFrame> {
    let mut sid = df.column(SID)?.as_materialized_series().clone();
    sid.set_sorted_flag(polars::series::IsSorted::Ascending);
    df.with_column(sid.into_column())?;
    Ok(df)
}

/// Numbers the series of a frame whose rows come grouped by series — one unbroken run of rows
/// per series (`key` plus frequency), as most files list them — in `_sid`, marked sorted, so that
/// group-bys on it take slices of rows instead of hashing every key. `None` when some series is
/// split over several runs (the caller then groups by the key itself).
pub fn number_runs(df: &DataFrame, key: &[String]) -> PolarsResult<Option<Runs>> {
    if df.height() == 0 {
        return Ok(None);
    }
    let mut group: Vec<&str> = key.iter().map(String::as_str).collect();
    group.push(FREQ);
    // A constant column (one frequency, as most files have) cannot start a run.
    let mut varying: Vec<&str> =
        group.iter().copied().filter(|k| !matches!(df.column(k), Ok(Column::Scalar(_)))).collect();
    if varying.is_empty() {
        // One series (or one row): any key column marks the start of its single run.
        varying = group.clone();
    }
    let Some(starts) = varying.iter().map(|k| col(*k).neq_missing(col(*k).shift(lit(1)))).reduce(|a, b| a.or(b)) else {
        return Ok(None);
    };
    let pkey = period_key();
    let marked = df.clone().lazy().with_column(starts.alias("_start")).collect()?;
    // Series split over runs make many short runs (a run per row, period after period): only
    // then is the glance worth its passes.
    let runs = marked.column("_start")?.as_materialized_series().sum::<u64>()? as usize;
    if runs * 2 > marked.height() && split_at_a_glance(&marked, &group)? {
        return Ok(None);
    }
    let mut numbered = marked
        .lazy()
        .with_columns([
            col("_start").cast(DataType::UInt32).cum_sum(false).alias(SID),
            col("_start").or(pkey.clone().gt(pkey.shift(lit(1)))).all(true).alias("_ordered"),
        ])
        .collect()?;
    let ordered = numbered.column("_ordered")?.bool()?.get(0).unwrap_or(false);
    // One run per series: the first rows of the runs have distinct keys (a small hash). Their
    // row numbers are picked first, then the keys gathered: filtering text columns directly
    // would copy their text.
    let starts =
        numbered.clone().lazy().with_row_index("_row", None).filter(col("_start")).select([col("_row")]).collect()?;
    let heads = numbered.select(group.iter().copied())?.take(starts.column("_row")?.idx()?)?;
    numbered = numbered.drop_many(["_start", "_ordered"]);
    let in_key_order = strictly_increasing(&heads, &group)?;
    if !in_key_order {
        let distinct =
            heads.lazy().group_by(group.iter().map(|k| col(*k)).collect::<Vec<_>>()).agg([len()]).collect()?;
        if distinct.height() != starts.height() {
            return Ok(None);
        }
    }
    Ok(Some(Runs { frame: sorted_sid(numbered)?, ordered, in_key_order, origin: None }))
}

/// True when the series of the first row starts more than one run: a look at one key (a
/// comparison per row, no hashing) that tells files listed period by period from files listed
/// series by series before every run's key is gathered and hashed. (Other splits are found by
/// that hash.)
fn split_at_a_glance(numbered: &DataFrame, key: &[&str]) -> PolarsResult<bool> {
    if numbered.height() < 3 {
        return Ok(false);
    }
    // Rows that start a run and hold the first row's key.
    let mut same = col("_start");
    for k in key {
        let Ok(text) = numbered.column(k)?.str() else { return Ok(false) };
        same = same.and(match text.get(0) {
            Some(v) => col(*k).eq(lit(v.to_string())).fill_null(lit(false)),
            None => col(*k).is_null(),
        });
    }
    let found =
        numbered.clone().lazy().select([same.cast(DataType::UInt32).sum().gt(lit(1u32)).alias("_split")]).collect()?;
    Ok(found.column("_split")?.bool()?.get(0).unwrap_or(false))
}

/// True when every row's key (the columns `key`, compared in order) sorts strictly after the
/// previous row's: then no key repeats, and no hashing is needed to tell. A null compares as
/// unknown (false).
fn strictly_increasing(df: &DataFrame, key: &[&str]) -> PolarsResult<bool> {
    if df.height() < 2 {
        return Ok(true);
    }
    let after = key.iter().rev().fold(lit(false), |later, k| {
        let (this, before) = (col(*k), col(*k).shift(lit(1)));
        this.clone().gt(before.clone()).or(this.eq(before).and(later))
    });
    let n = df.height() as i64;
    let out = df
        .clone()
        .lazy()
        .select([after.fill_null(lit(false)).slice(lit(1), lit(n - 1)).all(true).alias("_up")])
        .collect()?;
    Ok(out.column("_up")?.bool()?.get(0).unwrap_or(false))
}

/// (latest − previous) / |previous| × 100; null when previous is missing or 0.
pub fn yoy_pct(latest: Expr, previous: Expr) -> Expr {
    when(previous.clone().neq(lit(0.0)))
        .then((latest - previous.clone()) / previous.abs() * lit(100.0))
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// ((last / first)^(1 / years) − 1) × 100; null unless years > 0, first > 0 and last ≥ 0.
pub fn cagr_pct(first: Expr, last: Expr, years: Expr) -> Expr {
    when(years.clone().gt(lit(0.0)).and(first.clone().gt(lit(0.0))).and(last.clone().gt_eq(lit(0.0))))
        .then(((last / first).pow(lit(1.0) / years) - lit(1.0)) * lit(100.0))
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// Small canonical frames for the unit tests of the analytics.
#[cfg(test)]
pub(crate) mod testing {
    use polars::prelude::*;

    /// Annual rows of indicator `x`, one per (area, year, value), with direction `sign`.
    pub fn annual(areas: &[&str], years: &[i32], values: &[Option<f64>], sign: f64) -> LazyFrame {
        let n = areas.len();
        df!(
            "area" => areas,
            "indicator" => vec!["x"; n],
            "period" => years.iter().map(|y| y.to_string()).collect::<Vec<_>>(),
            "year" => years,
            "sub" => vec![0i8; n],
            "freq" => vec!["A"; n],
            "value" => values,
            "_sign" => vec![sign; n],
        )
        .unwrap()
        .lazy()
    }

    /// One annual series `A / x`.
    pub fn series(years: &[i32], values: &[Option<f64>]) -> LazyFrame {
        annual(&vec!["A"; years.len()], years, values, 1.0)
    }

    /// One row of a panel: (area number, year, quarter or 0 for a year, value).
    pub type Cell = (usize, i32, i8, Option<f64>);

    /// The rows of random series (per series: quarterly or annual, and per period a row, with a
    /// value or not, or no row), series after series.
    pub fn cells(series: &[(bool, Vec<Option<Option<f64>>>)]) -> Vec<Cell> {
        let mut cells = Vec::new();
        for (a, (quarterly, values)) in series.iter().enumerate() {
            for (i, v) in values.iter().enumerate() {
                let Some(v) = v else { continue };
                let i = i as i32;
                cells.push(if *quarterly { (a, 2000 + i / 4, (i % 4 + 1) as i8, *v) } else { (a, 2000 + i, 0, *v) });
            }
        }
        cells
    }

    /// Rows of areas `a0…` of indicator `x`, in the order given.
    pub fn panel(cells: &[Cell]) -> DataFrame {
        let label = |c: &Cell| if c.2 > 0 { format!("{}-Q{}", c.1, c.2) } else { c.1.to_string() };
        df!(
            "area" => cells.iter().map(|c| format!("a{}", c.0)).collect::<Vec<_>>(),
            "indicator" => vec!["x"; cells.len()],
            "period" => cells.iter().map(label).collect::<Vec<_>>(),
            "year" => cells.iter().map(|c| c.1).collect::<Vec<_>>(),
            "sub" => cells.iter().map(|c| c.2).collect::<Vec<_>>(),
            "freq" => cells.iter().map(|c| if c.2 > 0 { "Q" } else { "A" }).collect::<Vec<_>>(),
            "value" => cells.iter().map(|c| c.3).collect::<Vec<_>>(),
        )
        .unwrap()
    }

    /// A column as floats.
    pub fn floats(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
        df.column(name).unwrap().cast(&DataType::Float64).unwrap().f64().unwrap().iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(areas: &[Option<&str>], years: &[i32]) -> DataFrame {
        let n = areas.len();
        df!(
            "area" => areas,
            "indicator" => vec!["x"; n],
            "year" => years,
            "sub" => vec![0i8; n],
            "freq" => vec!["A"; n],
        )
        .unwrap()
    }

    #[test]
    fn increasing_keys() {
        let key = ["area", "indicator"];
        let up = |areas: &[Option<&str>]| strictly_increasing(&frame(areas, &vec![2000; areas.len()]), &key).unwrap();
        assert!(up(&[Some("a"), Some("b"), Some("c")]));
        assert!(!up(&[Some("a"), Some("c"), Some("b")]));
        assert!(!up(&[Some("a"), Some("a")]));
        assert!(!up(&[Some("a"), None, Some("c")]));
        assert!(up(&[Some("a")]));
    }

    #[test]
    fn a_series_split_in_two_runs_is_not_numbered() {
        let key = ["area".to_string(), "indicator".to_string()];
        // Sorted heads: runs, ordered.
        let runs = number_runs(&frame(&[Some("a"), Some("a"), Some("b")], &[2000, 2001, 2000]), &key).unwrap().unwrap();
        assert!(runs.ordered);
        // `a` comes back after `b`: one series in two runs.
        assert!(number_runs(&frame(&[Some("a"), Some("b"), Some("a")], &[2000, 2000, 2001]), &key).unwrap().is_none());
        // Unsorted but distinct heads: still runs.
        assert!(number_runs(&frame(&[Some("b"), Some("a")], &[2000, 2000]), &key).unwrap().is_some());
    }

    #[test]
    fn period_major_rows_are_seen_split_at_a_glance() {
        let key = ["area".to_string(), "indicator".to_string()];
        // Every area of 2000, then of 2001, as offices export: the first row's series starts twice.
        let areas = [Some("a"), Some("b"), Some("c"), Some("d"), Some("a"), Some("b"), Some("c"), Some("d")];
        let years = [2000, 2000, 2000, 2000, 2001, 2001, 2001, 2001];
        assert!(number_runs(&frame(&areas, &years), &key).unwrap().is_none());
        // A missing area is a key of its own, compared as missing.
        let areas = [None, Some("b"), Some("c"), None];
        assert!(number_runs(&frame(&areas, &[2000, 2000, 2000, 2001]), &key).unwrap().is_none());
        // Split in the middle only: the glance misses it, the hash of every run finds it.
        let areas = [Some("a"), Some("b"), Some("c"), Some("e"), Some("b"), Some("d")];
        assert!(number_runs(&frame(&areas, &[2000; 6]), &key).unwrap().is_none());
    }
}
