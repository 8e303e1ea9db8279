//! StationDesk's Tauri shell: windows, commands and the command line, over station-core.

mod applog;
pub mod cli;
mod commands;
mod dialogs;
mod headless;
mod printing;
mod single_instance;
pub mod state;
mod test_hooks;
mod window_state;
mod windows;

use cli::{Cli, Command};
use state::{AppState, LaunchMode};
use station_core::clock::Clock;
use station_core::demo::{self, DemoScale};
use station_core::staff::SetupInput;
use station_core::{db, Station};

/// `STATION_DESK_NOW=2026-11-25T09:00:00+08:00` starts the app's clock there (tests and demos
/// on debug builds; the shipped binary always runs on the machine's clock, see `test_hooks`).
fn clock_from_env() -> Clock {
    test_hooks::var("STATION_DESK_NOW")
        .and_then(|v| v.into_string().ok())
        .and_then(|v| chrono::DateTime::parse_from_rfc3339(&v).ok())
        .map(|t| Clock::starting_at(t.with_timezone(&chrono::Utc)))
        .unwrap_or(Clock::System)
}

/// The station's database for a command-line command, on the same clock as the app: a demo
/// loaded with `STATION_DESK_NOW` set is built around that day, not the machine's.
pub(crate) fn open_station(data_dir: &std::path::Path) -> station_core::Result<Station> {
    Station::open_with(&data_dir.join(db::DB_FILE_NAME), db::MIGRATIONS, clock_from_env())
}

pub fn main_with_args(args: Vec<String>) -> i32 {
    let cli = match cli::parse(&args) {
        Ok(cli) => cli,
        Err(msg) => {
            eprintln!("{msg}");
            return 2;
        }
    };
    match cli.command {
        Command::Help => {
            println!("{}", cli::HELP);
            0
        }
        Command::Version => {
            println!("station-desk {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Demo { residents, seed, areas } => match load_demo(&cli, residents, seed, areas) {
            Ok(msg) => {
                println!("{msg}");
                0
            }
            Err(e) => {
                eprintln!("{}", e.message);
                1
            }
        },
        Command::DemoCity { ref scale, ref out, seed, force } => {
            let Some(scale) = demo::CityScale::parse(scale) else { return 2 };
            match demo::generate_city(out, seed, &scale, force) {
                Ok(report) => {
                    print!("{report}");
                    println!("管理员登录名 {}，密码 {}", demo::city::CITY_ADMIN.0, demo::city::CITY_ADMIN.1);
                    0
                }
                Err(e) => {
                    eprintln!("{}", e.message);
                    1
                }
            }
        }
        Command::Backup => match backup_now(&cli) {
            Ok(msg) => {
                println!("{msg}");
                0
            }
            Err(e) => {
                eprintln!("{}", e.message);
                1
            }
        },
        Command::Import { target, ref file, dry_run, no_new_places } => {
            headless::import(&cli, target, file, dry_run, no_new_places)
        }
        Command::Setup(ref args) => headless::setup(&cli, args),
        Command::Report { ref period, format, ref out } => headless::report(&cli, period, format, out),
        Command::Desk => run_app(cli, LaunchMode::Desk),
        Command::Kiosk => run_app(cli, LaunchMode::KioskOnly),
    }
}

fn backup_now(cli: &Cli) -> station_core::Result<String> {
    let station = open_station(&cli.data_dir)?;
    let path = station.backup(station_core::backups::BackupKind::Manual)?.unwrap_or_default();
    Ok(format!("已备份到 {}", path.display()))
}

const DEMO_ADMIN: (&str, &str) = ("admin", "admin1234");
/// The demo station's kiosk exit PIN (an admin changes it on the desk's 自助终端 page).
const DEMO_KIOSK_EXIT_PIN: &str = "246810";

fn load_demo(cli: &Cli, residents: usize, seed: u64, areas: bool) -> station_core::Result<String> {
    let path = cli.data_dir.join(db::DB_FILE_NAME);
    let mut station = open_station(&cli.data_dir)?;
    let mut note = String::new();
    if !station.is_initialized()? {
        station.initialize(&SetupInput {
            station_name: "阳光花园小区党群服务站".into(),
            community: "凤台街道凤台社区".into(),
            address: "山西省晋城市城区凤台街道阳光花园小区 3 号楼底商".into(),
            admin_username: DEMO_ADMIN.0.into(),
            admin_display_name: "王站长".into(),
            admin_password: DEMO_ADMIN.1.into(),
            load_demo: true,
        })?;
        let admin = station.command_line_admin()?;
        let pin = station_core::staff::KioskExitPinInput { pin: DEMO_KIOSK_EXIT_PIN.into() };
        station.kiosk_exit_pin_set(&admin, &pin)?;
        note = format!(
            "\n已创建演示服务站，管理员登录名 {}，密码 {}，自助终端退出密码 {}（请登录后修改）",
            DEMO_ADMIN.0, DEMO_ADMIN.1, DEMO_KIOSK_EXIT_PIN
        );
    }
    let admin = station.command_line_admin()?;
    let added = demo::populate(&mut station, &admin, &DemoScale { residents, ..DemoScale::station() }, seed)?;
    let areas = if areas {
        format!(
            "；{}\n今天值班的志愿者在自助终端签到的演示密码 {}",
            demo::populate_areas(&mut station, &admin, seed)?,
            station_core::volunteers::demo::DEMO_PIN
        )
    } else {
        String::new()
    };
    Ok(format!("已载入演示数据：{added} 位居民{areas} → {}{note}", path.display()))
}

/// The first start of each local day backs the database up (in the background: the window
/// does not wait for it), then runs the retention purge (daily while the app runs).
fn daily_backup(handle: tauri::AppHandle) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        let state = handle.state::<AppState>();
        let made = state
            .with_backend(|backend| match backend {
                state::Backend::Ready { station, .. } => station.daily_backup_if_due(),
                state::Backend::Unavailable { .. } => Ok(None),
            })
            .await;
        match made {
            Ok(Some(path)) => applog::info(format!("daily backup: {}", path.display())),
            Ok(None) => {}
            Err(e) => applog::error(format!("daily backup failed: {:?}: {}", e.code, e.message)),
        }
        // After the backup (so what it removes is still in today's backup): the retention purge,
        // at start-up and then once each local day while the app runs (issue 17).
        loop {
            let ran = state
                .with_backend(|backend| match backend {
                    state::Backend::Ready { station, .. } => station.retention_auto_if_due(),
                    state::Backend::Unavailable { .. } => Ok(None),
                })
                .await;
            match ran {
                Ok(Some(r)) => applog::info(format!(
                    "retention: {} residents purged ({} waiting), {} wishes, {} cases, {} bookings",
                    r.residents, r.skipped, r.wishes, r.cases, r.bookings
                )),
                Ok(None) => {}
                Err(e) => applog::error(format!("retention failed: {:?}: {}", e.code, e.message)),
            }
            let _ =
                tauri::async_runtime::spawn_blocking(|| std::thread::sleep(std::time::Duration::from_secs(3600))).await;
        }
    });
}

fn run_app(cli: Cli, mode: LaunchMode) -> i32 {
    let os_data_dir = dirs::data_dir().unwrap_or_else(|| std::path::PathBuf::from(".")).join(cli::IDENTIFIER);
    let log_dir = applog::log_dir(&cli.data_dir, &os_data_dir, cli::IDENTIFIER);
    applog::init(&log_dir);
    let request = match mode {
        LaunchMode::Desk => single_instance::Request::Desk,
        LaunchMode::KioskOnly => single_instance::Request::Kiosk,
    };
    let instance = match single_instance::claim(&cli.data_dir, request) {
        Ok(single_instance::Claim::First(instance)) => instance,
        Ok(single_instance::Claim::Forwarded) => {
            applog::info(format!("second launch ({request:?}): handed to the running instance, exiting"));
            println!("工作台已在运行（数据目录 {}），已切换到它的窗口。", cli.data_dir.display());
            return 0;
        }
        Err(msg) => {
            applog::error(format!("single instance: {msg}"));
            eprintln!("{msg}");
            return 1;
        }
    };
    applog::info(format!(
        "StationDesk {} (build {}) starting: {mode:?}, data dir {}, schema v{}, log dir {}",
        env!("CARGO_PKG_VERSION"),
        option_env!("STATION_DESK_BUILD").unwrap_or("-"),
        cli.data_dir.display(),
        db::schema_version(),
        log_dir.display()
    ));
    let mut state = AppState::new(cli.data_dir, mode, clock_from_env());
    state.log_dir = log_dir;
    let result = tauri::Builder::default()
        .manage(state)
        .manage(commands::backups::PickedBackup::default())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::app_clock,
            commands::app::recovery_restore,
            commands::auth::setup_initialize,
            commands::auth::auth_login,
            commands::auth::auth_logout,
            commands::auth::auth_current,
            commands::auth::auth_change_password,
            commands::staff::staff_list,
            commands::staff::staff_create,
            commands::staff::staff_reset_password,
            commands::staff::staff_set_disabled,
            commands::settings::settings_get,
            commands::settings::settings_update,
            commands::settings::places_list,
            commands::settings::places_save,
            commands::settings::tags_list,
            commands::settings::tags_save,
            commands::settings::audit_list,
            commands::settings::demo_load,
            commands::residents::residents_search,
            commands::search::find_anything,
            commands::residents::residents_get,
            commands::residents::residents_create,
            commands::residents::residents_update,
            commands::residents::residents_archive,
            commands::residents::residents_restore,
            commands::residents::residents_purge,
            commands::residents::residents_export,
            commands::residents::home_summary,
            commands::privacy::residents_reveal_id,
            commands::privacy::privacy_consents,
            commands::privacy::privacy_consent_grant,
            commands::privacy::privacy_consent_withdraw,
            commands::privacy::privacy_retention_get,
            commands::privacy::privacy_retention_update,
            commands::privacy::privacy_retention_preview,
            commands::privacy::privacy_retention_run,
            commands::privacy::print_audit,
            commands::volunteers::volunteers_search,
            commands::volunteers::volunteers_get,
            commands::volunteers::volunteers_create,
            commands::volunteers::volunteers_update,
            commands::volunteers::volunteers_set_status,
            commands::volunteers::volunteers_set_pin,
            commands::volunteers::volunteers_today,
            commands::volunteers::volunteers_kinds,
            commands::volunteers::volunteers_kind_save,
            commands::volunteers::volunteers_history,
            commands::volunteers::volunteers_ledger_correct,
            commands::volunteers::volunteers_service_kinds,
            commands::volunteers::volunteers_service_kind_save,
            commands::volunteers::volunteers_ranking,
            commands::volunteers::volunteers_certificate,
            commands::volunteers::volunteers_claim_record,
            commands::volunteers::volunteers_claims_pending,
            commands::volunteers::volunteers_claim_decide,
            commands::volunteers::volunteers_units,
            commands::volunteers::volunteers_unit_save,
            commands::volunteers::volunteers_positions,
            commands::volunteers::volunteers_position_save,
            commands::volunteers::volunteers_templates,
            commands::volunteers::volunteers_template_save,
            commands::volunteers::volunteers_shifts_generate,
            commands::volunteers::volunteers_shift_create,
            commands::volunteers::volunteers_roster,
            commands::volunteers::volunteers_assign,
            commands::volunteers::volunteers_unassign,
            commands::volunteers::volunteers_sign_in,
            commands::volunteers::volunteers_sign_out,
            commands::volunteers::volunteers_reviews,
            commands::volunteers::volunteers_review,
            commands::volunteers::volunteers_kiosk_view,
            commands::volunteers::volunteers_kiosk_take_slot,
            commands::volunteers::volunteers_kiosk_sign_in,
            commands::volunteers::volunteers_kiosk_sign_out,
            commands::volunteers::volunteers_kiosk_report,
            commands::volunteers::volunteers_export_roster,
            commands::volunteers::volunteers_export_hours,
            commands::volunteers::volunteers_national_preview,
            commands::volunteers::volunteers_national_export,
            commands::volunteers::volunteers_national_batches,
            commands::cases::cases_list,
            commands::cases::cases_get,
            commands::cases::cases_home,
            commands::cases::cases_tick,
            commands::cases::cases_report,
            commands::cases::cases_accept,
            commands::cases::cases_assign,
            commands::cases::cases_investigate,
            commands::cases::cases_resolve,
            commands::cases::cases_department_report,
            commands::cases::cases_escalate,
            commands::cases::cases_send_back,
            commands::cases::cases_reopen,
            commands::cases::cases_close,
            commands::cases::cases_archive,
            commands::cases::cases_note,
            commands::cases::cases_direct_report,
            commands::cases::cases_feedback,
            commands::cases::cases_followup,
            commands::cases::cases_mark_unreasonable,
            commands::cases::cases_review_unreasonable,
            commands::cases::cases_photo_add,
            commands::cases::cases_photos,
            commands::cases::cases_figures,
            commands::cases::cases_figures_export,
            commands::cases::cases_handlers,
            commands::cases::cases_settings,
            commands::cases::cases_limits_save,
            commands::cases::cases_calendar_save,
            commands::cases::cases_department_save,
            commands::activities::activities_venues_list,
            commands::activities::activities_venue_save,
            commands::activities::activities_venue_closure,
            commands::activities::activities_categories,
            commands::activities::activities_category_save,
            commands::activities::activities_create,
            commands::activities::activities_update,
            commands::activities::activities_cancel,
            commands::activities::activities_set_status,
            commands::activities::activities_get,
            commands::activities::activities_list,
            commands::activities::activities_calendar,
            commands::activities::activities_today,
            commands::activities::activities_export_ics,
            commands::activities::activities_book,
            commands::activities::activities_booking_cancel,
            commands::activities::activities_check_in,
            commands::activities::activities_promotions,
            commands::activities::activities_promotion_notified,
            commands::activities::activities_attendance,
            commands::activities::activities_requests_list,
            commands::activities::activities_request_create,
            commands::activities::activities_request_decide,
            commands::activities::activities_kiosk_identify,
            commands::activities::activities_kiosk_buildings,
            commands::activities::activities_kiosk_register,
            commands::activities::activities_kiosk_list,
            commands::activities::activities_kiosk_book,
            commands::activities::activities_kiosk_bookings,
            commands::activities::activities_kiosk_cancel,
            commands::activities::activities_kiosk_check_in,
            commands::inventory::inventory_categories,
            commands::inventory::inventory_category_save,
            commands::inventory::inventory_items,
            commands::inventory::inventory_item_get,
            commands::inventory::inventory_item_create,
            commands::inventory::inventory_item_update,
            commands::inventory::inventory_item_archive,
            commands::inventory::inventory_item_restore,
            commands::inventory::inventory_item_set_photo,
            commands::inventory::inventory_item_photo,
            commands::inventory::inventory_asset_label,
            commands::inventory::inventory_receive,
            commands::inventory::inventory_issue,
            commands::inventory::inventory_adjust,
            commands::inventory::inventory_dispose,
            commands::inventory::inventory_reverse,
            commands::inventory::inventory_movements,
            commands::inventory::inventory_lend,
            commands::inventory::inventory_return,
            commands::inventory::inventory_asset_repaired,
            commands::inventory::inventory_renew,
            commands::inventory::inventory_loans,
            commands::inventory::inventory_reserve,
            commands::inventory::inventory_reservation_cancel,
            commands::inventory::inventory_reservations,
            commands::inventory::inventory_stocktake_start,
            commands::inventory::inventory_stocktake_finish,
            commands::inventory::inventory_stocktake_cancel,
            commands::inventory::inventory_stocktake_get,
            commands::inventory::inventory_stocktakes,
            commands::inventory::inventory_emergency,
            commands::inventory::inventory_home,
            commands::inventory::inventory_export_ledger,
            commands::inventory::inventory_export_stock,
            commands::kiosk::desk_open_kiosk,
            commands::kiosk::kiosk_info,
            commands::kiosk::kiosk_exit,
            commands::kiosk::kiosk_alerts,
            commands::kiosk::kiosk_unlock,
            commands::kiosk::kiosk_exit_pin_status,
            commands::kiosk::kiosk_exit_pin_set,
            commands::kiosk::kiosk_resident_pin_set,
            commands::wishes::wishes_board,
            commands::wishes::wishes_overdue,
            commands::wishes::wishes_get,
            commands::wishes::wishes_post,
            commands::wishes::wishes_publish,
            commands::wishes::wishes_assign,
            commands::wishes::wishes_claim,
            commands::wishes::wishes_reassign,
            commands::wishes::wishes_merge,
            commands::wishes::wishes_decline,
            commands::wishes::wishes_cancel,
            commands::wishes::wishes_remind,
            commands::wishes::wishes_note,
            commands::wishes::wishes_fulfil,
            commands::wishes::wishes_rate,
            commands::wishes::wishes_close,
            commands::wishes::wishes_set_credit,
            commands::wishes::wishes_photo,
            commands::wishes::wishes_receipt,
            commands::wishes::wishes_month_list,
            commands::wishes::wishes_helper_options,
            commands::wishes::wishes_kiosk_post,
            commands::wishes::wishes_kiosk_wall,
            commands::wishes::wishes_kiosk_photo,
            commands::wishes::wishes_kiosk_lookup,
            commands::wishes::wishes_kiosk_rate,
            commands::wishes::wishes_kiosk_helper,
            commands::wishes::wishes_kiosk_claim,
            commands::wishes::wishes_kiosk_fulfil,
            commands::party::party_can_access,
            commands::party::party_access_list,
            commands::party::party_access_set,
            commands::party::party_org_tree,
            commands::party::party_org_get,
            commands::party::party_org_create,
            commands::party::party_org_event,
            commands::party::party_members,
            commands::party::party_member_get,
            commands::party::party_member_create,
            commands::party::party_member_update,
            commands::party::party_member_event,
            commands::party::party_meetings,
            commands::party::party_meeting_get,
            commands::party::party_meeting_save,
            commands::party::party_meeting_step,
            commands::party::party_meeting_note,
            commands::party::party_quotas,
            commands::party::party_quotas_set,
            commands::party::party_compliance,
            commands::party::party_due_now,
            commands::party::party_dues_reduce,
            commands::party::party_dues_pay,
            commands::party::party_dues_void,
            commands::party::party_dues_sheet,
            commands::party::party_dues_close,
            commands::party::party_dues_reopen,
            commands::party::party_dues_closings,
            commands::import::import_pick_file,
            commands::import::import_preview,
            commands::import::import_commit,
            commands::print::print_pdf,
            commands::report::report_get,
            commands::report::report_close,
            commands::report::report_reopen,
            commands::report::report_closings,
            commands::report::report_verify_chain,
            commands::report::report_export,
            commands::report::report_print,
            commands::backups::backups_list,
            commands::backups::backups_create,
            commands::backups::backups_save_as,
            commands::backups::backups_inspect_file,
            commands::backups::backups_inspect,
            commands::backups::backups_restore,
            commands::backups::app_about,
            commands::backups::app_open_folder,
            commands::bench::bench_first_paint,
        ])
        .setup(move |app| {
            match mode {
                LaunchMode::Desk => {
                    windows::open_desk(app.handle())?;
                }
                LaunchMode::KioskOnly => windows::open_kiosk(app.handle())?,
            }
            let handle = app.handle().clone();
            instance.serve(move |request| {
                let shown = match request {
                    single_instance::Request::Desk => windows::open_desk(&handle).map(|_| ()),
                    single_instance::Request::Kiosk => windows::open_kiosk(&handle),
                };
                match shown {
                    Ok(()) => {
                        applog::info(format!(
                            "second launch on this data folder: {request:?} window brought to the front"
                        ));
                        true
                    }
                    Err(e) => {
                        applog::error(format!("second launch: could not show the {request:?} window: {e}"));
                        false
                    }
                }
            });
            daily_backup(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("StationDesk could not start: {e}");
            1
        }
    }
}
