//! Progress toward a target year: is the series on track to reach its target by then?
//!
//! Two published methods, both from the base value `v0` (year `t0`), the latest value `v`
//! (year `t`) and the target `x` for year `T`; `d` is +1 when higher is better, −1 when lower is.
//!
//! * **cagr-ratio** (Open SDG, Statistics Canada, after Eurostat): observed growth
//!   `g_obs = (v/v0)^(1/(t−t0)) − 1`, required growth `g_req = (x/v0)^(1/(T−t0)) − 1`, ratio
//!   `R = s·d·g_obs / |g_req|` (`s` = −1 when `v0 < 0`). `on track` R ≥ 0.95, `moderate`
//!   0.6 ≤ R < 0.95, `limited` 0 ≤ R < 0.6, `deteriorating` R < 0. Without a target, `s·d·g_obs`
//!   against 1.5 %, 0.5 % and 0: `substantial`, `moderate`, `limited`, `deteriorating`.
//! * **projection** (UNSD progress chart): `v̂ = v·(1+g_obs)^(T−t)`, `r = (v̂ − v0)/(x − v0)`;
//!   `on track` r ≥ 0.95, `moderate` 0.5–0.95, `marginal` 0.1–0.5, `stagnant` −0.1–0.1,
//!   `regressing` < −0.1.
//!
//! A rate (unit %) grows linearly in percentage points, not compound: `g_obs = (v−v0)/(t−t0)`
//! and `g_req = (x−v0)/(T−t0)` points a year, `v̂ = v + g_obs·(T−t)`. A value at or past the
//! target is `achieved` under both methods. What cannot be computed says why in `note`.

/// Which method judges progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    #[default]
    CagrRatio,
    Projection,
}

/// One series' figures, years as numbers (a quarter is a quarter of a year).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Series {
    pub base_year: f64,
    pub base: f64,
    pub latest_year: f64,
    pub latest: f64,
    /// The target and its year, when there is one.
    pub target: Option<(f64, f64)>,
    /// +1 when higher is better, −1 when lower is.
    pub direction: f64,
    /// The series is a rate: growth in points a year, not compound.
    pub rate: bool,
}

/// The judgement of one series.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    /// Observed growth a year: a fraction (0.05 = 5 %) or, for a rate, points.
    pub observed: Option<f64>,
    /// Growth a year needed to reach the target by its year.
    pub required: Option<f64>,
    /// `R` (cagr-ratio) or `r` (projection).
    pub ratio: Option<f64>,
    /// The value projected for the target year at the observed growth.
    pub projected: Option<f64>,
    pub status: &'static str,
    pub note: Option<String>,
}

pub const ACHIEVED: &str = "achieved";
pub const NOT_ACHIEVED: &str = "not achieved";
pub const NOT_COMPUTABLE: &str = "not computable";

/// Judges the progress of one series by `method`.
pub fn assess(s: &Series, method: Method) -> Progress {
    let Series { base_year, base, latest_year, latest, target, direction: d, rate } = *s;
    let fail = |note: String| Progress { status: NOT_COMPUTABLE, note: Some(note), ..Default::default() };
    if latest_year <= base_year {
        return fail("one value only: progress needs a base and a later value".into());
    }
    let years = latest_year - base_year;
    // Observed growth a year: points for a rate, compound otherwise.
    let observed = if rate {
        (latest - base) / years
    } else if base == 0.0 {
        return fail("the base value is 0: compound growth from it is undefined".into());
    } else if latest / base <= 0.0 {
        return fail("the latest value is 0 or of the other sign than the base: compound growth is undefined".into());
    } else {
        (latest / base).powf(1.0 / years) - 1.0
    };
    let s_sign = if base < 0.0 { -1.0 } else { 1.0 };
    let grow = |from: f64, years: f64| if rate { from + observed * years } else { from * (1.0 + observed).powf(years) };
    let mut out = Progress { observed: Some(observed), ..Default::default() };
    let Some((x, target_year)) = target else {
        if method == Method::Projection {
            return Progress { note: Some("projection needs a target".into()), status: NOT_COMPUTABLE, ..out };
        }
        // Without a target: the observed growth in the better direction (for a rate, its points a
        // year as a share of the base) against 1.5 %, 0.5 % and 0 a year.
        if rate && base == 0.0 {
            return fail("no target and a base of 0: the growth of a rate cannot be told as a share".into());
        }
        let g = s_sign * d * if rate { observed / base.abs() } else { observed };
        out.ratio = Some(g);
        out.status = match g {
            g if g >= 0.015 => "substantial",
            g if g >= 0.005 => "moderate",
            g if g >= 0.0 => "limited",
            _ => "deteriorating",
        };
        out.note = Some("no target: growth toward the better side against 1.5 %, 0.5 % and 0 a year".into());
        return out;
    };
    out.projected = Some(grow(latest, target_year - latest_year));
    if (latest - x) * d >= 0.0 {
        out.status = ACHIEVED;
        return out;
    }
    if target_year <= latest_year {
        out.status = NOT_ACHIEVED;
        out.projected = None;
        out.note = Some(format!("the target year {target_year} is past and the target was not reached"));
        return out;
    }
    if x == base {
        out.status = NOT_COMPUTABLE;
        out.note = Some("the target equals the base value: no growth is required to reach it".into());
        return out;
    }
    match method {
        Method::CagrRatio => {
            let required = if rate {
                (x - base) / (target_year - base_year)
            } else if x / base <= 0.0 {
                out.status = NOT_COMPUTABLE;
                out.note =
                    Some("the target is 0 or of the other sign than the base: compound growth is undefined".into());
                return out;
            } else {
                (x / base).powf(1.0 / (target_year - base_year)) - 1.0
            };
            let r = s_sign * d * observed / required.abs();
            out.required = Some(required);
            out.ratio = Some(r);
            out.status = match r {
                r if r >= 0.95 => "on track",
                r if r >= 0.6 => "moderate",
                r if r >= 0.0 => "limited",
                _ => "deteriorating",
            };
        }
        Method::Projection => {
            let projected = grow(latest, target_year - latest_year);
            let r = (projected - base) / (x - base);
            out.ratio = Some(r);
            out.status = match r {
                r if r >= 0.95 => "on track",
                r if r >= 0.5 => "moderate",
                r if r >= 0.1 => "marginal",
                r if r >= -0.1 => "stagnant",
                _ => "regressing",
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn series(base: f64, latest: f64, target: Option<(f64, f64)>) -> Series {
        Series { base_year: 2015.0, base, latest_year: 2020.0, latest, target, direction: 1.0, rate: false }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    // Worked examples, recomputed by hand: base 100 in 2015, latest in 2020, target in 2030.
    #[test]
    fn cagr_ratio_branches() {
        // 100 → 150 by 2030 needs (1.5)^(1/15) − 1 = 2.7399 % a year.
        let g_req = 1.5f64.powf(1.0 / 15.0) - 1.0;
        // On track: 100 → 115 in 5 years is (1.15)^(1/5) − 1 = 2.8346 % a year, R = 1.0346.
        let p = assess(&series(100.0, 115.0, Some((150.0, 2030.0))), Method::CagrRatio);
        let g = 1.15f64.powf(0.2) - 1.0;
        assert!(close(p.observed, g) && close(p.required, g_req) && close(p.ratio, g / g_req));
        assert_eq!(p.status, "on track");
        // Moderate: 100 → 110, g = 1.9245 %, R = 0.7024.
        let p = assess(&series(100.0, 110.0, Some((150.0, 2030.0))), Method::CagrRatio);
        assert!(close(p.ratio, (1.1f64.powf(0.2) - 1.0) / g_req));
        assert_eq!(p.status, "moderate");
        // Limited: 100 → 103, R = 0.2165.
        let p = assess(&series(100.0, 103.0, Some((150.0, 2030.0))), Method::CagrRatio);
        assert!(close(p.ratio, (1.03f64.powf(0.2) - 1.0) / g_req));
        assert_eq!(p.status, "limited");
        // Deteriorating: 100 → 95.
        let p = assess(&series(100.0, 95.0, Some((150.0, 2030.0))), Method::CagrRatio);
        assert!(p.ratio.unwrap() < 0.0);
        assert_eq!(p.status, "deteriorating");
        // Achieved: the latest value is past the target.
        assert_eq!(assess(&series(100.0, 160.0, Some((150.0, 2030.0))), Method::CagrRatio).status, ACHIEVED);
    }

    #[test]
    fn lower_is_better_and_negative_base() {
        // Poverty 20 % → 16 % (rate), target 10 % by 2030: 0.8 points a year down, 0.6667 needed.
        let s = Series {
            base_year: 2015.0,
            base: 20.0,
            latest_year: 2020.0,
            latest: 16.0,
            target: Some((10.0, 2030.0)),
            direction: -1.0,
            rate: true,
        };
        let p = assess(&s, Method::CagrRatio);
        assert!(close(p.observed, -0.8) && close(p.required, -10.0 / 15.0));
        assert!(close(p.ratio, 0.8 / (10.0 / 15.0)));
        assert_eq!(p.status, "on track");
        // Projection of a rate is linear: 16 − 0.8 × 10 = 8, r = (8 − 20)/(10 − 20) = 1.2.
        let p = assess(&s, Method::Projection);
        assert!(close(p.projected, 8.0) && close(p.ratio, 1.2));
        assert_eq!(p.status, "on track");
        // A balance from −100 to −50 (both negative, higher is better): (0.5)^(1/5) − 1 < 0,
        // s = −1 turns it into progress.
        let p = assess(&series(-100.0, -50.0, None), Method::CagrRatio);
        assert!(p.ratio.unwrap() > 0.0);
        assert_eq!(p.status, "substantial");
    }

    #[test]
    fn without_a_target_and_edge_cases() {
        // 100 → 105: 0.9805 % a year: moderate (between 0.5 % and 1.5 %).
        let p = assess(&series(100.0, 105.0, None), Method::CagrRatio);
        assert!(close(p.ratio, 1.05f64.powf(0.2) - 1.0));
        assert_eq!(p.status, "moderate");
        assert_eq!(assess(&series(100.0, 105.0, None), Method::Projection).status, NOT_COMPUTABLE);
        // One value only, base 0, the other sign, target equal to base, target year past.
        let one = Series { latest_year: 2015.0, ..series(100.0, 100.0, None) };
        assert_eq!(assess(&one, Method::CagrRatio).status, NOT_COMPUTABLE);
        assert!(assess(&series(0.0, 5.0, None), Method::CagrRatio).note.unwrap().contains("base value is 0"));
        assert!(assess(&series(-5.0, 5.0, None), Method::CagrRatio).note.unwrap().contains("other sign"));
        let equal = assess(&series(100.0, 90.0, Some((100.0, 2030.0))), Method::CagrRatio);
        assert_eq!(equal.status, NOT_COMPUTABLE);
        let past = assess(&series(100.0, 110.0, Some((150.0, 2019.0))), Method::CagrRatio);
        assert_eq!(past.status, NOT_ACHIEVED);
        assert_eq!(assess(&series(100.0, 150.0, Some((150.0, 2019.0))), Method::CagrRatio).status, ACHIEVED);
    }

    #[test]
    fn projection_steps() {
        // 100 → 110 in 5 years, target 150 in 2030: v̂ = 110 × 1.1^(10/5) = 133.1, r = 33.1/50.
        let p = assess(&series(100.0, 110.0, Some((150.0, 2030.0))), Method::Projection);
        assert!(close(p.projected, 133.1) && close(p.ratio, 0.662));
        assert_eq!(p.status, "moderate");
        let p = assess(&series(100.0, 101.0, Some((150.0, 2030.0))), Method::Projection);
        assert_eq!(p.status, "stagnant"); // r = (101·1.01^2 − 100)/50 = 0.0604
        let p = assess(&series(100.0, 90.0, Some((150.0, 2030.0))), Method::Projection);
        assert_eq!(p.status, "regressing");
    }

    proptest! {
        /// Both methods agree on the sign of progress toward a target on the better side.
        #[test]
        fn methods_agree_on_the_sign(base in 1.0f64..1e6, growth in -0.3f64..0.3, years in 1u32..15,
                                     ahead in 1u32..20, want in 0.01f64..3.0, lower in any::<bool>(), rate in any::<bool>()) {
            let d = if lower { -1.0 } else { 1.0 };
            let latest = if rate { base + growth * 10.0 * f64::from(years) } else { base * (1.0 + growth).powi(years as i32) };
            prop_assume!(latest > 0.0);
            // The target lies on the better side of the base and beyond the latest value.
            let target = base * (1.0 + d * want);
            prop_assume!(target > 0.0 && (latest - target) * d < 0.0 && (target - base).abs() > 1e-9);
            let s = Series { base_year: 2000.0, base, latest_year: 2000.0 + f64::from(years), latest,
                             target: Some((target, 2000.0 + f64::from(years + ahead))), direction: d, rate };
            let a = assess(&s, Method::CagrRatio).ratio.unwrap();
            let b = assess(&s, Method::Projection).ratio.unwrap();
            prop_assume!(a.abs() > 1e-9 && b.abs() > 1e-9);
            prop_assert_eq!(a > 0.0, b > 0.0, "cagr-ratio {} against projection {}", a, b);
        }
    }
}
