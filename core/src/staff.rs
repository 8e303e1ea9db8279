//! Staff accounts: first-run setup, login, and the admin's account management.

use crate::actor::{Actor, Role, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::guard::{self, Scope, Verdict};
use crate::settings::{self, Settings};
use crate::validate;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MIN_PASSWORD_CHARS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffAccount {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
    pub last_login_at: Option<String>,
}

impl StaffAccount {
    pub fn actor(&self) -> StaffActor {
        StaffActor { id: self.id, display_name: self.display_name.clone(), role: self.role }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupInput {
    pub station_name: String,
    pub community: String,
    pub address: String,
    pub admin_username: String,
    pub admin_display_name: String,
    pub admin_password: String,
    pub load_demo: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoginInput {
    pub username: String,
    pub password: String,
}

/// The kiosk exit PIN an admin sets.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskExitPinInput {
    /// 6 digits
    pub pin: String,
}

/// Where the kiosk exit PIN's hash is kept (the settings table).
const KIOSK_EXIT_PIN_KEY: &str = "kiosk_exit_pin_hash";

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffCreateInput {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PasswordResetInput {
    pub staff_id: i64,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PasswordChangeInput {
    pub old_password: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffDisableInput {
    pub staff_id: i64,
    pub disabled: bool,
}

const STAFF_COLUMNS: &str = "id, username, display_name, role, disabled, created_at, last_login_at";

fn staff_from_row(row: &Row) -> rusqlite::Result<StaffAccount> {
    let role: String = row.get(3)?;
    Ok(StaffAccount {
        id: row.get(0)?,
        username: row.get(1)?,
        display_name: row.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Staff),
        disabled: row.get(4)?,
        created_at: row.get(5)?,
        last_login_at: row.get(6)?,
    })
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(AppError::internal)
}

pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A hash checked for an unknown user name, so that case takes as long as a wrong password.
fn dummy_password_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-password").unwrap_or_default())
}

fn check_password(field: &str, password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::validation(field, format!("密码至少需要 {MIN_PASSWORD_CHARS} 个字符")));
    }
    if password.chars().count() > 128 {
        return Err(AppError::validation(field, "密码不能超过 128 个字符"));
    }
    Ok(())
}

fn check_username(username: &str) -> Result<String> {
    let username = validate::required_text("username", "登录名", username, 32)?;
    if !username.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-') {
        return Err(AppError::validation("username", "登录名只能包含英文字母、数字、下划线、点和连字符"));
    }
    Ok(username)
}

fn insert_staff(tx: &Tx, username: &str, display_name: &str, password: &str, role: Role) -> Result<i64> {
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE username = ?1)", [username], |r| r.get(0))?;
    if exists {
        return Err(AppError::validation("username", format!("登录名「{username}」已被使用")));
    }
    tx.execute(
        "INSERT INTO staff (username, display_name, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![username, display_name, hash_password(password)?, role.as_str(), tx.now_str()],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit("staff", Some(id), "create", &format!("{display_name}（{username}，{}）", role_label(role)))?;
    Ok(id)
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::Admin => "管理员",
        Role::Staff => "工作人员",
    }
}

impl Station {
    pub fn is_initialized(&self) -> Result<bool> {
        Ok(self.conn().query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'admin')", [], |r| r.get(0))?)
    }

    /// First run: names the station and creates the first admin, in one transaction.
    pub fn initialize(&mut self, input: &SetupInput) -> Result<StaffAccount> {
        if self.is_initialized()? {
            return Err(AppError::new(ErrorCode::AlreadyInitialized, "工作台已完成首次设置"));
        }
        let station_name = validate::required_text("stationName", "服务站名称", &input.station_name, 60)?;
        let community = validate::required_text("community", "所属社区", &input.community, 60)?;
        let address = validate::optional_text("address", "地址", &input.address, 120)?;
        let username = check_username(&input.admin_username).map_err(|e| rename_field(e, "adminUsername"))?;
        let display_name = validate::required_text("adminDisplayName", "管理员姓名", &input.admin_display_name, 30)?;
        check_password("adminPassword", &input.admin_password)?;
        let settings = Settings { station_name, community, address, ..Settings::default() };
        let id = self.write(&Actor::System, |tx| {
            settings::store(tx, &settings)?;
            insert_staff(tx, &username, &display_name, &input.admin_password, Role::Admin)
        })?;
        self.reload_timezone()?;
        self.staff_by_id(id)
    }

    /// Checks a username and password. A wrong password and an unknown name get the same
    /// answer, so the login screen does not reveal which accounts exist. Failures are counted
    /// per user name and for the whole desk with growing delays (`crate::guard`), and each is
    /// audited.
    pub fn login(&mut self, input: &LoginInput) -> Result<StaffAccount> {
        if !self.is_initialized()? {
            return Err(AppError::new(ErrorCode::NotInitialized, "请先完成首次设置"));
        }
        let username = input.username.trim();
        if username.is_empty() {
            return Err(AppError::validation("username", "请输入登录名"));
        }
        if input.password.is_empty() {
            return Err(AppError::validation("password", "请输入密码"));
        }
        // User names are case-insensitive (COLLATE NOCASE): count 'Admin' and 'admin' as one.
        let key: String = username.to_lowercase().chars().take(64).collect();
        let scopes = [
            Scope { kind: guard::STAFF_LOGIN, key: &key, policy: guard::LOGIN_USER },
            Scope { kind: guard::DESK_LOGIN, key: guard::WHOLE, policy: guard::LOGIN_MACHINE },
        ];
        let shown: String = username.chars().take(32).collect();
        let (id, disabled) = self.guarded(&Actor::System, &scopes, Some(&scopes[0]), bad_credentials(), |tx| {
            let found: Option<(i64, String, bool)> = tx
                .query_row("SELECT id, password_hash, disabled FROM staff WHERE username = ?1", [username], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            // An unknown name costs one hash check too, so timing does not tell it apart.
            let hash = found.as_ref().map_or_else(|| dummy_password_hash().to_string(), |f| f.1.clone());
            let right = verify_password(&input.password, &hash);
            match found {
                Some((id, _, disabled)) if right => Ok(Verdict::Right((id, disabled))),
                _ => {
                    tx.audit("staff", None, "guess_failed", &format!("登录失败：登录名「{shown}」"))?;
                    Ok(Verdict::Wrong)
                }
            }
        })?;
        if disabled {
            return Err(AppError::new(ErrorCode::AccountDisabled, "该账号已停用，请联系管理员"));
        }
        let account = self.staff_by_id(id)?;
        let actor = Actor::Staff(account.actor());
        self.write(&actor, |tx| {
            tx.execute("UPDATE staff SET last_login_at = ?1 WHERE id = ?2", params![tx.now_str(), id])?;
            tx.audit("staff", Some(id), "login", "")
        })?;
        self.staff_by_id(id)
    }

    /// Leaving kiosk mode needs the kiosk exit PIN an admin set at the desk — never an admin's
    /// desk password, which must not be typed on a public screen. Wrong PINs are throttled
    /// and audited; the exit itself is audited. A station not yet set up has no data to
    /// protect, so its kiosk can always be left (else it would trap the screen for good).
    pub fn may_leave_kiosk(&mut self, pin: &str) -> Result<()> {
        if !self.is_initialized()? {
            return Ok(());
        }
        let Some(hash) = self.kiosk_exit_pin_hash()? else {
            return Err(AppError::new(
                ErrorCode::Conflict,
                "尚未设置自助终端退出密码：请管理员在工作台「自助终端」页设置后再退出",
            ));
        };
        let pin = validate::half_width(pin.trim());
        let scopes = [Scope { kind: guard::EXIT_PIN, key: guard::WHOLE, policy: guard::KIOSK_EXIT }];
        let wrong = AppError::new(ErrorCode::BadCredentials, "退出密码不正确");
        self.guarded(&Actor::Kiosk, &scopes, Some(&scopes[0]), wrong, |tx| {
            if verify_password(&pin, &hash) {
                tx.audit("kiosk", None, "exit", "用退出密码退出自助终端")?;
                Ok(Verdict::Right(()))
            } else {
                tx.audit("kiosk", None, "guess_failed", "自助终端退出密码错误")?;
                Ok(Verdict::Wrong)
            }
        })
    }

    fn kiosk_exit_pin_hash(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [KIOSK_EXIT_PIN_KEY], |r| r.get(0))
            .optional()?)
    }

    /// Whether the kiosk exit PIN is set (the desk's kiosk page).
    pub fn kiosk_exit_pin_is_set(&self, _actor: &StaffActor) -> Result<bool> {
        Ok(self.kiosk_exit_pin_hash()?.is_some())
    }

    /// An admin sets the kiosk exit PIN: 6 digits, typed on the kiosk's keypad by staff.
    pub fn kiosk_exit_pin_set(&mut self, actor: &StaffActor, input: &KioskExitPinInput) -> Result<()> {
        actor.require_admin()?;
        let pin = validate::half_width(input.pin.trim());
        if pin.len() != 6 || !pin.chars().all(|c| c.is_ascii_digit()) {
            return Err(AppError::validation("pin", "退出密码应为 6 位数字"));
        }
        if pin.chars().all(|c| pin.starts_with(c)) || "0123456789".contains(&pin) || "9876543210".contains(&pin) {
            return Err(AppError::validation("pin", "退出密码太容易被猜到（如 111111、123456），请换一个"));
        }
        let hash = hash_password(&pin)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![KIOSK_EXIT_PIN_KEY, hash],
            )?;
            tx.execute("DELETE FROM guess_throttle WHERE kind = ?1", [guard::EXIT_PIN])?;
            tx.audit("settings", None, "kiosk_exit_pin", "设置自助终端退出密码")
        })
    }

    /// Verifies an admin's password.
    pub fn verify_admin_password(&self, password: &str) -> Result<()> {
        let mut stmt = self.conn().prepare("SELECT password_hash FROM staff WHERE role = 'admin' AND disabled = 0")?;
        let hashes: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        if hashes.iter().any(|h| verify_password(password, h)) {
            Ok(())
        } else {
            Err(AppError::new(ErrorCode::BadCredentials, "管理员密码不正确"))
        }
    }

    pub fn staff_by_id(&self, id: i64) -> Result<StaffAccount> {
        self.conn()
            .query_row(&format!("SELECT {STAFF_COLUMNS} FROM staff WHERE id = ?1"), [id], staff_from_row)
            .optional()?
            .ok_or_else(|| AppError::not_found("工作人员账号"))
    }

    /// The session's view of an account: refuses one that was disabled meanwhile.
    pub fn active_staff(&self, id: i64) -> Result<StaffActor> {
        let account = self.staff_by_id(id)?;
        if account.disabled {
            return Err(AppError::new(ErrorCode::AccountDisabled, "该账号已停用，请联系管理员"));
        }
        Ok(account.actor())
    }

    /// Who a command-line run (`station-desk import …`) acts as: the first active admin. Whoever
    /// can run the program on the station's PC can open its data file anyway; the audit log
    /// names that admin.
    pub fn command_line_admin(&self) -> Result<StaffActor> {
        if !self.is_initialized()? {
            return Err(AppError::new(ErrorCode::NotInitialized, "服务站尚未完成首次设置，请先打开工作台完成设置"));
        }
        let id: i64 = self.conn().query_row(
            "SELECT id FROM staff WHERE role = 'admin' AND disabled = 0 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )?;
        self.active_staff(id)
    }

    pub fn staff_list(&self, actor: &StaffActor) -> Result<Vec<StaffAccount>> {
        actor.require_admin()?;
        let mut stmt =
            self.conn().prepare(&format!("SELECT {STAFF_COLUMNS} FROM staff ORDER BY disabled, role, id"))?;
        let rows = stmt.query_map([], staff_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn staff_create(&mut self, actor: &StaffActor, input: &StaffCreateInput) -> Result<StaffAccount> {
        actor.require_admin()?;
        let username = check_username(&input.username)?;
        let display_name = validate::required_text("displayName", "姓名", &input.display_name, 30)?;
        check_password("password", &input.password)?;
        let id = self.write(&Actor::Staff(actor.clone()), |tx| {
            insert_staff(tx, &username, &display_name, &input.password, input.role)
        })?;
        self.staff_by_id(id)
    }

    pub fn staff_reset_password(&mut self, actor: &StaffActor, input: &PasswordResetInput) -> Result<()> {
        actor.require_admin()?;
        check_password("newPassword", &input.new_password)?;
        let target = self.staff_by_id(input.staff_id)?;
        let hash = hash_password(&input.new_password)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            tx.execute("UPDATE staff SET password_hash = ?1 WHERE id = ?2", params![hash, target.id])?;
            tx.audit("staff", Some(target.id), "reset_password", &target.display_name)
        })
    }

    pub fn change_own_password(&mut self, actor: &StaffActor, input: &PasswordChangeInput) -> Result<()> {
        let hash: String =
            self.conn().query_row("SELECT password_hash FROM staff WHERE id = ?1", [actor.id], |r| r.get(0))?;
        if !verify_password(&input.old_password, &hash) {
            return Err(AppError::validation("oldPassword", "原密码不正确"));
        }
        check_password("newPassword", &input.new_password)?;
        let new_hash = hash_password(&input.new_password)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            tx.execute("UPDATE staff SET password_hash = ?1 WHERE id = ?2", params![new_hash, actor.id])?;
            tx.audit("staff", Some(actor.id), "change_password", "")
        })
    }

    pub fn staff_set_disabled(&mut self, actor: &StaffActor, input: &StaffDisableInput) -> Result<StaffAccount> {
        actor.require_admin()?;
        let target = self.staff_by_id(input.staff_id)?;
        if input.disabled && target.id == actor.id {
            return Err(AppError::new(ErrorCode::Conflict, "不能停用自己正在使用的账号"));
        }
        self.write(&Actor::Staff(actor.clone()), |tx| {
            if input.disabled && target.role == Role::Admin {
                let other_admins: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM staff WHERE role = 'admin' AND disabled = 0 AND id <> ?1",
                    [target.id],
                    |r| r.get(0),
                )?;
                if other_admins == 0 {
                    return Err(AppError::new(ErrorCode::Conflict, "至少需要保留一个可用的管理员账号"));
                }
            }
            tx.execute("UPDATE staff SET disabled = ?1 WHERE id = ?2", params![input.disabled, target.id])?;
            let action = if input.disabled { "disable" } else { "enable" };
            tx.audit("staff", Some(target.id), action, &target.display_name)
        })?;
        self.staff_by_id(target.id)
    }
}

fn bad_credentials() -> AppError {
    AppError::new(ErrorCode::BadCredentials, "登录名或密码不正确")
}

fn rename_field(mut err: AppError, field: &str) -> AppError {
    if err.field.is_some() {
        err.field = Some(field.to_string());
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::setup_input;

    fn account(username: &str, display_name: &str, password: &str, role: Role) -> StaffCreateInput {
        StaffCreateInput {
            username: username.into(),
            display_name: display_name.into(),
            password: password.into(),
            role,
        }
    }

    fn initialized() -> (Station, StaffActor) {
        let mut st = Station::open_in_memory().unwrap();
        let admin = st.initialize(&setup_input()).unwrap();
        (st, admin.actor())
    }

    #[test]
    fn setup_runs_once_and_creates_an_admin() {
        let (mut st, admin) = initialized();
        assert_eq!(admin.role, Role::Admin);
        assert!(st.is_initialized().unwrap());
        let again = st.initialize(&setup_input()).unwrap_err();
        assert_eq!(again.code, ErrorCode::AlreadyInitialized);
        assert_eq!(st.settings().unwrap().station_name, "阳光花园党群服务站");
    }

    #[test]
    fn setup_rejects_short_password_and_writes_nothing() {
        let mut st = Station::open_in_memory().unwrap();
        let mut input = setup_input();
        input.admin_password = "short".into();
        let err = st.initialize(&input).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("adminPassword"));
        assert!(!st.is_initialized().unwrap());
        let settings_rows: i64 = st.conn().query_row("SELECT COUNT(*) FROM settings", [], |r| r.get(0)).unwrap();
        assert_eq!(settings_rows, 0);
    }

    #[test]
    fn passwords_are_hashed_not_stored() {
        let (st, _) = initialized();
        let hash: String = st.conn().query_row("SELECT password_hash FROM staff", [], |r| r.get(0)).unwrap();
        assert!(hash.starts_with("$argon2"));
        assert!(!hash.contains("station-2026"));
    }

    #[test]
    fn login_checks_password_and_disabled_accounts() {
        let (mut st, admin) = initialized();
        let wrong = st.login(&LoginInput { username: "admin".into(), password: "nope-nope".into() }).unwrap_err();
        assert_eq!(wrong.code, ErrorCode::BadCredentials);
        let unknown = st.login(&LoginInput { username: "ghost".into(), password: "station-2026".into() }).unwrap_err();
        assert_eq!(unknown.message, wrong.message, "unknown names and wrong passwords look alike");

        let clerk = st.staff_create(&admin, &account("liuyun", "刘芸", "desk-pass-1", Role::Staff)).unwrap();
        let ok = st.login(&LoginInput { username: "LiuYun".into(), password: "desk-pass-1".into() }).unwrap();
        assert_eq!(ok.id, clerk.id);
        assert!(ok.last_login_at.is_some());

        st.staff_set_disabled(&admin, &StaffDisableInput { staff_id: clerk.id, disabled: true }).unwrap();
        let disabled = st.login(&LoginInput { username: "liuyun".into(), password: "desk-pass-1".into() }).unwrap_err();
        assert_eq!(disabled.code, ErrorCode::AccountDisabled);
        assert_eq!(st.active_staff(clerk.id).unwrap_err().code, ErrorCode::AccountDisabled);
    }

    #[test]
    fn only_admins_manage_staff() {
        let (mut st, admin) = initialized();
        let clerk = st.staff_create(&admin, &account("clerk", "李文", "desk-pass-1", Role::Staff)).unwrap().actor();
        let input = account("other", "赵六", "desk-pass-2", Role::Admin);
        assert_eq!(st.staff_create(&clerk, &input).unwrap_err().code, ErrorCode::Forbidden);
        assert_eq!(st.staff_list(&clerk).unwrap_err().code, ErrorCode::Forbidden);
        let reset = PasswordResetInput { staff_id: admin.id, new_password: "hijacked-1".into() };
        assert_eq!(st.staff_reset_password(&clerk, &reset).unwrap_err().code, ErrorCode::Forbidden);
    }

    #[test]
    fn duplicate_usernames_are_refused_case_insensitively() {
        let (mut st, admin) = initialized();
        let err = st.staff_create(&admin, &account("ADMIN", "重复", "desk-pass-1", Role::Staff)).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("username"));
    }

    #[test]
    fn the_last_admin_cannot_be_disabled() {
        let (mut st, admin) = initialized();
        let second = st.staff_create(&admin, &account("admin2", "副站长", "desk-pass-1", Role::Admin)).unwrap();
        // Admin 2 disables admin 1: fine, admin 2 remains.
        st.staff_set_disabled(&second.actor(), &StaffDisableInput { staff_id: admin.id, disabled: true }).unwrap();
        // Nobody can then disable admin 2, the last one (self-disable is refused too).
        let err = st
            .staff_set_disabled(&second.actor(), &StaffDisableInput { staff_id: second.id, disabled: true })
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
    }

    #[test]
    fn password_reset_and_change() {
        let (mut st, admin) = initialized();
        st.change_own_password(
            &admin,
            &PasswordChangeInput { old_password: "station-2026".into(), new_password: "new-password-9".into() },
        )
        .unwrap();
        assert!(st.login(&LoginInput { username: "admin".into(), password: "new-password-9".into() }).is_ok());
        let wrong_old = st
            .change_own_password(
                &admin,
                &PasswordChangeInput { old_password: "station-2026".into(), new_password: "another-one-1".into() },
            )
            .unwrap_err();
        assert_eq!(wrong_old.field.as_deref(), Some("oldPassword"));
        assert!(st.verify_admin_password("new-password-9").is_ok());
        assert_eq!(st.verify_admin_password("station-2026").unwrap_err().code, ErrorCode::BadCredentials);
    }

    #[test]
    fn the_kiosk_of_a_new_station_can_be_left_but_later_needs_the_kiosk_exit_pin_never_a_password() {
        let mut st = Station::open_in_memory().unwrap();
        assert!(st.may_leave_kiosk("").is_ok());
        let admin = st.initialize(&setup_input()).unwrap().actor();
        // Before an admin set the exit PIN, nothing lets the kiosk be left — not the password.
        assert_eq!(st.may_leave_kiosk(crate::testing::ADMIN_PASSWORD).unwrap_err().code, ErrorCode::Conflict);
        let clerk = st.staff_create(&admin, &account("clerk", "李文", "desk-pass-1", Role::Staff)).unwrap().actor();
        let set = |pin: &str| KioskExitPinInput { pin: pin.into() };
        assert_eq!(st.kiosk_exit_pin_set(&clerk, &set("246813")).unwrap_err().code, ErrorCode::Forbidden);
        for weak in ["123456", "111111", "12345", "abcdef"] {
            assert_eq!(st.kiosk_exit_pin_set(&admin, &set(weak)).unwrap_err().field.as_deref(), Some("pin"), "{weak}");
        }
        st.kiosk_exit_pin_set(&admin, &set("246813")).unwrap();
        assert!(st.kiosk_exit_pin_is_set(&admin).unwrap());
        assert_eq!(st.may_leave_kiosk(crate::testing::ADMIN_PASSWORD).unwrap_err().code, ErrorCode::BadCredentials);
        st.may_leave_kiosk("246813").unwrap();
        let audited: Vec<String> = st
            .conn()
            .prepare("SELECT action FROM audit_log WHERE entity = 'kiosk' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(audited, ["guess_failed", "exit"]);
    }

    #[test]
    fn wrong_exit_pins_are_slowed_and_even_the_right_one_waits_out_the_lock() {
        let (mut st, admin) = initialized();
        st.set_clock(crate::clock::Clock::Fixed(chrono::Utc::now()));
        st.kiosk_exit_pin_set(&admin, &KioskExitPinInput { pin: "246813".into() }).unwrap();
        for _ in 0..3 {
            assert_eq!(st.may_leave_kiosk("000000").unwrap_err().code, ErrorCode::BadCredentials);
        }
        assert!(st.may_leave_kiosk("000000").unwrap_err().message.contains("后再试"));
        assert_eq!(st.may_leave_kiosk("246813").unwrap_err().code, ErrorCode::TooManyAttempts);
        let clock = st.now() + chrono::Duration::seconds(31);
        st.set_clock(crate::clock::Clock::Fixed(clock));
        st.may_leave_kiosk("246813").unwrap();
    }

    #[test]
    fn login_failures_are_audited_and_slowed_per_user_name_and_for_the_whole_desk() {
        let (mut st, _) = initialized();
        let t0 = chrono::Utc::now();
        st.set_clock(crate::clock::Clock::Fixed(t0));
        let login = |u: &str, p: &str| LoginInput { username: u.into(), password: p.into() };
        for _ in 0..5 {
            assert_eq!(st.login(&login("admin", "wrong-pass")).unwrap_err().code, ErrorCode::BadCredentials);
        }
        let sixth = st.login(&login("ADMIN", "wrong-pass")).unwrap_err();
        assert!(sixth.message.contains("30 秒"), "{}", sixth.message);
        // Locked: even the right password waits; an unknown name is not locked by it.
        assert_eq!(
            st.login(&login("admin", crate::testing::ADMIN_PASSWORD)).unwrap_err().code,
            ErrorCode::TooManyAttempts
        );
        st.set_clock(crate::clock::Clock::Fixed(t0 + chrono::Duration::seconds(31)));
        st.login(&login("admin", crate::testing::ADMIN_PASSWORD)).unwrap();
        // Spraying names: the desk-wide counter slows it after 20 failures in all.
        for i in 0..13 {
            assert_eq!(st.login(&login(&format!("user{i}"), "x")).unwrap_err().code, ErrorCode::BadCredentials);
        }
        assert_eq!(st.login(&login("user99", "x")).unwrap_err().code, ErrorCode::BadCredentials);
        assert!(st.login(&login("user98", "x")).unwrap_err().message.contains("后再试"));
        let failed: i64 = st
            .conn()
            .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'guess_failed' AND entity = 'staff'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(failed, 6 + 13 + 2);
    }

    #[test]
    fn every_staff_write_is_audited() {
        let (mut st, admin) = initialized();
        st.staff_create(&admin, &account("clerk", "李文", "desk-pass-1", Role::Staff)).unwrap();
        let (actor, action): (String, String) = st
            .conn()
            .query_row(
                "SELECT actor_name, action FROM audit_log WHERE entity = 'staff' ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((actor.as_str(), action.as_str()), ("王站长", "create"));
    }
}
