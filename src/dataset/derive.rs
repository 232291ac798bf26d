//! New indicators computed per area and period from existing ones (see
//! [`crate::core::derive`]), added to the canonical frame so the result pipes on.

use polars::prelude::*;

use crate::core::derive::{Definition, ExprError, Node};
use crate::error::ChisoError;
use crate::frame::{AREA, FLAG, FREQ, INDICATOR, LEVEL, PERIOD, SUB, UNIT, VALUE, YEAR};
use crate::names::{first_names, fold};

use super::Dataset;

impl Dataset {
    /// The filtered frame with the indicators `definitions` define added, each from the ones
    /// before it and those of the data; `unit` for all of them (default: `%` for `share`,
    /// `index` for `rebase`, else none). Missing operands give a missing value, as does a
    /// division by zero (counted in a warning).
    /// `asked`: the new indicators `--indicator` names (kept out of the filters the data were
    /// opened with, which they are not in yet).
    pub fn derive(
        &self,
        definitions: &[Definition],
        unit: Option<&str>,
        asked: &[String],
    ) -> Result<DataFrame, ChisoError> {
        // Computed over every area and indicator of the periods asked for (a share needs the
        // total, a ratio its denominator), then cut to the areas and indicators asked for.
        let r = &self.resolved;
        let mut long =
            crate::core::filter::apply(self.unfiltered.clone(), &[], &[], r.from.as_ref(), r.to.as_ref()).collect()?;
        for definition in definitions {
            let rows = self.derive_one(&long, definition, unit)?;
            long = concat(
                [long.lazy(), rows.lazy()],
                UnionArgs { diagonal: true, to_supertypes: true, ..Default::default() },
            )?
            .collect()?;
        }
        // Only some indicators asked for: those, the new ones asked for, and (when old ones are
        // asked for) every new one.
        let mut indicators = r.indicators.clone();
        if !indicators.is_empty() {
            indicators.extend(definitions.iter().map(|d| d.name.clone()));
        } else {
            indicators.extend(asked.iter().cloned());
        }
        Ok(crate::core::filter::apply(long.lazy(), &r.areas, &indicators, None, None).collect()?)
    }

    fn derive_one(&self, long: &DataFrame, d: &Definition, unit: Option<&str>) -> Result<DataFrame, ChisoError> {
        let usage = |e: ExprError| ChisoError::Usage(e.to_string());
        let known = super::distinct(long, INDICATOR)?;
        if known.iter().any(|k| fold(k) == fold(&d.name)) {
            return Err(usage(ExprError {
                message: format!("the data have an indicator `{}` already: name the new one otherwise", d.name),
                text: d.text.clone(),
                span: (0, d.text[..d.offset - 1].trim_end().len()),
            }));
        }
        // Each name the expression reads, as the data spell it.
        let mut used: Vec<String> = Vec::new();
        for (name, span) in d.expr.names() {
            let Some(found) = known.iter().find(|k| fold(k) == fold(&name)) else {
                return Err(usage(ExprError {
                    message: format!("unknown indicator `{name}` (the data have: {})", first_names(&known, 12)),
                    text: d.text.clone(),
                    span,
                }));
            };
            if !used.contains(found) {
                used.push(found.clone());
            }
        }
        // One row per area (and dimension) and period, a column per indicator read.
        let names: Vec<String> = long.get_column_names().into_iter().map(|n| n.to_string()).collect();
        let mut rows: Vec<String> = self.key.iter().filter(|k| *k != INDICATOR).cloned().collect();
        rows.extend([PERIOD, YEAR, SUB, FREQ].map(String::from));
        if names.iter().any(|n| n == LEVEL) {
            rows.push(LEVEL.into());
        }
        let row_cols: Vec<Expr> = rows.iter().map(|c| col(c.as_str())).collect();
        let has_flag = names.iter().any(|n| n == FLAG);
        let mut wide = long
            .clone()
            .lazy()
            .filter(col(INDICATOR).is_in(lit(Series::new("".into(), used.clone())).implode(false), false))
            .select(row_cols.clone())
            .unique_stable(None, UniqueKeepStrategy::First);
        for (j, name) in used.iter().enumerate() {
            let mut picked = row_cols.clone();
            picked.push(col(VALUE).alias(format!("_v{j}")));
            picked.push(if has_flag { col(FLAG) } else { lit(NULL).cast(DataType::String) }.alias(format!("_f{j}")));
            let values = long.clone().lazy().filter(col(INDICATOR).eq(lit(name.clone()))).select(picked);
            wide = wide.join(values, row_cols.clone(), row_cols.clone(), crate::core::key_join(JoinType::Left));
        }
        // Series in period order, for lag and diff.
        let series: Vec<Expr> = rows
            .iter()
            .filter(|c| ![PERIOD, YEAR, SUB, LEVEL].contains(&c.as_str()))
            .map(|c| col(c.as_str()))
            .collect();
        let mut order: Vec<String> =
            rows.iter().filter(|c| ![PERIOD, YEAR, SUB, LEVEL].contains(&c.as_str())).cloned().collect();
        order.extend([YEAR.to_string(), SUB.to_string()]);
        wide = wide.sort(order, Default::default());
        let mut divisors = Vec::new();
        let context =
            Context { used: &used, series: &series, rows: &rows, aggregates: names.iter().any(|n| n == LEVEL) };
        let value = context.expr(&d.expr, &mut divisors)?;
        let zero = divisors.into_iter().map(|e| e.eq(lit(0.0))).reduce(|a, b| a.or(b)).unwrap_or(lit(false));
        let estimate = (0..used.len())
            .map(|j| col(format!("_f{j}")).eq(lit("estimate")).fill_null(lit(false)))
            .reduce(|a, b| a.or(b))
            .unwrap_or(lit(false));
        let unit = unit.map(str::to_string).or_else(|| guessed_unit(&d.expr, long));
        let computed = wide.with_columns([value.alias(VALUE), zero.fill_null(lit(false)).alias("_zero")]).collect()?;
        let zeros = computed.column("_zero")?.bool()?.sum().unwrap_or(0);
        if zeros > 0 {
            crate::messages::warning(format!("{}: {zeros} cells divide by zero and are left missing", d.name));
        }
        let mut out: Vec<Expr> = rows.iter().map(|c| col(c.as_str())).collect();
        out.push(lit(d.name.clone()).alias(INDICATOR));
        out.push(col(VALUE));
        out.push(unit.map_or(lit(NULL).cast(DataType::String), lit).alias(UNIT));
        out.push(when(estimate).then(lit("estimate")).otherwise(lit(NULL).cast(DataType::String)).alias(FLAG));
        Ok(computed.lazy().select(out).collect()?)
    }
}

/// The unit a derived indicator has when none is given: `%` for a share, `index` for a
/// rebased series, and `%` for `per(x, y, 100)` of two indicators in the same unit (a ratio of
/// like with like, so a rate: its change is then told in points).
fn guessed_unit(expr: &Node, long: &DataFrame) -> Option<String> {
    let unit_of = |name: &str| -> Option<String> {
        let units = long
            .clone()
            .lazy()
            .filter(col(INDICATOR).eq(lit(name.to_string())))
            .select([col(UNIT).drop_nulls().first()])
            .collect()
            .ok()?;
        units.column(UNIT).ok()?.str().ok()?.get(0).map(str::to_string)
    };
    match expr {
        Node::Call(f, _, _) if f == "share" => Some("%".into()),
        Node::Call(f, _, _) if f == "rebase" => Some("index".into()),
        Node::Call(f, args, _) if f == "per" => match (&args[0], &args[1], &args[2]) {
            (Node::Name(x, _), Node::Name(y, _), Node::Number(k)) if *k == 100.0 && long.column(UNIT).is_ok() => {
                let (ux, uy) = (unit_of(x), unit_of(y));
                (ux.is_some() && ux == uy).then(|| "%".to_string())
            }
            _ => None,
        },
        _ => None,
    }
}

/// What an expression is evaluated against.
struct Context<'a> {
    used: &'a [String],
    series: &'a [Expr],
    rows: &'a [String],
    aggregates: bool,
}

impl Context<'_> {
    fn expr(&self, node: &Node, divisors: &mut Vec<Expr>) -> Result<Expr, ChisoError> {
        let divide = |a: Expr, b: Expr, divisors: &mut Vec<Expr>| {
            divisors.push(b.clone());
            when(b.clone().eq(lit(0.0))).then(lit(NULL).cast(DataType::Float64)).otherwise(a / b)
        };
        Ok(match node {
            Node::Number(x) => lit(*x),
            Node::Name(name, _) => {
                let j = self.used.iter().position(|u| fold(u) == fold(name)).unwrap_or(0);
                col(format!("_v{j}")).cast(DataType::Float64)
            }
            Node::Neg(inner) => lit(0.0) - self.expr(inner, divisors)?,
            Node::Binary(op, a, b) => {
                let (a, b) = (self.expr(a, divisors)?, self.expr(b, divisors)?);
                match op {
                    '+' => a + b,
                    '-' => a - b,
                    '*' => a * b,
                    _ => divide(a, b, divisors),
                }
            }
            Node::Call(f, args, _) => {
                let arg = |i: usize, divisors: &mut Vec<Expr>| self.expr(&args[i], divisors);
                let year = |i: usize| match &args[i] {
                    Node::Number(y) => Ok(*y),
                    _ => Err(ChisoError::Usage(format!("{f}: the base year is a number, such as 2015"))),
                };
                match f.as_str() {
                    "per" => {
                        let (x, y, k) = (arg(0, divisors)?, arg(1, divisors)?, arg(2, divisors)?);
                        divide(x, y, divisors) * k
                    }
                    "share" => {
                        let x = arg(0, divisors)?;
                        // The total of the period over the areas that are not aggregates.
                        let counted = if self.aggregates {
                            when(col(LEVEL).eq(lit(crate::input::layout::AGGREGATE)).fill_null(lit(false)))
                                .then(lit(NULL).cast(DataType::Float64))
                                .otherwise(x.clone())
                        } else {
                            x.clone()
                        };
                        let mut period: Vec<Expr> = self
                            .rows
                            .iter()
                            .filter(|c| c.as_str() != AREA && c.as_str() != LEVEL)
                            .map(|c| col(c.as_str()))
                            .collect();
                        if period.is_empty() {
                            period.push(lit(0));
                        }
                        let total = counted.sum().over(period)?;
                        divide(x, total, divisors) * lit(100.0)
                    }
                    "rebase" => {
                        let (x, base) = (arg(0, divisors)?, year(1)?);
                        let at_base = x
                            .clone()
                            .filter(col(YEAR).cast(DataType::Float64).eq(lit(base)))
                            .first()
                            .over(self.series)?;
                        divide(x, at_base, divisors) * lit(100.0)
                    }
                    "real" => {
                        let (x, deflator, base) = (arg(0, divisors)?, arg(1, divisors)?, year(2)?);
                        let at_base = deflator
                            .clone()
                            .filter(col(YEAR).cast(DataType::Float64).eq(lit(base)))
                            .first()
                            .over(self.series)?;
                        divide(x, deflator, divisors) * at_base
                    }
                    "lag" => self.lag(arg(0, divisors)?)?,
                    _ => {
                        let x = arg(0, divisors)?;
                        x.clone() - self.lag(x)?
                    }
                }
            }
        })
    }

    /// The value of the same period a year before (1, 4 or 12 rows back in the series, by its
    /// frequency), missing when that period is not the row before it: no gap is bridged.
    fn lag(&self, x: Expr) -> Result<Expr, ChisoError> {
        let back = |n: i64| -> Result<Expr, ChisoError> {
            let same = col(YEAR)
                .shift(lit(n))
                .over(self.series)?
                .eq(col(YEAR) - lit(1))
                .and(col(SUB).shift(lit(n)).over(self.series)?.eq(col(SUB)));
            Ok(when(same).then(x.clone().shift(lit(n)).over(self.series)?).otherwise(lit(NULL).cast(DataType::Float64)))
        };
        Ok(when(col(FREQ).eq(lit("Q"))).then(back(4)?).when(col(FREQ).eq(lit("M"))).then(back(12)?).otherwise(back(1)?))
    }
}
