//! Privacy rules, one test each (the purge-everywhere scan is `core/tests/purge_everywhere.rs`).

use super::*;
use crate::activities::KioskWalkInInput;
use crate::actor::StaffActor;
use crate::clock::{self, Clock};
use crate::db::{Station, MIGRATIONS};
use crate::demo::{self, DemoScale};
use crate::error::ErrorCode;
use crate::residents::{PurgeInput, ResidentInput, ResidentQuery, ResidentUpdate};
use crate::testing::add_admin_and_clerk;
use crate::wishes::{KioskWishInput, WishKind};
use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use rusqlite::params;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap()
}

struct World {
    st: Station,
    admin: StaffActor,
    clerk: StaffActor,
    building: i64,
}

impl World {
    fn new() -> World {
        let mut st = Station::open_in_memory_with(MIGRATIONS, Clock::Fixed(now())).unwrap();
        let (admin, clerk) = add_admin_and_clerk(&mut st);
        let scale = DemoScale { grids: 1, compounds_per_grid: 1, buildings_per_compound: 2, residents: 0 };
        demo::populate(&mut st, &admin, &scale, 1).unwrap();
        let building = st.conn().query_row("SELECT MIN(id) FROM buildings", [], |r| r.get(0)).unwrap();
        World { st, admin, clerk, building }
    }

    fn resident(&mut self, name: &str, phone: &str) -> i64 {
        let input = ResidentInput {
            name: name.into(),
            phone: phone.into(),
            building_id: Some(self.building),
            ..Default::default()
        };
        self.st.resident_create(&self.clerk, &input).unwrap().id
    }

    fn count(&self, sql: &str) -> i64 {
        self.st.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn last_audit(&self, action: &str) -> String {
        self.st
            .conn()
            .query_row("SELECT detail FROM audit_log WHERE action = ?1 ORDER BY id DESC LIMIT 1", [action], |r| {
                r.get(0)
            })
            .unwrap()
    }

    fn sensitive_tag(&self) -> i64 {
        self.st.tags().unwrap().into_iter().find(|t| t.name == "低保户" && t.sensitive).unwrap().id
    }
}

fn walk_in(phone: &str, notice: &str) -> KioskWalkInInput {
    KioskWalkInInput {
        phone: phone.into(),
        name: "孙丽".into(),
        building_id: 0,
        pin: "4702".into(),
        notice_version: notice.into(),
    }
}

// ---- consent ----

#[test]
fn the_ui_shows_the_notice_version_the_core_accepts() {
    let ui = include_str!("../../../ui/src/i18n/privacy.ts");
    assert!(ui.contains(&format!("export const NOTICE_VERSION = '{NOTICE_VERSION}'")), "ui/src/i18n/privacy.ts");
}

#[test]
fn a_kiosk_walk_in_needs_the_current_notice_and_its_consent_is_stored_with_the_version() {
    let mut w = World::new();
    let before = w.count("SELECT COUNT(*) FROM residents");
    for notice in ["", "2025-01"] {
        let mut input = walk_in("13700001111", notice);
        input.building_id = w.building;
        let err = w.st.kiosk_register(&input).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("noticeVersion"), "{notice:?}: {err}");
        assert!(err.message.contains("个人信息告知"), "{err}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM residents"), before, "a refusal writes nothing");
    let mut input = walk_in("13700001111", NOTICE_VERSION);
    input.building_id = w.building;
    w.st.kiosk_register(&input).unwrap();
    let (scope, version, channel, granted): (String, String, String, bool) = w
        .st
        .conn()
        .query_row("SELECT scope, notice_version, channel, granted FROM consents ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!(
        (scope.as_str(), version.as_str(), channel.as_str(), granted),
        ("register", NOTICE_VERSION, "kiosk", true)
    );
    let consent_date: Option<String> =
        w.st.conn().query_row("SELECT consent_date FROM residents ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(consent_date.as_deref(), Some("2026-11-25"));
}

#[test]
fn a_wish_post_needs_the_notice_and_a_photo_reaches_the_wall_only_with_its_own_consent() {
    let mut w = World::new();
    let rid = w.resident("张秀英", "13912345678");
    let post = |st: &mut Station, notice: &str, photo: bool| {
        st.wish_kiosk_post(&KioskWishInput {
            kind: WishKind::Goods,
            content: "想要一副老花镜".into(),
            wanted_by: None,
            phone: "13912345678".into(),
            notice_version: notice.into(),
            photo_consent: photo,
        })
    };
    let err = post(&mut w.st, "", true).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("noticeVersion"));
    assert_eq!(w.count("SELECT COUNT(*) FROM wishes"), 0);
    let with_photo = post(&mut w.st, NOTICE_VERSION, true).unwrap().id;
    let without = post(&mut w.st, NOTICE_VERSION, false).unwrap().id;
    assert_eq!(w.count("SELECT COUNT(*) FROM consents WHERE scope = 'wish'"), 2);
    // both fulfilled with a photo (set directly: the photo pipeline has its own tests)
    for id in [with_photo, without] {
        w.st.conn()
            .execute(
                "UPDATE wishes SET state = 'fulfilled', photo = 'p.jpg', fulfilled_at = ?1, promised_date = '2026-11-25' WHERE id = ?2",
                params![clock::timestamp(now()), id],
            )
            .unwrap();
    }
    let shown = |st: &Station| -> Vec<i64> {
        st.wishes_kiosk_wall().unwrap().items.into_iter().filter(|x| x.has_photo).map(|x| x.id).collect()
    };
    assert_eq!(shown(&w.st), vec![with_photo], "a photo without consent stays off the public wall");
    assert_eq!(w.st.wish_kiosk_photo(without).unwrap(), None);
    // the resident withdraws the photo consent at the desk: every photo of theirs goes
    let input = ConsentWithdrawInput { resident_id: rid, scope: ConsentScope::PublicPhoto, note: String::new() };
    let history = w.st.consent_withdraw(&w.clerk, &input).unwrap();
    assert!(!history[0].granted);
    assert!(shown(&w.st).is_empty(), "withdrawn: no photo of theirs on the wall");
    assert!(w.last_audit("withdraw").contains("照片"), "{}", w.last_audit("withdraw"));
}

#[test]
fn sensitive_tags_need_a_separate_consent_and_withdrawing_it_removes_them() {
    let mut w = World::new();
    let tag = w.sensitive_tag();
    let plain = w.st.tags().unwrap().into_iter().find(|t| !t.sensitive).unwrap().id;
    let mut input =
        ResidentInput {
            name: "刘德福".into(), phone: "13600001234".into(), tag_ids: vec![tag], ..Default::default()
        };
    let err = w.st.resident_create(&w.clerk, &input).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("sensitiveConsent"));
    assert!(err.message.contains("低保户"), "names the tag: {err}");
    assert_eq!(w.count("SELECT COUNT(*) FROM residents"), 0, "nothing written");
    // a plain tag needs nothing more
    input.tag_ids = vec![plain];
    let id = w.st.resident_create(&w.clerk, &input).unwrap().id;
    input.tag_ids = vec![plain, tag];
    let update = ResidentUpdate { id, resident: input.clone() };
    assert_eq!(w.st.resident_update(&w.clerk, &update).unwrap_err().field.as_deref(), Some("sensitiveConsent"));
    input.sensitive_consent = true;
    w.st.resident_update(&w.clerk, &ResidentUpdate { id, resident: input.clone() }).unwrap();
    assert_eq!(w.count("SELECT COUNT(*) FROM consents WHERE scope = 'sensitive_tags' AND granted = 1"), 1);
    // once on record, later saves need no tick
    input.sensitive_consent = false;
    input.note = "改备注".into();
    w.st.resident_update(&w.clerk, &ResidentUpdate { id, resident: input.clone() }).unwrap();
    // withdrawn: the sensitive tag goes at once, the plain one stays, and saving it again is refused
    let withdraw =
        ConsentWithdrawInput { resident_id: id, scope: ConsentScope::SensitiveTags, note: "本人来电".into() };
    w.st.consent_withdraw(&w.clerk, &withdraw).unwrap();
    let tags: Vec<i64> = w.st.resident_get(&w.clerk, id).unwrap().tags.into_iter().map(|t| t.id).collect();
    assert_eq!(tags, vec![plain]);
    assert_eq!(
        w.st.resident_update(&w.clerk, &ResidentUpdate { id, resident: input }).unwrap_err().field.as_deref(),
        Some("sensitiveConsent")
    );
    let detail = w.last_audit("withdraw");
    assert!(detail.contains(&format!("#{id}")) && !detail.contains("刘德福"), "{detail}");
}

#[test]
fn withdrawing_the_registration_archives_the_resident_for_the_retention_purge() {
    let mut w = World::new();
    let id = w.resident("赵国强", "13500001111");
    let input = ConsentWithdrawInput { resident_id: id, scope: ConsentScope::Register, note: String::new() };
    w.st.consent_withdraw(&w.clerk, &input).unwrap();
    let r = w.st.resident_get(&w.clerk, id).unwrap();
    assert!(r.archived && r.consent_date.is_none());
    let wish = ConsentWithdrawInput { resident_id: id, scope: ConsentScope::Wish, note: String::new() };
    assert_eq!(w.st.consent_withdraw(&w.clerk, &wish).unwrap_err().field.as_deref(), Some("scope"));
    let missing = ConsentWithdrawInput { resident_id: 9999, scope: ConsentScope::Register, note: String::new() };
    assert_eq!(w.st.consent_withdraw(&w.clerk, &missing).unwrap_err().code, ErrorCode::NotFound);
}

// ---- audit by reference / masked, purge ----

#[test]
fn audit_entries_name_people_masked_and_a_purge_replaces_old_clear_ones() {
    let mut w = World::new();
    let id = w.resident("欧阳娜娜", "13912340000");
    let detail = w.last_audit("create");
    assert_eq!(detail, "欧***");
    // an entry written before issue 17, and the append-only rule still holding otherwise
    w.st.conn()
        .execute(
            "INSERT INTO audit_log (at, actor_kind, actor_name, entity, action, detail)
             VALUES ('2026-01-01T00:00:00Z', 'staff', '李文', 'loan', 'lend', '轮椅 1台 → 欧阳娜娜（13912340000）')",
            [],
        )
        .unwrap();
    let err = w.st.conn().execute("UPDATE audit_log SET detail = 'changed' WHERE action = 'lend'", []);
    assert!(err.is_err(), "audit rows change only to carry the purge marker");
    let err =
        w.st.conn().execute(&format!("UPDATE audit_log SET action = 'x', detail = '{MARK}' WHERE action = 'lend'"), []);
    assert!(err.is_err(), "and only their detail");
    w.st.resident_purge(&w.admin, &PurgeInput { id, reason: "本人要求".into() }).unwrap();
    let old: String =
        w.st.conn().query_row("SELECT detail FROM audit_log WHERE action = 'lend'", [], |r| r.get(0)).unwrap();
    assert_eq!(old, format!("轮椅 1台 → {MARK}（{MARK}）"));
}

#[test]
fn a_purge_reaches_an_archived_case_and_keeps_a_shared_household_phone() {
    let mut w = World::new();
    let id = w.resident("钱海涛", "13800005555");
    let spouse = w.resident("钱秀兰", "13800005555");
    let case =
        w.st.case_report(
            &w.clerk,
            &crate::cases::CaseInput {
                resident_id: Some(id),
                contact_name: "钱海涛".into(),
                contact_phone: "13800005555".into(),
                building_id: Some(w.building),
                title: "钱海涛反映漏水".into(),
                ..Default::default()
            },
        )
        .unwrap();
    w.st.conn().execute("UPDATE cases SET status = 'archived' WHERE id = ?1", [case.id]).unwrap();
    assert!(
        w.st.conn().execute("UPDATE cases SET title = 'x' WHERE id = ?1", [case.id]).is_err(),
        "an archived case stays read-only"
    );
    w.st.resident_purge(&w.admin, &PurgeInput { id, reason: "迁出".into() }).unwrap();
    let (name, phone, title, link): (String, String, String, Option<i64>) = w
        .st
        .conn()
        .query_row("SELECT contact_name, contact_phone, title, resident_id FROM cases WHERE id = ?1", [case.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap();
    assert_eq!((name.as_str(), phone.as_str(), link), ("", "", None));
    assert_eq!(title, format!("{MARK}反映漏水"));
    // the spouse keeps the household number
    assert_eq!(w.st.resident_get(&w.clerk, spouse).unwrap().phone, "13800005555");
}

// ---- access audit ----

#[test]
fn the_full_id_number_and_an_export_are_audited_with_who_what_columns_and_where() {
    let mut w = World::new();
    let input = ResidentInput {
        name: "张三".into(),
        phone: "13812341234".into(),
        id_number: Some("11010519491231002X".into()),
        ..Default::default()
    };
    let r = w.st.resident_create(&w.clerk, &input).unwrap();
    assert_eq!(r.id_number.as_deref(), Some("110105********002X"), "shown masked");
    // the form sends the masked number back unchanged: the stored one stays
    let mut edit = input.clone();
    edit.id_number = r.id_number.clone();
    edit.note = "备注".into();
    w.st.resident_update(&w.clerk, &ResidentUpdate { id: r.id, resident: edit }).unwrap();
    assert_eq!(w.st.resident_reveal_id(&w.clerk, r.id).unwrap().as_deref(), Some("11010519491231002X"));
    let (actor, detail): (String, String) =
        w.st.conn()
            .query_row("SELECT actor_name, detail FROM audit_log WHERE action = 'reveal_id'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
    assert_eq!(actor, "李文");
    assert!(detail.contains(&format!("#{}", r.id)) && !detail.contains("1949"), "{detail}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.xlsx");
    let q = ResidentQuery { text: "张三".into(), include_archived: true, ..Default::default() };
    assert_eq!(w.st.residents_export_xlsx(&w.clerk, &q, &path).unwrap(), 1);
    let detail = w.last_audit("export");
    assert!(detail.contains("搜索「张*」") && detail.contains("含已归档"), "the filter, masked: {detail}");
    assert!(detail.contains("列：姓名、性别") && detail.contains("手机号"), "the columns: {detail}");
    assert!(detail.contains(&path.display().to_string()), "where to: {detail}");

    let print = access::PrintAuditInput {
        what: "居民名单".into(),
        filter: "第一网格".into(),
        columns: vec!["姓名".into(), "电话".into()],
        destination: String::new(),
    };
    w.st.print_audit(&w.clerk, &print).unwrap();
    assert!(w.last_audit("print").contains("打印：居民名单；条件：第一网格；列：姓名、电话；到：打印机"));
    let bad = access::PrintAuditInput { what: " ".into(), ..print };
    assert_eq!(w.st.print_audit(&w.clerk, &bad).unwrap_err().field.as_deref(), Some("what"));
}

// ---- retention ----

#[test]
fn retention_settings_are_admin_only_and_bad_periods_name_the_field() {
    let mut w = World::new();
    let s = w.st.retention_settings(&w.clerk).unwrap();
    assert_eq!(s, RetentionSettings::default());
    assert_eq!(w.st.retention_settings_update(&w.clerk, &s).unwrap_err().code, ErrorCode::Forbidden);
    let bad = RetentionSettings { closed_cases_months: 0, ..s };
    assert_eq!(w.st.retention_settings_update(&w.admin, &bad).unwrap_err().field.as_deref(), Some("closedCasesMonths"));
    let bad = RetentionSettings { past_bookings_months: 241, ..s };
    assert_eq!(
        w.st.retention_settings_update(&w.admin, &bad).unwrap_err().field.as_deref(),
        Some("pastBookingsMonths")
    );
    assert_eq!(w.st.retention_settings(&w.clerk).unwrap(), s, "refusals change nothing");
    let good = RetentionSettings { archived_residents_months: 12, ..s };
    assert_eq!(w.st.retention_settings_update(&w.admin, &good).unwrap(), good);
}

#[test]
fn the_preview_lists_what_the_run_removes_a_volunteer_waits_and_the_audit_has_no_names() {
    let mut w = World::new();
    let gone = w.resident("孙建军", "13700002222");
    let volunteer = w.resident("周玉兰", "13700003333");
    let recent = w.resident("吴晓东", "13700004444");
    let kind: i64 = w.count("SELECT MIN(id) FROM volunteer_kinds");
    w.st.conn()
        .execute(
            "INSERT INTO volunteers (resident_id, kind_id, created_at, updated_at) VALUES (?1, ?2, 'x', 'x')",
            params![volunteer, kind],
        )
        .unwrap();
    let long_ago = clock::timestamp(now() - Duration::days(4 * 365));
    for id in [gone, volunteer] {
        w.st.conn().execute("UPDATE residents SET archived_at = ?1 WHERE id = ?2", params![long_ago, id]).unwrap();
    }
    w.st.resident_set_archived(&w.clerk, recent, true).unwrap();
    let p = w.st.retention_preview(&w.clerk).unwrap();
    assert_eq!(
        p.residents.iter().map(|r| (r.id, r.blocked.is_some())).collect::<Vec<_>>(),
        vec![(gone, false), (volunteer, true)]
    );
    assert_eq!(p.residents[0].masked_name, "孙**");
    assert_eq!(w.st.retention_run(&w.clerk).unwrap_err().code, ErrorCode::Forbidden);
    let report = w.st.retention_run(&w.admin).unwrap();
    assert_eq!((report.residents, report.skipped), (1, 1));
    let left: Vec<i64> =
        w.st.residents_search(&w.clerk, &ResidentQuery { include_archived: true, page_size: 50, ..Default::default() })
            .unwrap()
            .items
            .into_iter()
            .map(|r| r.id)
            .collect();
    assert!(!left.contains(&gone) && left.contains(&volunteer) && left.contains(&recent));
    let detail = w.last_audit("retention");
    assert!(detail.contains(&format!("#{gone}")) && detail.contains(&format!("#{volunteer}")), "{detail}");
    assert!(!detail.contains('孙') && !detail.contains("13700002222"), "{detail}");
    // the automatic run: once a day
    assert!(w.st.retention_auto_if_due().unwrap().is_none(), "the desk's run counts for today");
    w.st.set_clock(Clock::Fixed(now() + Duration::days(1)));
    assert_eq!(w.st.retention_auto_if_due().unwrap().map(|r| r.residents), Some(0));
    assert!(w.st.retention_auto_if_due().unwrap().is_none());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Nothing inside its period is purged; everything past it is.
    #[test]
    fn retention_purges_exactly_what_is_past_its_period(
        months in 1u32..48,
        archived_days_ago in proptest::collection::vec(0i64..1600, 1..8),
        wish_days_ago in proptest::collection::vec(0i64..1600, 1..6),
    ) {
        let mut w = World::new();
        let s = RetentionSettings { archived_residents_months: months, ended_wishes_months: months, ..RetentionSettings::default() };
        w.st.retention_settings_update(&w.admin, &s).unwrap();
        let cut = clock::timestamp(retention::cutoff(now(), months));
        let mut residents = Vec::new();
        for (i, days) in archived_days_ago.iter().enumerate() {
            let id = w.resident(&format!("居民{}", "甲乙丙丁戊己庚辛".chars().nth(i).unwrap()), &format!("1370000{:04}", 5000 + i));
            let at = clock::timestamp(now() - Duration::days(*days));
            w.st.conn().execute("UPDATE residents SET archived_at = ?1 WHERE id = ?2", params![at, id]).unwrap();
            residents.push((id, at));
        }
        let mut wishes = Vec::new();
        for (i, days) in wish_days_ago.iter().enumerate() {
            let at = clock::timestamp(now() - Duration::days(*days));
            w.st.conn().execute(
                "INSERT INTO wishes (code, kind, content, requester_name, phone, channel, state, created_at, updated_at)
                 VALUES (?1, 'goods', '心愿', '某人', '13900000000', 'desk', 'completed', ?2, ?2)",
                params![format!("{:06}", 100000 + i), at],
            ).unwrap();
            wishes.push((w.st.conn().last_insert_rowid(), at));
        }
        let preview = w.st.retention_preview(&w.clerk).unwrap();
        w.st.retention_run(&w.admin).unwrap();
        for (id, at) in &residents {
            let kept: bool = w.st.conn().query_row("SELECT EXISTS (SELECT 1 FROM residents WHERE id = ?1)", [id], |r| r.get(0)).unwrap();
            prop_assert_eq!(kept, at.as_str() >= cut.as_str(), "resident archived {} (cut-off {})", at, cut);
            prop_assert_eq!(preview.residents.iter().any(|p| p.id == *id), !kept, "the preview said so");
        }
        for (id, at) in &wishes {
            let name: String = w.st.conn().query_row("SELECT requester_name FROM wishes WHERE id = ?1", [id], |r| r.get(0)).unwrap();
            prop_assert_eq!(name.is_empty(), at.as_str() < cut.as_str(), "wish ended {} (cut-off {})", at, cut);
        }
    }
}
