//! PNG from the chart's SVG. resvg lays the text out with the embedded fonts only (no system
//! fonts): each glyph sits on its baseline, the PNG shows exactly what the SVG does, and the
//! bytes are the same on every machine.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::draw::{FONT, FONT_BOLD};

/// The family the embedded fonts answer to; any other family in the SVG falls back to it.
const FAMILY: &str = "DejaVu Sans";

/// CSS pixels per inch: a PNG at scale 1 prints at the size the SVG shows.
const CSS_DPI: f32 = 96.0;

fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(FONT.to_vec());
            db.load_font_data(FONT_BOLD.to_vec());
            db.set_sans_serif_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// The SVG rasterised at `scale` (2 = twice the pixels each way) on white, as PNG bytes that
/// record their resolution (96 dpi × scale), so the image prints at the size of the SVG.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let pixmap = pixels(svg, scale)?;
    // Opaque on white: the premultiplied pixels are the plain colours; alpha is dropped.
    let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    encode(&rgb, pixmap.width(), pixmap.height(), CSS_DPI * scale)
}

/// The SVG drawn on white at `scale`.
fn pixels(svg: &str, scale: f32) -> Result<tiny_skia::Pixmap, String> {
    let options = usvg::Options { font_family: FAMILY.to_string(), fontdb: fonts(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or("the scaled image is too large")?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the scaled image is too large")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// RGB pixels as PNG with a pHYs chunk of `dpi`.
pub fn encode(rgb: &[u8], width: u32, height: u32, dpi: f32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let per_metre = (dpi / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs of columns with ink, left to right, each with its lowest inked row.
    fn glyph_bottoms(svg: &str) -> Vec<u32> {
        let pixmap = pixels(svg, 1.0).unwrap();
        let inked = |x: u32, y: u32| pixmap.pixel(x, y).is_some_and(|p| p.red() < 128);
        let mut bottoms = Vec::new();
        let mut run: Option<u32> = None;
        for x in 0..pixmap.width() {
            let lowest = (0..pixmap.height()).rev().find(|y| inked(x, *y));
            match (lowest, run) {
                (Some(y), Some(b)) => run = Some(b.max(y)),
                (Some(y), None) => run = Some(y),
                (None, Some(b)) => {
                    bottoms.push(b);
                    run = None;
                }
                (None, None) => {}
            }
        }
        bottoms.extend(run);
        bottoms
    }

    /// The decimal mark sits on the baseline of the digits beside it, in both number formats
    /// (plotters' own bitmap text put it at mid-height: `84·0`).
    #[test]
    fn decimal_marks_sit_on_the_baseline() {
        // As plotters writes chart text: anchored left, centred vertically by `dy`.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80">
            <text x="10" y="40" dy="0.5ex" text-anchor="start" font-family="DejaVu Sans, Noto Sans, Arial, Helvetica, sans-serif" font-size="32" fill="#282828">84.0 · 1.234,5</text>
            </svg>"##;
        let bottoms = glyph_bottoms(svg);
        // 8 4 . 0 · 1 . 2 3 4 , 5
        assert_eq!(bottoms.len(), 12, "{bottoms:?}");
        let (four, point, one, point2, four2) = (bottoms[1], bottoms[2], bottoms[5], bottoms[6], bottoms[9]);
        assert!(point.abs_diff(four) <= 1, "the point ends at row {point}, the 4 at {four}");
        assert!(point2.abs_diff(one) <= 1 && point2.abs_diff(four2) <= 1, "{bottoms:?}");
        // The middle dot is a middle dot, well above the baseline.
        assert!(bottoms[4] + 5 < four, "{bottoms:?}");
    }

    #[test]
    fn png_records_its_resolution() {
        let png = encode(&[255; 12], 2, 2, 192.0).unwrap();
        let per_metre = (192.0f32 / 0.0254).round() as u32;
        let phys = png.windows(4).position(|w| w == b"pHYs").expect("a pHYs chunk");
        assert_eq!(u32::from_be_bytes(png[phys + 4..phys + 8].try_into().unwrap()), per_metre);
    }
}
