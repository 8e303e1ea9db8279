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
