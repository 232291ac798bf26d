//! The passes over the stacked frame of every input, in order: periods read, names cleaned,
//! rows without an area or period left out, duplicates told (and the run order found), columns
//! put in canonical order.

use polars::prelude::*;

use super::{tcvn3, values, Labels, Loaded};
use crate::core::Known;
use crate::error::{ChisoError, Location};
use crate::frame::{self, AREA, INDICATOR, LINE, PERIOD, SRC, VALUE};
use crate::{names, period};

/// Lines (as `file:line`) of the first rows of `df`, for messages.
fn lines_of(loaded: &Loaded, df: &DataFrame, max: usize) -> Vec<String> {
    let (Ok(src), Ok(line)) = (df.column(SRC), df.column(LINE)) else { return Vec::new() };
    let (Ok(src), Ok(line)) = (src.u32(), line.u32()) else { return Vec::new() };
    src.iter()
        .zip(line.iter())
        .take(max)
        .map(|(s, l)| format!("{}:{}", loaded.file(s.unwrap_or(0)), l.unwrap_or(0)))
        .collect()
}

/// Rows with no area or no period are left out, with a warning per file; chiso never invents a key.
pub(super) fn drop_empty_keys(loaded: &Loaded, warnings: &mut Vec<String>) -> Result<DataFrame, ChisoError> {
    let df = &loaded.frame;
    let mut any_missing = false;
    for (key, what) in [(AREA, "area"), (PERIOD, "period")] {
        if df.column(key)?.null_count() == 0 {
            continue;
        }
        let missing = df
            .clone()
            .lazy()
            .filter(col(key).is_null())
            .select([col(SRC), col(LINE)])
            .unique_stable(None, UniqueKeepStrategy::First)
            .collect()?;
        any_missing |= missing.height() > 0;
        for (src, report) in loaded.files.iter().enumerate() {
            let rows = missing
                .clone()
                .lazy()
                .filter(col(SRC).eq(lit(src as u32)))
                .sort([LINE], Default::default())
                .collect()?;
            if rows.height() == 0 {
                continue;
            }
            let lines: Vec<String> = lines_of(loaded, &rows, 5)
                .into_iter()
                .map(|l| l.rsplit(':').next().unwrap_or("").to_string())
                .collect();
            let more = if rows.height() > 5 { ", …" } else { "" };
            let (count, one) = (rows.height(), rows.height() == 1);
            warnings.push(format!(
                "{}: {count} {} no {what} ({} {}{more}); {} left out",
                report.file,
                if one { "row has" } else { "rows have" },
                if one { "line" } else { "lines" },
                lines.join(", "),
                if one { "it is" } else { "they are" },
            ));
        }
    }
    if !any_missing {
        // Filtering would still copy every column (into pieces, one per thread).
        return Ok(df.clone());
    }
    df.clone().lazy().filter(col(AREA).is_not_null().and(col(PERIOD).is_not_null())).collect().map_err(ChisoError::from)
}

/// Adds `year`, `sub`, `freq` and `flag` from the period labels (each distinct label parsed once);
/// empty labels and null markers become null periods.
pub(super) fn parse_periods(loaded: &Loaded, nulls: &[String]) -> Result<DataFrame, ChisoError> {
    let df = &loaded.frame;
    if let Some(years) = plain_years(df, nulls)? {
        return Ok(years);
    }
    let labels = crate::core::distinct(df, PERIOD)?;
    let labels = labels.str()?;
    let (mut raw, mut clean, mut years, mut subs, mut freqs, mut flags) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let trimmed: Vec<Option<&str>> = labels.iter().flatten().map(|l| values::label(l, nulls)).collect();
    let parsed = period::parse_column(trimmed.iter().flatten().copied());
    let mut parsed = parsed.into_iter();
    for (label, trimmed) in labels.iter().flatten().zip(&trimmed) {
        let Some(trimmed) = trimmed else {
            raw.push(label.to_string());
            clean.push(None);
            years.push(None);
            subs.push(None);
            freqs.push(None);
            flags.push(None);
            continue;
        };
        let Some(p) = parsed.next().flatten() else {
            let first = df.clone().lazy().filter(col(PERIOD).eq(lit(label))).limit(1).collect()?;
            let src = first.column(SRC).ok().and_then(|c| c.u32().ok()?.get(0)).unwrap_or(0);
            let line = first.column(LINE).ok().and_then(|c| c.u32().ok()?.get(0)).unwrap_or(0);
            let report = &loaded.files[src as usize];
            return Err(ChisoError::BadPeriod {
                at: Location { file: report.file.clone(), line },
                column: report.detected.period.trim_start_matches("column ").trim_matches('\'').to_string(),
                value: trimmed.to_string(),
            });
        };
        raw.push(label.to_string());
        clean.push(Some(trimmed.to_string()));
        years.push(Some(p.year));
        subs.push(Some(p.sub));
        freqs.push(Some(p.freq.code()));
        flags.push(p.flag);
    }
    let map = df!(
        PERIOD => raw,
        "_label" => clean,
        frame::YEAR => years,
        frame::SUB => subs,
        frame::FREQ => freqs,
        "_pflag" => flags,
    )?;
    let flag = flag_of(df, col("_pflag"));
    left_join(df.clone().lazy(), map.lazy(), PERIOD)
        .with_columns([flag.alias(frame::FLAG), col("_label").alias(PERIOD)])
        .drop(by_name(["_pflag", "_label", frame::FLAG_SOURCE, frame::HEADER_FLAG], false, false))
        .collect()
        .map_err(ChisoError::from)
}

/// A status column of the file wins, then a status in the column header, then `from_label`.
/// The frame with its periods read, when every period is a plain four-digit year (`2019`, as
/// most files write them): the label is the year, so no label is looked up. `None` otherwise.
fn plain_years(df: &DataFrame, nulls: &[String]) -> Result<Option<DataFrame>, ChisoError> {
    let plain =
        |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (b'1'..=b'2').contains(&s.as_bytes()[0]);
    // The first rows tell whether trying is worth reading every label; a null marker that looks
    // like a year (`--null 9999`) needs the lookup.
    let head = df.column(PERIOD)?.head(Some(100));
    let head_plain = head.str()?.iter().all(|p| p.is_none_or(plain));
    if !head_plain || nulls.iter().any(|m| plain(m)) {
        return Ok(None);
    }
    let flag = flag_of(df, lit(NULL).cast(DataType::String));
    let Ok(read) = df
        .clone()
        .lazy()
        .with_columns([
            col(PERIOD).strict_cast(DataType::Int32).alias(frame::YEAR),
            lit(0i8).alias(frame::SUB),
            lit(period::Freq::Annual.code()).alias(frame::FREQ),
            flag.alias(frame::FLAG),
        ])
        .drop(by_name([frame::FLAG_SOURCE, frame::HEADER_FLAG], false, false))
        .collect()
    else {
        return Ok(None);
    };
    // Four characters that read as a number from 1000 to 2999: four digits, the first 1 or 2.
    let checks = read
        .clone()
        .lazy()
        .select([
            col(PERIOD).str().len_bytes().neq(lit(4)).any(true).alias("_long"),
            col(frame::YEAR).min().alias("_min"),
            col(frame::YEAR).max().alias("_max"),
        ])
        .collect()?;
    let get = |name: &str| checks.column(name).ok().and_then(|c| c.get(0).ok()).map(|v| v.into_static());
    let ok = get("_long") == Some(AnyValue::Boolean(false))
        && matches!(get("_min"), Some(AnyValue::Int32(y)) if y >= 1000)
        && matches!(get("_max"), Some(AnyValue::Int32(y)) if y <= 2999);
    Ok(ok.then_some(read))
}

fn flag_of(df: &DataFrame, from_label: Expr) -> Expr {
    [frame::HEADER_FLAG, frame::FLAG_SOURCE]
        .into_iter()
        .filter(|source| df.column(source).is_ok())
        .fold(from_label, |flag, source| col(source).fill_null(flag))
}

fn left_join(left: LazyFrame, right: LazyFrame, on: &str) -> LazyFrame {
    let mut args = JoinArgs::new(JoinType::Left);
    args.maintain_order = MaintainOrderJoin::Left;
    left.join(right, [col(on)], [col(on)], args)
}

/// Area and indicator names NFC-normalised, trimmed, inner spaces collapsed, null markers made
/// null — each distinct name once, joined back only when something changes.
/// With `check_tcvn3`, also a warning when names look like TCVN3 text read as Latin-1 (`Hµ Néi`).
/// Also gives the distinct names of the columns where nothing changed.
pub(super) fn clean_names(
    mut df: DataFrame,
    nulls: &[String],
    check_tcvn3: bool,
) -> Result<(DataFrame, Option<String>, Labels), ChisoError> {
    let mut tcvn3_warning = None;
    let mut unchanged = Vec::new();
    for name in [AREA, INDICATOR] {
        let distinct = crate::core::distinct(&df, name)?;
        let distinct = distinct.str()?;
        let (mut from, mut to) = (Vec::new(), Vec::new());
        let mut odd: Vec<&str> = Vec::new();
        for s in distinct.iter().flatten() {
            if check_tcvn3 && tcvn3::looks_like(s) {
                odd.push(s);
            }
            let cleaned = values::label(s, nulls).map(names::clean);
            if cleaned.as_deref() != Some(s) {
                from.push(s.to_string());
                to.push(cleaned);
            }
        }
        if let (Some(first), None) = (odd.first(), &tcvn3_warning) {
            tcvn3_warning = Some(format!(
                "{} {name} names look like old TCVN3 (.VnTime) text: '{}' would read as '{}'; add --encoding tcvn3",
                odd.len(),
                names::clean(first),
                names::clean(&tcvn3::convert(first))
            ));
        }
        if from.is_empty() {
            unchanged.push((name.to_string(), distinct.clone().into_column()));
            continue;
        }
        let changed = vec![true; to.len()];
        let map = df!(name => from, "_clean" => to, "_changed" => changed)?;
        df = left_join(df.lazy(), map.lazy(), name)
            .with_column(when(col("_changed").is_null()).then(col(name)).otherwise(col("_clean")).alias(name))
            .drop(by_name(["_clean", "_changed"], true, false))
            .collect()?;
    }
    Ok((df, tcvn3_warning, unchanged))
}

/// Identical duplicate observations are kept once, with a warning; conflicting ones stop the load.
/// Also gives what it found out about the order of the rows.
pub(super) fn dedupe(loaded: &Loaded, warnings: &mut Vec<String>) -> Result<(DataFrame, Known), ChisoError> {
    let df = &loaded.frame;
    let names: Vec<&str> = df.get_column_names().into_iter().map(|s| s.as_str()).collect();
    let series = frame::series_key(names);
    let t0 = std::time::Instant::now();
    // Rows grouped by series with increasing periods (most files) have no repeated period:
    // telling is a pass over neighbouring rows, no hashing.
    // The run numbers are kept (`_sid`) for the summary, which would number them again.
    if let Some(runs) = crate::core::number_runs(df, &series)?.filter(|runs| runs.ordered) {
        return Ok((runs.frame, Known { order: None, sid_in_key_order: runs.in_key_order }));
    }
    // Rows in any other order (period after period, as offices export): the series are numbered,
    // and no period repeats when series number and period, one integer, never repeat. The
    // numbers are kept (`_series`) for the summary, which sorts the rows by that integer.
    crate::timing("duplicates: runs", t0);
    let numbers = match df.height() >= crate::core::sort_from() {
        true => crate::core::series_numbers(df, &series, &loaded.labels)?,
        false => None,
    };
    if let Some(numbers) = numbers {
        crate::timing("duplicates: series numbered", t0);
        let mut numbered = df.clone();
        numbered.with_column(numbers)?;
        let found = crate::core::run_order(&numbered)?;
        if let Some(crate::core::RunOrder { order, ordered: true }) = found {
            return Ok((numbered, Known { order: Some(order), sid_in_key_order: false }));
        }
    }
    let mut key: Vec<Expr> = series.iter().map(|k| col(k.as_str())).collect();
    key.push(col(frame::FREQ));
    // Per series, are there as many distinct periods as rows? One group per series is much
    // cheaper than one per observation; the rows are only looked at when some period repeats.
    let unique = df
        .clone()
        .lazy()
        .group_by(key.clone())
        .agg([(len().cast(DataType::UInt32) - crate::core::period_key().n_unique().cast(DataType::UInt32))
            .alias("_extra")])
        .select([col("_extra").max()])
        .collect()?;
    if unique.column("_extra").ok().and_then(|c| c.u32().ok()?.get(0)).unwrap_or(0) == 0 {
        return Ok((df.clone(), Known::default()));
    }
    key.extend([col(frame::YEAR), col(frame::SUB)]);
    // Counting rows per key is cheap; distinct values are only looked at where a key repeats.
    let repeated_keys = df
        .clone()
        .lazy()
        .group_by(key.clone())
        .agg([len().alias("_n")])
        .filter(col("_n").gt(lit(1)))
        .select(key.clone())
        .collect()?;
    if repeated_keys.height() == 0 {
        return Ok((df.clone(), Known::default()));
    }
    let rows_of = |groups: LazyFrame| {
        df.clone()
            .lazy()
            .join(groups, key.clone(), key.clone(), crate::core::key_join(JoinType::Inner))
            .sort([SRC, LINE], Default::default())
            .collect()
            .map_err(ChisoError::from)
    };
    let repeated = rows_of(repeated_keys.lazy())?;
    let conflicts = repeated
        .clone()
        .lazy()
        .group_by(key.clone())
        .agg([col(VALUE).n_unique().alias("_distinct")])
        .filter(col("_distinct").gt(lit(1)))
        .select(key.clone());
    let conflicting = rows_of(conflicts.clone())?;
    if conflicting.height() > 0 {
        let n = conflicts.collect()?.height();
        let examples = describe_rows(loaded, &conflicting, 5);
        // Different days of one month: a date is read as the month it falls in.
        let days = conflicting
            .clone()
            .lazy()
            .filter(col(frame::FREQ).eq(lit(period::Freq::Date.code())))
            .group_by(key.clone())
            .agg([col(frame::PERIOD).n_unique().alias("_labels")])
            .select([col("_labels").max()])
            .collect()?;
        let days = days.column("_labels").ok().and_then(|c| c.cast(&DataType::UInt32).ok()?.u32().ok()?.get(0));
        return Err(ChisoError::ConflictingDuplicates { count: n, examples, days: days.unwrap_or(0) > 1 });
    }
    warnings.push(format!(
        "{} identical duplicate rows were kept once: {}",
        repeated.height(),
        lines_of(loaded, &repeated, 6).join(", ")
    ));
    let kept = df.clone().lazy().unique_stable_generic(Some(key), UniqueKeepStrategy::First).collect();
    Ok((kept?, Known::default()))
}

/// `file:line: area / indicator / period = value` for the first `max` rows.
fn describe_rows(loaded: &Loaded, rows: &DataFrame, max: usize) -> Vec<String> {
    let text = |name: &str, i: usize| -> String {
        match rows.column(name).ok().and_then(|c| c.get(i).ok()) {
            Some(AnyValue::Float64(x)) => crate::output::number::format_float(x, None).unwrap_or_default(),
            Some(v) => v.str_value().into_owned(),
            None => String::new(),
        }
    };
    let at = lines_of(loaded, rows, max);
    at.iter()
        .enumerate()
        .map(|(i, at)| {
            format!("  {at}: {} / {} / {} = {}", text(AREA, i), text(INDICATOR, i), text(PERIOD, i), text(VALUE, i))
        })
        .collect()
}

/// Canonical column order; rows in file order.
/// Also tells whether the rows had to be sorted.
pub(super) fn order_columns(df: DataFrame) -> Result<(DataFrame, bool), ChisoError> {
    let names: Vec<String> = df.get_column_names().into_iter().map(|s| s.to_string()).collect();
    let mut order: Vec<String> = vec![AREA.into(), INDICATOR.into()];
    order.extend(frame::dimensions(names.iter().map(String::as_str)));
    for fixed in [
        PERIOD,
        frame::YEAR,
        frame::SUB,
        frame::FREQ,
        VALUE,
        frame::FLAG,
        frame::UNIT,
        frame::SOURCE,
        frame::NOTE,
        frame::LEVEL,
        frame::PLAN_LOW,
        frame::PLAN_HIGH,
        SRC,
        LINE,
    ] {
        if names.iter().any(|n| n == fixed) {
            order.push(fixed.into());
        }
    }
    // Long files come through in file order already; wide ones (several pieces per line) and
    // planning tables (plans joined after) need the sort. Checking is one cheap pass.
    let out_of_order = df
        .clone()
        .lazy()
        .select([col(frame::ORD)
            .gt(lit(0u32))
            .or(col(LINE).lt(col(LINE).shift(lit(1))).and(col(SRC).eq(col(SRC).shift(lit(1)))))
            .any(true)
            .alias("x")])
        .collect()?;
    let mut lf = df.lazy();
    let resort = out_of_order.column("x").ok().and_then(|c| c.bool().ok()?.get(0)).unwrap_or(true);
    if resort {
        lf = lf.sort([SRC, LINE, frame::ORD], SortMultipleOptions::default().with_maintain_order(true));
    } else if names.iter().any(|n| n == crate::core::SID) {
        // Runs numbered in this order stay valid.
        order.push(crate::core::SID.into());
    }
    if names.iter().any(|n| n == crate::core::SERIES) {
        // Series numbers hold in any order.
        order.push(crate::core::SERIES.into());
    }
    let ordered = lf.select(order.iter().map(|c| col(c.as_str())).collect::<Vec<_>>()).collect()?;
    Ok((ordered, resort))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn periods(labels: &[Option<&str>]) -> DataFrame {
        df!(PERIOD => labels, VALUE => vec![1.0; labels.len()]).unwrap()
    }

    #[test]
    fn plain_years_only_when_every_label_is_one() {
        let nulls: Vec<String> = values::DEFAULT_NULLS.iter().map(|s| s.to_string()).collect();
        let mut labels = vec![Some("2019"); 150];
        labels.push(None);
        let read = plain_years(&periods(&labels), &nulls).unwrap().unwrap();
        assert_eq!(read.column(frame::YEAR).unwrap().i32().unwrap().get(0), Some(2019));
        assert_eq!(read.column(frame::YEAR).unwrap().null_count(), 1);
        // Far down the file: out of range, zero-padded, spaced, quarterly.
        for odd in ["3019", "0999", "02019", " 2019", "2019-Q1", "NA"] {
            let mut labels = vec![Some("2019"); 150];
            labels.push(Some(odd));
            assert!(plain_years(&periods(&labels), &nulls).unwrap().is_none(), "{odd}");
        }
        // A null marker that looks like a year needs the lookup.
        assert!(plain_years(&periods(&[Some("2019")]), &["2019".to_string()]).unwrap().is_none());
    }
}
