//! 晒单 photos: kept as JPEG files in `<data folder>/photos/wishes/`, resized on the way in,
//! and handed to the UI as data URLs (the app never loads a remote URL).

use crate::db::Station;
use crate::error::{AppError, Result};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Longest side after resizing: sharp on a 1080p kiosk, ~150 kB on disk.
pub const MAX_SIDE: u32 = 1280;
/// What the UI may send (a phone photo of a few MB, base64-encoded).
const MAX_UPLOAD_BYTES: usize = 15 * 1024 * 1024;

pub fn file_name(wish_id: i64, at: DateTime<Utc>) -> String {
    format!("wish-{wish_id}-{}.jpg", at.format("%Y%m%d%H%M%S"))
}

/// Decodes a base64 or data-URL image, resizes it and writes it as `name`.
pub fn save(dir: Option<&Path>, name: &str, data: &str) -> Result<()> {
    let dir = dir.ok_or_else(|| AppError::validation("photo", "没有数据文件夹，无法保存照片"))?;
    let payload = data.trim();
    let payload = payload.split_once("base64,").map_or(payload, |(_, b)| b);
    if payload.len() > MAX_UPLOAD_BYTES * 4 / 3 + 4 {
        return Err(AppError::validation("photo", "照片太大（不能超过 15 MB）"));
    }
    let bytes = base64_decode(payload).ok_or_else(|| AppError::validation("photo", "照片数据无法读取"))?;
    let jpeg = crate::photos::clean_jpeg(&bytes, "photo", MAX_SIDE)?;
    let path = crate::photos::path_in(dir, name).ok_or_else(|| AppError::internal("照片文件名不合规"))?;
    std::fs::create_dir_all(dir)?;
    std::fs::write(path, jpeg)?;
    Ok(())
}

/// The stored photo as a data URL; None when the file is gone.
pub fn load(dir: Option<&Path>, name: &str) -> Result<Option<String>> {
    let Some(dir) = dir else { return Ok(None) };
    // Names come from a table, which may be a restored backup's: never let one leave the folder.
    let Some(path) = crate::photos::path_in(dir, name) else { return Ok(None) };
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(format!("data:image/jpeg;base64,{}", base64_encode(&bytes)))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

impl Station {
    /// `<folder of the database file>/photos/wishes`; None for an in-memory station.
    pub(crate) fn photo_dir(&self) -> Option<PathBuf> {
        self.path().and_then(Path::parent).map(|d| d.join("photos").join("wishes"))
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = sextet(c)?;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn sextet(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}
