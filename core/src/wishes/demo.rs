//! Demo wishes: one or more in every state of the "六单" loop, posted over the last three weeks
//! for residents of the register and helped by the roster's volunteers, each step taken
//! through the desk's own calls at its own moment (so the timeline, the overdue list, the
//! wall and the credited hours are what real use leaves). Fulfilled wishes carry a small
//! generated photo when the station has a data folder.

use super::{
    KioskWishInput, WishFulfilInput, WishHelperInput, WishKind, WishMergeInput, WishNoteInput, WishPostInput,
    WishRateInput, WishSatisfaction,
};
use crate::actor::StaffActor;
use crate::db::Station;
use crate::demo::{at_time, Rng};
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;

/// How a demo wish ends up.
#[derive(Clone, Copy)]
enum End {
    Submitted,
    Published,
    /// Claimed; `overdue`: the promised date has passed; `team`: a second helper joined.
    Claimed {
        overdue: bool,
        team: bool,
    },
    Fulfilled,
    Completed {
        stars: i64,
    },
    Reopened,
    Declined,
    /// A duplicate of the wish planned just before it.
    Merged,
    Cancelled,
}

/// (kind, what, days ago it was posted, how it ends, photo when fulfilled)
const PLAN: &[(WishKind, &str, i64, End, bool)] = &[
    (WishKind::Goods, "想要一副老花镜，看药盒上的字", 0, End::Submitted, false),
    (WishKind::Service, "希望有人教我用手机视频通话，和外地的孙子聊天", 1, End::Submitted, false),
    (WishKind::Repair, "家里水龙头一直滴水，想请人修一修", 4, End::Published, false),
    (WishKind::Repair, "水龙头漏水，请帮忙修理", 3, End::Merged, false),
    (WishKind::Company, "老伴住院，希望周末有人陪我去医院看望", 5, End::Published, false),
    (WishKind::Service, "想请人帮忙把冬天的被褥晒一晒", 12, End::Claimed { overdue: true, team: false }, false),
    (WishKind::Goods, "孩子上学需要一个新书包", 3, End::Claimed { overdue: false, team: true }, false),
    (WishKind::Service, "腿脚不便，希望有人帮忙代买一周的菜", 2, End::Claimed { overdue: false, team: false }, false),
    (WishKind::Goods, "冬天到了，想要一个暖手宝", 6, End::Fulfilled, true),
    (WishKind::Service, "想学会用手机挂号", 4, End::Fulfilled, false),
    (WishKind::Goods, "希望得到一台轮椅，方便出门晒太阳", 20, End::Completed { stars: 5 }, true),
    (WishKind::Repair, "楼道里家门口的灯坏了，晚上看不清", 17, End::Completed { stars: 5 }, true),
    (WishKind::Company, "独自在家，希望有人每周来聊聊天", 15, End::Completed { stars: 4 }, true),
    (WishKind::Goods, "想要几本大字版的书", 14, End::Completed { stars: 5 }, false),
    (WishKind::Repair, "窗户关不严，冬天漏风", 10, End::Reopened, false),
    (WishKind::Other, "希望小区里能装一个快递柜", 9, End::Declined, false),
    (WishKind::Service, "想请人帮忙打扫房间", 8, End::Cancelled, false),
];

const FULFIL_NOTES: &[&str] = &["已送到居民家中，老人很高兴", "已上门完成，居民表示感谢", "志愿者按约定完成"];
const COMMENTS: &[&str] = &["非常感谢志愿者，服务很周到", "来得很及时，谢谢社区", "很满意，下次还找你们"];

/// Posts and moves the demo wishes. Needs residents and volunteers; without them it adds
/// nothing. Returns how many wishes were posted.
pub fn populate_wishes(st: &mut Station, actor: &StaffActor, rng: &mut Rng) -> Result<usize> {
    let residents: Vec<i64> = st
        .conn()
        .prepare("SELECT id FROM residents WHERE archived_at IS NULL ORDER BY id LIMIT 300")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let volunteers: Vec<i64> = st
        .conn()
        .prepare("SELECT id FROM volunteers WHERE status = 'active' ORDER BY id LIMIT 20")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if residents.is_empty() || volunteers.len() < 2 {
        return Ok(0);
    }
    // Photos live beside the database; an in-memory station (tests) has none.
    let photos = st.photo_dir().is_some();
    let now = st.now();
    let mut previous: Option<i64> = None;
    for (n, &(kind, content, days_ago, end, photo)) in PLAN.iter().enumerate() {
        // Posted in the morning of that day, spread over the hours; today's an hour ago.
        let posted = if days_ago == 0 {
            now - Duration::hours(1)
        } else {
            now - Duration::days(days_ago) - Duration::minutes(rng.below(180) as i64)
        };
        let post = WishPostInput {
            kind,
            content: content.into(),
            wanted_by: None,
            resident_id: Some(*rng.pick(&residents)),
            requester_name: String::new(),
            phone: String::new(),
            notice_version: crate::privacy::NOTICE_VERSION.into(),
            // the wall shows a photo only with the resident's consent
            photo_consent: photo,
        };
        let id = at_time(st, posted, |st| st.wish_post(actor, &post))?.row.id;
        let lead = volunteers[n % volunteers.len()];
        let helper = volunteers[(n + 1) % volunteers.len()];
        let note = |text: &str| WishNoteInput { id, note: text.into() };
        // The helper promises a date a few days after taking the wish on.
        let take = |st: &mut Station, at: DateTime<Utc>, days: i64, claim: bool| -> Result<()> {
            let promised = (crate::clock::local_date(at, st.tz()) + Duration::days(days)).to_string();
            let input = WishHelperInput { id, volunteer_id: lead, promised_date: promised, note: String::new() };
            at_time(st, at, |st| if claim { st.wish_claim(actor, &input) } else { st.wish_assign(actor, &input) })?;
            Ok(())
        };
        let fulfil = |st: &mut Station, at: DateTime<Utc>, rng: &mut Rng| -> Result<()> {
            let input = WishFulfilInput {
                id,
                note: rng.pick(FULFIL_NOTES).to_string(),
                photo: (photo && photos).then(|| photo_data_url(rng)).transpose()?,
                credits: Vec::new(),
            };
            at_time(st, at, |st| st.wish_fulfil(actor, &input))?;
            Ok(())
        };
        let hours = |h: i64| posted + Duration::hours(h);
        match end {
            End::Submitted => {}
            End::Published => {
                at_time(st, hours(2), |st| st.wish_publish(actor, &note("")))?;
            }
            End::Merged => {
                if let Some(into_id) = previous {
                    let input = WishMergeInput { id, into_id, note: "同一住户的重复心愿".into() };
                    at_time(st, hours(1), |st| st.wish_merge(actor, &input))?;
                }
            }
            End::Claimed { overdue, team } => {
                at_time(st, hours(1), |st| st.wish_publish(actor, &note("")))?;
                // promised within days of claiming: an old claim is now past its date
                take(st, hours(5), if overdue { 3 } else { days_ago + 3 }, true)?;
                if team {
                    let input =
                        WishHelperInput { id, volunteer_id: helper, promised_date: String::new(), note: String::new() };
                    at_time(st, hours(7), |st| st.wish_claim(actor, &input))?;
                }
                if overdue {
                    let remind = note("请尽快联系居民，按承诺日期完成");
                    at_time(st, now - Duration::hours(20), |st| st.wish_remind(actor, &remind))?;
                }
            }
            End::Fulfilled => {
                take(st, hours(2), 3, false)?;
                // fulfilled within the last days: not yet auto-completed (7 days unrated)
                fulfil(st, now - Duration::hours(30 + rng.below(20) as i64), rng)?;
            }
            End::Completed { stars } => {
                take(st, hours(2), 4, false)?;
                fulfil(st, hours(24 * 3), rng)?;
                let rate = WishRateInput {
                    id,
                    satisfaction: WishSatisfaction::Satisfied,
                    stars,
                    comment: rng.pick(COMMENTS).to_string(),
                };
                at_time(st, hours(24 * 4), |st| st.wish_rate(actor, &rate))?;
            }
            End::Reopened => {
                take(st, hours(3), 3, false)?;
                fulfil(st, hours(24 * 2), rng)?;
                let rate = WishRateInput {
                    id,
                    satisfaction: WishSatisfaction::NotSatisfied,
                    stars: 2,
                    comment: "修过之后还是漏风".into(),
                };
                at_time(st, hours(24 * 3), |st| st.wish_rate(actor, &rate))?;
            }
            End::Declined => {
                let reason = note("属于物业公司职责，已转告物业并告知居民");
                at_time(st, hours(3), |st| st.wish_decline(actor, &reason))?;
            }
            End::Cancelled => {
                at_time(st, hours(1), |st| st.wish_publish(actor, &note("")))?;
                let reason = note("居民家人已帮忙完成，居民来电取消");
                at_time(st, hours(24), |st| st.wish_cancel(actor, &reason))?;
            }
        }
        previous = Some(id);
    }
    // A wish posted at the kiosk a moment ago, as a resident does it.
    if let Some(phone) = st
        .conn()
        .query_row("SELECT phone FROM residents WHERE archived_at IS NULL ORDER BY id LIMIT 1", [], |r| r.get(0))
        .optional()?
    {
        let input = KioskWishInput {
            kind: WishKind::Service,
            content: "希望有人帮忙换一下家里的灯泡".into(),
            wanted_by: None,
            phone,
            notice_version: crate::privacy::NOTICE_VERSION.into(),
            photo_consent: false,
        };
        at_time(st, now - Duration::minutes(20), |st| st.wish_kiosk_post(&input))?;
    }
    Ok(PLAN.len() + 1)
}

/// A small picture for a 晒单 (sky, ground and a sun in colours from the generator), as the
/// PNG data URL the desk would send: the same picture for the same seed.
fn photo_data_url(rng: &mut Rng) -> Result<String> {
    let (w, h) = (480u32, 360u32);
    let sky = [120 + rng.below(80) as u8, 160 + rng.below(60) as u8, 220];
    let ground = [60 + rng.below(60) as u8, 140 + rng.below(60) as u8, 60];
    let sun = (80 + rng.below(320) as i64, 50 + rng.below(80) as i64);
    let image = image::RgbImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (i64::from(x) - sun.0, i64::from(y) - sun.1);
        if dx * dx + dy * dy < 900 {
            image::Rgb([250, 200, 60])
        } else if y > h * 2 / 3 {
            image::Rgb(ground)
        } else {
            // the sky lightens towards the horizon
            let lift = (y * 60 / h) as u8;
            image::Rgb([sky[0].saturating_add(lift), sky[1].saturating_add(lift), sky[2]])
        }
    });
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| crate::error::AppError::internal(format!("演示照片生成失败：{e}")))?;
    Ok(format!("data:image/png;base64,{}", super::photos::base64_encode(&png)))
}
