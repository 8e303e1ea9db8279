use super::*;
use crate::demo::{populate, populate_areas, DemoScale};
use crate::testing;
use crate::wishes::{WishKind, WishPostInput};

/// A demo station at work (residents, volunteers, items with labelled assets, cases,
/// activities) and one wish posted at the desk.
fn busy_station() -> (Station, StaffActor, i64) {
    let (mut st, admin, _) = testing::station_with_admin();
    populate(&mut st, &admin, &DemoScale::residents(80), 7).unwrap();
    populate_areas(&mut st, &admin, 7).unwrap();
    let wish = st
        .wish_post(
            &admin,
            &WishPostInput {
                kind: WishKind::Repair,
                content: "厨房水管漏水，想请人来修".into(),
                wanted_by: None,
                resident_id: None,
                requester_name: "刘秀英".into(),
                phone: "13700001111".into(),
                notice_version: crate::privacy::NOTICE_VERSION.into(),
                photo_consent: false,
            },
        )
        .unwrap();
    (st, admin, wish.row.id)
}

fn group(groups: &[FoundGroup], kind: FoundKind) -> Option<&FoundGroup> {
    groups.iter().find(|g| g.kind == kind)
}

fn one(st: &Station, sql: &str) -> (i64, String) {
    st.conn().query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap()
}

#[test]
fn finds_each_kind_by_what_people_type_and_opens_the_right_record() {
    let (st, admin, wish_id) = busy_station();

    let (item_id, code) = one(&st, "SELECT item_id, code FROM inv_assets ORDER BY id LIMIT 1");
    let found = st.find_anything(&admin, &code.to_lowercase()).unwrap();
    assert_eq!(group(&found, FoundKind::Item).unwrap().items[0].id, item_id, "an asset's label code finds its item");

    let (case_id, number) = one(&st, "SELECT id, number FROM cases ORDER BY id DESC LIMIT 1");
    let found = st.find_anything(&admin, &number).unwrap();
    assert_eq!(group(&found, FoundKind::Case).unwrap().items[0].id, case_id);
    assert!(group(&found, FoundKind::Case).unwrap().items[0].detail.starts_with(&number));
    let ticketed: Option<(i64, String)> = st
        .conn()
        .query_row("SELECT id, hotline_ticket FROM cases WHERE hotline_ticket <> '' LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .ok();
    if let Some((id, ticket)) = ticketed {
        let found = st.find_anything(&admin, &ticket).unwrap();
        assert_eq!(group(&found, FoundKind::Case).unwrap().items[0].id, id, "a 12345 ticket finds its case");
    }

    for typed in [format!("No.{wish_id:06}"), wish_id.to_string(), "水管".to_string()] {
        let found = st.find_anything(&admin, &typed).unwrap();
        let wishes = group(&found, FoundKind::Wish).unwrap_or_else(|| panic!("{typed}: {found:?}"));
        assert_eq!(wishes.items[0].id, wish_id, "{typed}");
        assert_eq!(wishes.items[0].detail, format!("No.{wish_id:06}"));
    }

    let (activity_id, title) = one(&st, "SELECT id, title FROM activities ORDER BY id LIMIT 1");
    let found = st.find_anything(&admin, &title).unwrap();
    let activities = group(&found, FoundKind::Activity).unwrap();
    assert!(activities.items.iter().any(|a| a.id == activity_id), "{activities:?}");
    assert!(activities.items[0].detail.contains('年') && activities.items[0].detail.contains('日'));

    let (_, resident) = one(&st, "SELECT id, name FROM residents WHERE archived_at IS NULL ORDER BY id LIMIT 1");
    let found = st.find_anything(&admin, &resident).unwrap();
    let residents = group(&found, FoundKind::Resident).unwrap_or_else(|| panic!("{resident}: {found:?}"));
    assert!(residents.items.iter().all(|r| r.detail.contains("****")), "phones masked: {residents:?}");

    let (_, volunteer) = one(&st, "SELECT v.id, COALESCE(v.name, r.name) FROM volunteers v LEFT JOIN residents r ON r.id = v.resident_id WHERE v.status = 'active' LIMIT 1");
    let found = st.find_anything(&admin, &volunteer).unwrap();
    assert!(group(&found, FoundKind::Volunteer).is_some_and(|g| g.items.iter().any(|v| v.title == volunteer)));
}

#[test]
fn each_kind_shows_its_first_few_and_counts_the_rest() {
    let (st, admin, _) = busy_station();
    // every demo resident's phone starts with 1
    let found = st.find_anything(&admin, "1").unwrap();
    let residents = group(&found, FoundKind::Resident).unwrap();
    assert_eq!(residents.items.len() as u32, PER_KIND);
    assert!(residents.total > PER_KIND);
}

#[test]
fn empty_wildcard_and_overlong_text_find_nothing_or_are_refused() {
    let (st, admin, _) = busy_station();
    assert!(st.find_anything(&admin, "   ").unwrap().is_empty());
    assert!(st.find_anything(&admin, "%").unwrap().iter().all(|g| g.kind == FoundKind::Resident || g.total == 0));
    assert!(
        group(&st.find_anything(&admin, "_").unwrap(), FoundKind::Item).is_none(),
        "_ is a character, not a wildcard"
    );
    let e = st.find_anything(&admin, &"水".repeat(101)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("text"));
}
