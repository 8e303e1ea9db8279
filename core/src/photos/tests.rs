use super::*;

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)).unwrap();
    out
}

/// A JPEG carrying an EXIF segment with a GPS position (as a phone writes it), inserted
/// right after the start-of-image marker.
fn jpeg_with_gps() -> Vec<u8> {
    let plain = jpeg(64, 48);
    // "Exif\0\0" + a little-endian TIFF header with one IFD entry naming the GPS IFD, and the
    // marker text a test can look for in what is stored.
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x25\x88\x04\0\x01\0\0\0\x1a\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPSLatitude 35.49N 112.85E Jincheng");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&plain[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

/// A 100 KB-class PNG header declaring 100,000 × 100,000 pixels (30 GB decoded).
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(png_chunk(b"IHDR", &ihdr));
    out.extend(png_chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    out.extend(png_chunk(b"IEND", &[]));
    out
}

#[test]
fn exif_gps_never_reaches_the_stored_photo() {
    let original = jpeg_with_gps();
    assert!(original.windows(11).any(|w| w == b"GPSLatitude"), "the fixture carries the position");
    assert!(decode(&original, "photo").is_ok(), "the fixture is a readable JPEG");
    let stored = clean_jpeg(&original, "photo", 1280).unwrap();
    assert!(!stored.windows(11).any(|w| w == b"GPSLatitude"));
    assert!(!stored.windows(4).any(|w| w == b"Exif"), "no EXIF segment at all");
    assert!(image::load_from_memory(&stored).is_ok());
}

#[test]
fn dimensions_past_the_limit_are_refused_before_decoding() {
    let e = decode(&png_declaring(100_000, 100_000), "photo").map(|_| ()).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("photo"));
    assert!(e.message.contains("10000 像素"), "{}", e.message);
    let e = decode(&png_declaring(12_000, 10), "photo").map(|_| ()).unwrap_err();
    assert!(e.message.contains("像素"), "{}", e.message);
}

#[test]
fn truncated_or_foreign_files_are_refused() {
    let whole = jpeg(200, 100);
    let e = decode(&whole[..whole.len() / 3], "photo").map(|_| ()).unwrap_err();
    assert!(e.message.contains("损坏"), "{}", e.message);
    let mut png = Vec::new();
    image::RgbImage::new(300, 200).write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png).unwrap();
    let e = decode(&png[..png.len() / 2], "photo").map(|_| ()).unwrap_err();
    assert!(e.message.contains("损坏"), "{}", e.message);
    assert!(decode(b"GIF89a....", "photo").map(|_| ()).unwrap_err().message.contains("JPG"));
    assert!(decode(&vec![0xFF; MAX_BYTES + 1], "photo").map(|_| ()).unwrap_err().message.contains("20 MB"));
}

#[test]
fn stored_photos_are_shrunk_to_the_longest_side() {
    let stored = clean_jpeg(&jpeg(3000, 1000), "photo", 1200).unwrap();
    let back = image::load_from_memory(&stored).unwrap();
    assert_eq!((back.width(), back.height()), (1200, 400));
}

#[test]
fn only_plain_file_names_become_paths() {
    let dir = Path::new("/data/photos/items");
    assert_eq!(path_in(dir, "item-3-20261125090000.jpg"), Some(dir.join("item-3-20261125090000.jpg")));
    for bad in [
        "../station.sqlite3",
        "..",
        "/etc/passwd",
        "a/b.jpg",
        "a\\b.jpg",
        "C:x.jpg",
        "",
        ".hidden",
        "x\0.jpg",
        "a..b",
        "照片.jpg",
    ] {
        assert_eq!(path_in(dir, bad), None, "{bad:?}");
    }
}
