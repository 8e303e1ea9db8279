use super::*;

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[test]
fn csv_encodings_are_detected() {
    let text = "姓名,手机号,楼栋\r\n张三,13812345678,3号楼\r\n";
    let (utf8, enc) = decode_text(text.as_bytes()).unwrap();
    assert_eq!((utf8.as_str(), enc), (text, TextEncoding::Utf8));

    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let (bom, enc) = decode_text(&with_bom).unwrap();
    assert_eq!((bom.as_str(), enc), (text, TextEncoding::Utf8Bom));

    let (gb, enc) = decode_text(&gb18030(text)).unwrap();
    assert_eq!((gb.as_str(), enc), (text, TextEncoding::Gb18030));

    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let (u16text, enc) = decode_text(&utf16).unwrap();
    assert_eq!((u16text.as_str(), enc), (text, TextEncoding::Utf16));
}

#[test]
fn undecodable_bytes_are_refused_with_a_chinese_message() {
    let e = decode_text(&[0x81, 0x20, 0xFF, 0xFF, 0x30]).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"));
    assert!(e.message.contains("编码"), "{}", e.message);
}

#[test]
fn csv_quotes_line_breaks_and_line_numbers() {
    let rows = parse_delimited(
        "姓名,备注\r\n\"李, 四\",\"第一行\n第二行\"\r\n王五,\"说\"\"好\"\"\"\r\n\r\n赵六,  末尾空格　\r\n",
    );
    assert_eq!(rows[0].cells, vec!["姓名", "备注"]);
    assert_eq!(rows[1], TableRow { line: 2, cells: vec!["李, 四".into(), "第一行\n第二行".into()] });
    assert_eq!(rows[2], TableRow { line: 4, cells: vec!["王五".into(), "说\"好\"".into()] });
    assert!(rows[3].is_blank());
    assert_eq!(rows[4], TableRow { line: 6, cells: vec!["赵六".into(), "末尾空格".into()] });
}

#[test]
fn tab_and_semicolon_delimiters_are_guessed() {
    assert_eq!(parse_delimited("a\tb\n1\t2")[1].cells, vec!["1", "2"]);
    assert_eq!(parse_delimited("a;b\n1;2")[1].cells, vec!["1", "2"]);
}

#[test]
fn a_title_row_above_the_header_is_dropped() {
    let rows = parse_delimited("阳光花园志愿者名单,,\n姓名,手机号,楼栋\n张三,13812345678,3号楼\n,,\n");
    let table = Table::with_header_at(rows, 1);
    assert_eq!(table.headers, vec!["姓名", "手机号", "楼栋"]);
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].line, 3);
}

#[test]
fn dates_typed_in_many_ways_are_normalized() {
    for typed in ["1950-3-8", "1950/03/08", "1950.3.8", "1950年3月8日", "19500308", "1950-03-08 00:00:00"] {
        assert_eq!(normalize_date(typed), "1950-03-08", "{typed}");
    }
    assert_eq!(normalize_date("三月八日"), "三月八日");
}

#[test]
fn xlsx_round_trip_keeps_numbers_dates_and_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.xlsx");
    let sheet = Sheet {
        name: "志愿者".into(),
        columns: vec![Column::new("姓名", 10.0), Column::new("手机号", 14.0), Column::new("出生日期", 12.0)],
        rows: vec![
            vec!["张三".into(), Cell::Int(13812345678), NaiveDate::from_ymd_opt(1950, 3, 8).unwrap().into()],
            vec!["李四".into(), Cell::Number(2.5), Cell::Empty],
        ],
    };
    write_xlsx(&path, &[sheet]).unwrap();
    let table = read_table(&path).unwrap();
    assert_eq!(table.headers, vec!["姓名", "手机号", "出生日期"]);
    assert_eq!(
        table.rows[0],
        TableRow { line: 2, cells: vec!["张三".into(), "13812345678".into(), "1950-03-08".into()] }
    );
    assert_eq!(table.rows[1].cells[..2], ["李四".to_string(), "2.5".to_string()]);
}

#[test]
fn csv_export_opens_in_excel_and_guards_against_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let sheet = Sheet {
        name: "x".into(),
        columns: vec![Column::new("姓名", 10.0), Column::new("备注", 10.0)],
        rows: vec![vec!["张三".into(), "=HYPERLINK(\"x\")".into()], vec!["李,四".into(), Cell::Int(-3)]],
    };
    write_csv(&path, &sheet, TextEncoding::Gb18030).unwrap();
    let (text, enc) = decode_text(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(enc, TextEncoding::Gb18030);
    assert_eq!(text, "姓名,备注\r\n张三,\"'=HYPERLINK(\"\"x\"\")\"\r\n\"李,四\",-3\r\n");
    let back = read_table(&path).unwrap();
    assert_eq!(back.rows[1].cells, vec!["李,四", "-3"]);
}

/// OWASP CSV injection: text beginning with = + - @ tab or CR gets a leading quote (whatever
/// follows); numbers, negative ones included, are written as numbers; text elsewhere untouched.
#[test]
fn csv_text_that_a_spreadsheet_would_run_is_neutralised_and_numbers_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let hostile = ["=1+1", "+1", "-1", "-cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"];
    let mut rows: Vec<Vec<Cell>> = hostile.iter().map(|h| vec![Cell::from(*h), Cell::Int(-3)]).collect();
    rows.push(vec![Cell::from("a=b"), Cell::Number(-2.5)]);
    rows.push(vec![Cell::from("张三"), Cell::Empty]);
    let sheet = Sheet { name: "x".into(), columns: vec![Column::new("=备注", 10.0), Column::new("数", 8.0)], rows };
    write_csv(&path, &sheet, TextEncoding::Utf8).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "'=备注,数");
    assert_eq!(lines[1], "'=1+1,-3");
    assert_eq!(lines[2], "'+1,-3");
    assert_eq!(lines[3], "'-1,-3");
    assert_eq!(lines[4], "'-cmd|' /C calc'!A0,-3");
    assert_eq!(lines[5], "'@SUM(A1),-3");
    assert_eq!(lines[6], "'\tx,-3");
    // a carriage return inside a field also needs quoting
    assert_eq!(lines[7], "\"'\rx\",-3");
    assert_eq!(lines[8], "a=b,-2.5");
    assert_eq!(lines[9], "张三,");
    for h in hostile {
        assert_eq!(neutralise(h), format!("'{h}"));
    }
    assert_eq!(neutralise("正常"), "正常");
}

#[test]
fn unknown_file_kinds_and_broken_workbooks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_rows(&dir.path().join("a.pdf")).unwrap_err();
    assert!(e.message.contains(".xlsx"), "{}", e.message);
    let broken = dir.path().join("broken.xlsx");
    std::fs::write(&broken, b"not a zip").unwrap();
    let e = read_rows(&broken).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"));
}

#[test]
fn a_sheet_declaring_a_million_rows_and_16384_columns_is_refused_before_it_is_loaded() {
    // Before: calamine built the dense grid (17 billion cells) and the process aborted.
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.xlsx");
    crate::testing::write_minimal_xlsx(&bomb, Some("A1:XFD1048576"), &[("A1", "姓名"), ("XFD1048576", "x")]);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 4096, "the bomb is a small file");
    let e = read_rows(&bomb).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"));
    assert!(e.message.contains("50000 行"), "{}", e.message);
}

#[test]
fn a_sheet_lying_about_its_dimensions_is_refused_at_the_first_cell_past_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let liar = dir.path().join("liar.xlsx");
    crate::testing::write_minimal_xlsx(&liar, Some("A1:B2"), &[("A1", "姓名"), ("XFD1", "x")]);
    let e = read_rows(&liar).unwrap_err();
    assert!(e.message.contains("100 列"), "{}", e.message);
    let no_dimension = dir.path().join("tall.xlsx");
    crate::testing::write_minimal_xlsx(&no_dimension, None, &[("A1", "姓名"), ("A50001", "x")]);
    let e = read_rows(&no_dimension).unwrap_err();
    assert!(e.message.contains("50000 行") && e.message.contains("第 50001 行"), "{}", e.message);
}

#[test]
fn a_sparse_sheet_inside_the_limits_keeps_its_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sparse.xlsx");
    crate::testing::write_minimal_xlsx(
        &path,
        None,
        &[("B2", "姓名"), ("C2", "手机号"), ("B5", "张三"), ("CV5", "末列")],
    );
    let rows = read_rows(&path).unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows[0].is_blank());
    assert_eq!(rows[1], TableRow { line: 2, cells: vec!["".into(), "姓名".into(), "手机号".into()] });
    assert_eq!(rows[4].line, 5);
    assert_eq!(rows[4].cells.len(), 100);
    assert_eq!(rows[4].cells[99], "末列");
}

#[test]
fn an_archive_unpacking_past_the_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.xlsx");
    crate::testing::write_minimal_xlsx(&path, None, &[("A1", &"很长的内容".repeat(2000))]);
    assert!(check_archive_within(&path, 1_000_000).is_ok());
    let e = check_archive_within(&path, 10_000).unwrap_err();
    assert!(e.message.contains("解压后超过"), "{}", e.message);
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(limits::MAX_FILE_BYTES + 1).unwrap(); // sparse: no 20 MB written
    let e = read_rows(&path).unwrap_err();
    assert!(e.message.contains("20 MB"), "{}", e.message);
}

#[test]
fn csv_is_limited_as_it_streams() {
    let dir = tempfile::tempdir().unwrap();
    let wide = dir.path().join("wide.csv");
    std::fs::write(&wide, format!("姓名{}\n", ",x".repeat(150))).unwrap();
    assert!(read_rows(&wide).unwrap_err().message.contains("100 列"));
    // trailing empty cells to the edge (what some exports write) are not content
    let padded = dir.path().join("padded.csv");
    std::fs::write(&padded, format!("姓名,手机号{}\n张三,13812345678\n", ",".repeat(300))).unwrap();
    assert_eq!(read_rows(&padded).unwrap()[1].cells, vec!["张三", "13812345678"]);
    let tall = dir.path().join("tall.csv");
    let mut text = String::from("姓名\n");
    for i in 0..50_000 {
        text.push_str(&format!("张{i}\n"));
    }
    std::fs::write(&tall, text).unwrap();
    let e = read_rows(&tall).unwrap_err();
    assert!(e.message.contains("第 50001 行"), "{}", e.message);
}

#[test]
fn csv_streams_across_chunks_in_every_encoding() {
    // a file larger than one read (64 KB) with quotes, CRLF and GB18030 split across reads
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("姓名,备注\r\n");
    for i in 0..3000 {
        text.push_str(&format!("张三{i},\"说\"\"好\"\"，\n第二行\"\r\n"));
    }
    let utf8 = dir.path().join("u.csv");
    std::fs::write(&utf8, &text).unwrap();
    let gb = dir.path().join("g.csv");
    std::fs::write(&gb, gb18030(&text)).unwrap();
    let bom = dir.path().join("b.csv");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let expected = parse_delimited(&text);
    assert_eq!(expected.len(), 3001);
    assert_eq!(expected[2999].cells, vec!["张三2998", "说\"好\"，\n第二行"]);
    for path in [utf8, gb, bom] {
        assert_eq!(read_rows(&path).unwrap(), expected, "{}", path.display());
    }
}

fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A workbook stream: globals (one BOUNDSHEET pointing past them, EOF), then the sheet.
fn biff_workbook(sheet_records: &[Vec<u8>]) -> Vec<u8> {
    let boundsheet_len = 4 + 8;
    let eof_len = 4;
    let sheet_at = (boundsheet_len + eof_len) as u32;
    let mut bound = sheet_at.to_le_bytes().to_vec();
    bound.extend_from_slice(&[0, 0, 1, 0, b'S', b'1'][..4]);
    let mut stream = biff(0x0085, &bound);
    stream.extend(biff(0x000A, &[]));
    for r in sheet_records {
        stream.extend_from_slice(r);
    }
    stream.extend(biff(0x000A, &[]));
    stream
}

fn number_at(row: u16, col: u16) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend_from_slice(&col.to_le_bytes());
    d.extend_from_slice(&[0; 10]);
    biff(0x0203, &d)
}

#[test]
fn xls_records_past_the_limits_are_refused_before_calamine_reads_them() {
    assert!(check_biff(&biff_workbook(&[number_at(0, 0), number_at(300, 20)])).is_ok());
    // calamine would build a 65,536 × 65,536 grid from these two cells
    let e = check_biff(&biff_workbook(&[number_at(0, 0), number_at(65_535, 65_535)])).unwrap_err();
    assert!(e.message.contains("行") && e.message.contains("上限"), "{}", e.message);
    let e = check_biff(&biff_workbook(&[number_at(0, 300)])).unwrap_err();
    assert!(e.message.contains("100 列"), "{}", e.message);
    // DIMENSIONS (BIFF8) declaring four billion rows: calamine reserved that many cells
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend_from_slice(&u32::MAX.to_le_bytes());
    dims.extend_from_slice(&[0, 0, 2, 0, 0, 0]);
    let e = check_biff(&biff_workbook(&[biff(0x0200, &dims)])).unwrap_err();
    assert!(e.message.contains("50000 行"), "{}", e.message);
    // MULRK whose last column is before its first
    let mut mulrk = 1u16.to_le_bytes().to_vec();
    mulrk.extend_from_slice(&9u16.to_le_bytes());
    mulrk.extend_from_slice(&2u16.to_le_bytes());
    assert!(check_biff(&biff_workbook(&[biff(0x00BD, &mulrk)])).is_err());
    // a sheet offset outside the stream
    let mut stream = biff(0x0085, &[0xFF, 0xFF, 0xFF, 0x00, 0, 0, 1, 0]);
    stream.extend(biff(0x000A, &[]));
    assert!(check_biff(&stream).is_err());
}

#[test]
fn an_xls_file_with_a_far_cell_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xls");
    let mut book = cfb::create(&path).unwrap();
    let mut s = book.create_stream("/Workbook").unwrap();
    std::io::Write::write_all(&mut s, &biff_workbook(&[number_at(0, 0), number_at(65_535, 255)])).unwrap();
    drop(s);
    book.flush().unwrap();
    drop(book);
    let e = read_rows(&path).unwrap_err();
    assert!(e.message.contains("50000 行"), "{}", e.message);
    // a compound-file header declaring FAT sectors the file cannot hold
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[44..48].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(read_rows(&path).unwrap_err().field.as_deref(), Some("file"));
}
