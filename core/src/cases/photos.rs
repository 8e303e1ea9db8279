//! Photos of a case (the scene, evidence): checked to be JPEG or PNG, shrunk on the way in so
//! a phone photo does not weigh down the database, each one its own entry in the timeline.

use super::workflow::{begin, record};
use super::{CaseAction, CaseDetail, CasePhoto, CasePhotoInput};
use crate::actor::StaffActor;
use crate::db::Station;
use crate::error::{AppError, Result};
use crate::validate;
use image::ImageFormat;
use rusqlite::params;

/// Longest side kept: enough to read a sign or a crack on screen and in print.
const MAX_SIDE: u32 = 1600;

fn format_of(data: &[u8]) -> Option<ImageFormat> {
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else {
        None
    }
}

/// data:image/jpeg;base64,… (no crate for twenty lines).
fn data_url(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mime = if format_of(data) == Some(ImageFormat::Png) { "image/png" } else { "image/jpeg" };
    let mut out = String::with_capacity(data.len() * 4 / 3 + 40);
    out.push_str(&format!("data:{mime};base64,"));
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
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

impl Station {
    /// A photo joins the timeline as its own entry (allowed whenever a note is).
    pub fn case_photo_add(&mut self, actor: &StaffActor, input: &CasePhotoInput) -> Result<CaseDetail> {
        let name = validate::required_text("name", "文件名", &input.name, 100)?;
        format_of(&input.data).ok_or_else(|| AppError::validation("data", "只能上传 JPEG 或 PNG 照片"))?;
        // always re-encoded: the original's EXIF (GPS position) is never stored
        let data = crate::photos::clean_jpeg(&input.data, "data", MAX_SIDE)?;
        self.case_write(actor, input.case_id, |tx| {
            let f = begin(tx, input.case_id, CaseAction::Note)?;
            let transition = record(tx, &f, CaseAction::Note, f.status, f.level, &format!("添加照片：{name}"))?;
            tx.execute(
                "INSERT INTO case_photos (case_id, transition_id, name, data, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![f.id, transition, name, data, tx.now_str()],
            )?;
            Ok(())
        })
    }

    pub fn case_photos(&self, _actor: &StaffActor, case_id: i64) -> Result<Vec<CasePhoto>> {
        let mut stmt = self.conn().prepare("SELECT id, name, data FROM case_photos WHERE case_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([case_id], |r| {
            let data: Vec<u8> = r.get(2)?;
            Ok(CasePhoto { id: r.get(0)?, name: r.get(1)?, data_url: data_url(&data) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
