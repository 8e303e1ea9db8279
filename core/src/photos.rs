//! The one way a photo gets in (item, wish and case photos alike): decoded with explicit
//! limits (bytes, dimensions, memory) before anything is resized, turned upright by its EXIF
//! orientation, and stored as a fresh JPEG of pixels only — so no EXIF (GPS position, phone
//! model, time), ICC profile or comment of the original is ever kept. What does not decode
//! as a whole JPEG or PNG is refused. And the one way a stored photo's file name is turned
//! into a path (names read from a database, e.g. a restored one, are never trusted).

use crate::error::{AppError, Result};
use image::{DynamicImage, ImageDecoder, ImageFormat};
use std::path::{Path, PathBuf};

/// Largest encoded photo accepted (a phone photo is a few MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Longest side accepted before resizing (a 48-megapixel phone photo is 8000 × 6000).
pub const MAX_SIDE_IN: u32 = 10_000;
/// Memory the decoder may use (an 8000 × 6000 RGB photo needs 144 MB).
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// Decodes a JPEG or PNG within the limits, upright.
pub fn decode(bytes: &[u8], field: &str) -> Result<DynamicImage> {
    if bytes.len() > MAX_BYTES {
        return Err(AppError::validation(field, format!("照片不能超过 {} MB", MAX_BYTES / 1024 / 1024)));
    }
    let format = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else {
        return Err(AppError::validation(field, "照片格式无法识别，请选择 JPG 或 PNG 图片"));
    };
    // A JPEG cut short still "decodes" (the rest comes out grey): its end-of-image marker must
    // follow the last start-of-scan (FF D9 cannot occur inside the scan data, where FF is
    // always followed by 00 or a restart marker).
    if format == ImageFormat::Jpeg {
        let scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]).unwrap_or(0);
        if !bytes[scan..].windows(2).any(|w| w == [0xFF, 0xD9]) {
            return Err(AppError::validation(field, "照片文件已损坏或不完整，无法读取"));
        }
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE_IN);
    limits.max_image_height = Some(MAX_SIDE_IN);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits);
    let too_large =
        || AppError::validation(field, format!("照片尺寸太大（长边不能超过 {MAX_SIDE_IN} 像素），请缩小后再上传"));
    let refused = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => too_large(),
        _ => AppError::validation(field, "照片文件已损坏或不完整，无法读取"),
    };
    let mut decoder = reader.into_decoder().map_err(refused)?;
    let (w, h) = decoder.dimensions();
    if w > MAX_SIDE_IN || h > MAX_SIDE_IN {
        return Err(too_large());
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(refused)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// The photo as the JPEG to store: at most `max_side` on its longest side, pixels only.
pub fn to_jpeg(image: &DynamicImage, max_side: u32) -> Result<Vec<u8>> {
    let small;
    let image = if image.width() > max_side || image.height() > max_side {
        small = image.resize(max_side, max_side, image::imageops::FilterType::Triangle);
        &small
    } else {
        image
    };
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
    image.to_rgb8().write_with_encoder(encoder).map_err(|e| AppError::internal(format!("照片保存失败：{e}")))?;
    Ok(out)
}

/// Decode within the limits and re-encode: what every stored photo goes through.
pub fn clean_jpeg(bytes: &[u8], field: &str, max_side: u32) -> Result<Vec<u8>> {
    to_jpeg(&decode(bytes, field)?, max_side)
}

/// A stored photo's name as the app writes them (`item-3-20261125090000.jpg`,
/// `wish-12-….jpg`): letters, digits, `-`, `_` and one `.`, no path. Anything else (`../`,
/// `/etc/passwd`, `C:\`, a NUL) is refused.
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && name.matches('.').count() <= 1
}

/// `dir/name` for a name that passes [`is_safe_name`]; None otherwise.
pub fn path_in(dir: &Path, name: &str) -> Option<PathBuf> {
    is_safe_name(name).then(|| dir.join(name))
}

/// The photo folders under a data folder, by the name a backup stores them under.
pub const FOLDERS: [&str; 2] = ["items", "wishes"];

/// `<data folder>/photos/<folder>`.
pub fn folder(data_dir: &Path, folder: &str) -> PathBuf {
    data_dir.join("photos").join(folder)
}

#[cfg(test)]
mod tests;
