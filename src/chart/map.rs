//! Boundaries for `chiso chart map`: the bundled Viet Nam province sets or any GeoJSON file, each
//! shape with the names and code it is known by; which series is drawn in which shape; and the
//! classes values are coloured by.

use std::path::PathBuf;

use serde_json::Value;

use super::{ChartData, Series};
use crate::error::ChisoError;
use crate::names;

/// Which boundaries a map is drawn on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Boundaries {
    /// Viet Nam's 63 provinces, 2008 – 30 June 2025.
    Vn2008,
    /// Viet Nam's 34 provinces from 1 July 2025.
    Vn2025,
    /// A GeoJSON file of polygons with a name or code property.
    File(PathBuf),
}

impl Boundaries {
    /// `vn-2008`, `vn-2025`, or a path to a `.geojson` / `.json` file.
    pub fn parse(text: &str) -> Result<Boundaries, String> {
        match text {
            "vn-2008" | "vn-63" => Ok(Boundaries::Vn2008),
            "vn-2025" | "vn-34" => Ok(Boundaries::Vn2025),
            path if path.ends_with(".geojson") || path.ends_with(".json") => Ok(Boundaries::File(path.into())),
            other => Err(format!("'{other}' is not vn-2008, vn-2025 or a .geojson file")),
        }
    }
}

const VN_2008: &str = include_str!("../../datasets/geo/vn_provinces_63.geojson");
const VN_2025: &str = include_str!("../../datasets/geo/vn_provinces_34.geojson");
const GEOBOUNDARIES: &str = "geoBoundaries gbOpen VNM ADM1, CC BY 4.0";

/// One area's outline: its polygons (outer rings of longitude, latitude), the names it answers
/// to (folded) and its code.
#[derive(Debug, Clone)]
pub struct Shape {
    pub name: String,
    pub code: Option<String>,
    /// Keys of the name properties, and of the other text properties (tried after them).
    keys: Vec<String>,
    other_keys: Vec<String>,
    pub rings: Vec<Vec<(f64, f64)>>,
}

/// A set of boundaries, with the attribution its footer carries.
#[derive(Debug, Clone)]
pub struct Shapes {
    pub shapes: Vec<Shape>,
    pub attribution: String,
    /// Codes are the GSO codes of the areas file (the bundled 2008 set only: new 2025 codes
    /// reuse old codes of other provinces).
    codes_are_gso: bool,
}

impl Shapes {
    pub fn load(boundaries: &Boundaries) -> Result<Shapes, ChisoError> {
        match boundaries {
            // Parsed once per run: a report asks for them on every indicator.
            Boundaries::Vn2008 => {
                static SET: std::sync::OnceLock<Result<Shapes, String>> = std::sync::OnceLock::new();
                bundled(&SET, || Shapes::parse(VN_2008, "vn-2008", GEOBOUNDARIES.into(), true))
            }
            Boundaries::Vn2025 => {
                static SET: std::sync::OnceLock<Result<Shapes, String>> = std::sync::OnceLock::new();
                bundled(&SET, || Shapes::parse(VN_2025, "vn-2025", format!("{GEOBOUNDARIES}, merged to 2025"), false))
            }
            Boundaries::File(path) => {
                let text =
                    std::fs::read_to_string(path).map_err(|source| ChisoError::Read { path: path.clone(), source })?;
                let name = crate::input::file_name(&path.display().to_string());
                Shapes::parse(&text, &path.display().to_string(), name, false)
            }
        }
    }

    /// The features of a GeoJSON FeatureCollection that are polygons.
    fn parse(text: &str, file: &str, attribution: String, codes_are_gso: bool) -> Result<Shapes, ChisoError> {
        let bad = |message: String| ChisoError::BadMeta { file: file.to_string(), message };
        let json: Value = serde_json::from_str(text).map_err(|e| bad(format!("not GeoJSON: {e}")))?;
        let features =
            json["features"].as_array().ok_or_else(|| bad("no \"features\" list (a FeatureCollection)".into()))?;
        let mut shapes = Vec::new();
        for feature in features {
            let geometry = &feature["geometry"];
            let polygons: Vec<&Value> = match geometry["type"].as_str() {
                Some("Polygon") => vec![&geometry["coordinates"]],
                Some("MultiPolygon") => {
                    geometry["coordinates"].as_array().map(|p| p.iter().collect()).unwrap_or_default()
                }
                _ => continue,
            };
            // Outer rings only: the enclosed area's own shape is drawn over the hole.
            let rings: Vec<Vec<(f64, f64)>> = polygons
                .iter()
                .filter_map(|p| p.get(0)?.as_array())
                .map(|ring| ring.iter().filter_map(|pt| Some((pt.get(0)?.as_f64()?, pt.get(1)?.as_f64()?))).collect())
                .filter(|ring: &Vec<(f64, f64)>| ring.len() >= 3)
                .collect();
            let properties = feature["properties"].as_object();
            let text = |v: &Value| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            let code = properties.and_then(|p| p.get("code").and_then(text));
            // Name properties (`name`, `name_vi`, `NAME_1`, `shapeName`, `admin`) first: another
            // text property (a continent, a sovereign state) may name a different place.
            let named = |k: &str| {
                let k = k.to_lowercase();
                k.contains("name") || k == "admin" || k == "nom" || k == "ten"
            };
            let values = |name_like: bool| -> Vec<String> {
                properties
                    .map(|p| {
                        p.iter()
                            .filter(|(k, _)| k.as_str() != "code" && named(k) == name_like)
                            .filter_map(|(_, v)| text(v))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (names, others) = (values(true), values(false));
            let Some(name) = names.first().or(others.first()).cloned().or(code.clone()) else { continue };
            if rings.is_empty() {
                continue;
            }
            let key = |list: &[String]| list.iter().map(|n| names::place_key(n)).filter(|k| !k.is_empty()).collect();
            shapes.push(Shape { name, code, keys: key(&names), other_keys: key(&others), rings });
        }
        if shapes.is_empty() {
            return Err(bad("no polygon with a name or code property".into()));
        }
        Ok(Shapes { shapes, attribution, codes_are_gso })
    }

    /// The shape each series is drawn in, if any: by its GSO code for the 2008 set, else by any of
    /// its names (case, diacritics and `Tỉnh` / `Thành phố` / `City` ignored).
    pub fn matches(&self, data: &ChartData) -> Vec<Option<usize>> {
        data.series.iter().map(|s| self.find(s)).collect()
    }

    fn find(&self, series: &Series) -> Option<usize> {
        if self.codes_are_gso {
            if let Some(code) = &series.code {
                let code = format!("{:0>2}", code.trim());
                if let Some(i) = self.shapes.iter().position(|s| s.code.as_deref() == Some(code.as_str())) {
                    return Some(i);
                }
            }
        }
        let wanted: Vec<String> =
            std::iter::once(&series.area).chain(&series.also).map(|n| names::place_key(n)).collect();
        let find =
            |keys: fn(&Shape) -> &[String]| self.shapes.iter().position(|s| keys(s).iter().any(|k| wanted.contains(k)));
        find(|s| &s.keys).or_else(|| find(|s| &s.other_keys))
    }
}

/// Series matched, then shapes without a series (negative).
type Score = (usize, isize);

/// The bundled set the most series match, and which shape each matches.
pub fn choose(data: &ChartData, wanted: Option<&Boundaries>) -> Result<(Shapes, Vec<Option<usize>>), ChisoError> {
    let candidates = match wanted {
        Some(b) => vec![b.clone()],
        None => vec![Boundaries::Vn2008, Boundaries::Vn2025],
    };
    // Most areas matched; on a tie, fewest shapes left without an area (34 provinces named as in
    // 2025 match 33 of the 63 older shapes too).
    let mut best: Option<(Shapes, Vec<Option<usize>>, Score)> = None;
    for b in candidates {
        let shapes = Shapes::load(&b)?;
        let matched = shapes.matches(data);
        let n = matched.iter().flatten().count();
        let mut used: Vec<&usize> = matched.iter().flatten().collect();
        used.sort();
        used.dedup();
        let score = (n, used.len() as isize - shapes.shapes.len() as isize);
        if best.as_ref().is_none_or(|(_, _, m)| score > *m) {
            best = Some((shapes, matched, score));
        }
    }
    match best {
        Some((shapes, matched, (n, _))) if n > 0 => Ok((shapes, matched)),
        _ => Err(ChisoError::Data(
            "no area of the data matches a shape of the boundaries: a map needs provinces (with --areas for \
             other spellings), or --boundaries FILE.geojson with the areas' names"
                .into(),
        )),
    }
}

/// A bundled set, parsed the first time it is asked for.
fn bundled(
    set: &'static std::sync::OnceLock<Result<Shapes, String>>,
    parse: impl FnOnce() -> Result<Shapes, ChisoError>,
) -> Result<Shapes, ChisoError> {
    set.get_or_init(|| parse().map_err(|e| e.to_string())).clone().map_err(ChisoError::Bug)
}

/// Whether the areas are provinces a bundled map has: five or more, and four in five of those
/// with a value match a shape (what the report asks before adding a map).
pub fn fits(data: &ChartData) -> bool {
    let Ok((_, matched)) = choose(data, None) else { return false };
    let with_values: Vec<bool> = data
        .series
        .iter()
        .zip(&matched)
        .filter(|(s, _)| s.points.iter().any(|p| p.value.is_some()))
        .map(|(_, m)| m.is_some())
        .collect();
    let found = with_values.iter().filter(|m| **m).count();
    found >= 5 && found * 5 >= with_values.len() * 4
}

/// Class breaks: `classes` quantile classes of `values` (fewer when values repeat), or `breaks`
/// as given. A value `v` is in class `i` when `breaks[i-1] <= v < breaks[i]`.
pub fn breaks(values: &[f64], classes: usize, given: Option<&[f64]>) -> Vec<f64> {
    if let Some(b) = given {
        let mut b = b.to_vec();
        b.sort_by(f64::total_cmp);
        b.dedup();
        return b;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 || classes < 2 {
        return Vec::new();
    }
    let mut out: Vec<f64> = (1..classes).map(|i| sorted[(i * n / classes).min(n - 1)]).collect();
    out.dedup();
    // A break at the smallest value makes an empty first class.
    out.retain(|b| *b > sorted[0]);
    out
}

/// The class of `v` among `breaks`.
pub fn class_of(v: f64, breaks: &[f64]) -> usize {
    breaks.iter().take_while(|b| v >= **b).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_sets_load() {
        let old = Shapes::load(&Boundaries::Vn2008).unwrap();
        assert_eq!(old.shapes.len(), 63);
        let new = Shapes::load(&Boundaries::Vn2025).unwrap();
        assert_eq!(new.shapes.len(), 34);
    }

    /// A name property wins over another text property naming the same place (Natural Earth's
    /// French Guiana has `sovereignt: France`, listed before France itself).
    #[test]
    fn names_before_other_properties() {
        let square = |props: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{{props}}},"geometry":{{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}}}"#
            )
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
            square(r#""sovereignt":"France","name":"Guyane""#),
            square(r#""sovereignt":"France","name":"France""#)
        );
        let shapes = Shapes::parse(&text, "t.geojson", String::new(), false).unwrap();
        let series = |area: &str| Series {
            area: area.into(),
            points: Vec::new(),
            highlighted: false,
            also: Vec::new(),
            code: None,
        };
        assert_eq!(shapes.find(&series("France")), Some(1));
        assert_eq!(shapes.find(&series("Guyane")), Some(0));
    }

    #[test]
    fn names_match_whatever_the_spelling() {
        assert_eq!(names::place_key("Tỉnh Lạng Sơn"), names::place_key("Lang Son"));
        assert_eq!(names::place_key("Thành phố Hồ Chí Minh"), names::place_key("Ho Chi Minh City"));
        assert_eq!(names::place_key("TP HCM"), "hcm");
        assert_eq!(names::place_key("Tinh"), "tinh");
    }

    #[test]
    fn quantile_breaks_and_classes() {
        let values: Vec<f64> = (1..=10).map(f64::from).collect();
        let b = breaks(&values, 5, None);
        assert_eq!(b, vec![3.0, 5.0, 7.0, 9.0]);
        assert_eq!(class_of(1.0, &b), 0);
        assert_eq!(class_of(3.0, &b), 1);
        assert_eq!(class_of(10.0, &b), 4);
        // Repeated values give fewer classes, never an empty one.
        assert_eq!(breaks(&[1.0, 1.0, 1.0, 2.0], 5, None), vec![2.0]);
        assert_eq!(breaks(&[], 5, Some(&[60.0, 50.0, 55.0])), vec![50.0, 55.0, 60.0]);
    }
}
