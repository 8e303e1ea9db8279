//! Helpers for tests and benchmarks: a fresh in-memory station with an admin and a clerk.

use crate::actor::{Role, StaffActor};
use crate::staff::{SetupInput, StaffCreateInput};
use crate::Station;

pub const ADMIN_PASSWORD: &str = "station-2026";

pub fn setup_input() -> SetupInput {
    SetupInput {
        station_name: "阳光花园党群服务站".into(),
        community: "凤台社区".into(),
        address: "凤台街道1号".into(),
        admin_username: "admin".into(),
        admin_display_name: "王站长".into(),
        admin_password: ADMIN_PASSWORD.into(),
        load_demo: false,
    }
}

/// Panics on failure: for tests and benchmarks only.
pub fn station_with_admin() -> (Station, StaffActor, StaffActor) {
    let mut st = Station::open_in_memory().expect("in-memory station");
    let (admin, clerk) = add_admin_and_clerk(&mut st);
    (st, admin, clerk)
}

pub fn add_admin_and_clerk(st: &mut Station) -> (StaffActor, StaffActor) {
    let admin = st.initialize(&setup_input()).expect("setup").actor();
    let clerk = st
        .staff_create(
            &admin,
            &StaffCreateInput {
                username: "clerk".into(),
                display_name: "李文".into(),
                password: "desk-pass-1".into(),
                role: Role::Staff,
            },
        )
        .expect("clerk")
        .actor();
    (admin, clerk)
}

/// Writes a minimal .xlsx by hand (what a hostile file can be: no styles, any `<dimension>`),
/// one inline-string cell per `(A1-style reference, text)`. With `dimension`
/// `Some("A1:XFD1048576")` and cells at A1 and XFD1048576 it is the 2 KB "bomb" whose dense
/// grid would be 17 billion cells.
pub fn write_minimal_xlsx(path: &std::path::Path, dimension: Option<&str>, cells: &[(&str, &str)]) {
    use std::io::Write;
    let file = std::fs::File::create(path).expect("create the xlsx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut member = |name: &str, text: &str| {
        zip.start_file(name, options).expect("zip member");
        zip.write_all(text.as_bytes()).expect("zip write");
    };
    member(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    member(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    member(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    member(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    );
    let row_of = |r: &str| r.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse::<u32>().unwrap_or(1);
    let mut sorted: Vec<&(&str, &str)> = cells.iter().collect();
    sorted.sort_by_key(|(r, _)| row_of(r));
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    if let Some(d) = dimension {
        sheet.push_str(&format!(r#"<dimension ref="{d}"/>"#));
    }
    sheet.push_str("<sheetData>");
    for (r, text) in sorted {
        sheet.push_str(&format!(r#"<row r="{}"><c r="{r}" t="inlineStr"><is><t>{text}</t></is></c></row>"#, row_of(r)));
    }
    sheet.push_str("</sheetData></worksheet>");
    member("xl/worksheets/sheet1.xml", &sheet);
    zip.finish().expect("finish the xlsx");
}
