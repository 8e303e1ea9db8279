//! Drives the real app window: starts Xvfb (unless a DISPLAY is given), tauri-driver (which
//! starts WebKitWebDriver and the app), and connects a WebDriver client to it.
//! Shared by tests/e2e.rs and tests/screenshots.rs; each uses part of it.
#![allow(dead_code)]

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const APP: &str = env!("CARGO_BIN_EXE_station-desk");
const WAIT: Duration = Duration::from_secs(20);

/// The suite's own clock: every app window and every command-line run (demo data, backups)
/// starts on it unless a test sets `STATION_DESK_NOW` itself, so no test meets the machine's
/// date. It starts on a fixed Wednesday morning and moves on with the suite's own run time,
/// so an app restarted later in a test finds time has passed, never gone back.
const SUITE_EPOCH: &str = "2027-06-09T09:30:00+08:00";

pub fn suite_now() -> String {
    static STARTED: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let started = *STARTED.get_or_init(Instant::now);
    let epoch = chrono::DateTime::parse_from_rfc3339(SUITE_EPOCH).expect("SUITE_EPOCH is RFC 3339");
    let elapsed = chrono::Duration::from_std(started.elapsed()).unwrap_or_default();
    (epoch + elapsed).to_rfc3339()
}

/// A station's file opened through the core on the suite's clock (fixtures a test writes
/// before the window starts, checks after it stops): "today" there is the app's today.
pub fn suite_station(path: &Path) -> station_core::Station {
    let now = chrono::DateTime::parse_from_rfc3339(&suite_now()).expect("suite clock").to_utc();
    station_core::Station::open_with(path, station_core::db::MIGRATIONS, station_core::clock::Clock::starting_at(now))
        .unwrap_or_else(|e| panic!("open {}: {e:?}", path.display()))
}

/// `station-desk` on the command line, on the suite's clock.
pub fn app_command() -> Command {
    let mut command = Command::new(APP);
    command.env("STATION_DESK_NOW", suite_now());
    command
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

fn tauri_driver_path() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(p);
    }
    let cargo_bin = PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo/bin/tauri-driver");
    if cargo_bin.exists() {
        cargo_bin
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// Stops a child politely: a SIGKILLed tauri-driver leaves WebKitWebDriver behind.
fn terminate(child: &mut Child) {
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

pub struct App {
    pub client: Client,
    driver: Child,
    xvfb: Option<Child>,
    data_dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

/// Waits until the app on `data_dir` has let go of the folder's instance lock (the process
/// has ended), ending it if it lingers: a test that starts the app again on the same folder
/// must get a new instance, not have its launch handed to the closing one.
fn end_instance(data_dir: &Path) {
    let lock = data_dir.join("station-desk.lock");
    let free = || match std::fs::OpenOptions::new().write(true).open(&lock) {
        Ok(f) => f.try_lock().is_ok(),
        Err(_) => true,
    };
    let wait = |limit: Duration| {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if free() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    };
    if wait(Duration::from_secs(5)) {
        return;
    }
    let pid = std::fs::read_to_string(data_dir.join("station-desk.instance"))
        .ok()
        .and_then(|note| note.lines().nth(1).map(str::trim).map(String::from));
    for signal in ["-TERM", "-KILL"] {
        if let Some(pid) = &pid {
            let _ = Command::new("kill").args([signal, pid]).status();
        }
        if wait(Duration::from_secs(3)) {
            return;
        }
    }
}

pub enum Mode {
    Desk,
    Kiosk,
}

impl App {
    /// Starts the app on a fresh, empty data folder.
    pub async fn start(mode: Mode) -> App {
        let temp = tempfile::tempdir().expect("temp data dir");
        let dir = temp.path().to_path_buf();
        App::start_in(&dir, mode, Some(temp)).await
    }

    pub async fn start_in(data_dir: &Path, mode: Mode, temp: Option<tempfile::TempDir>) -> App {
        App::launch(data_dir, mode, temp, None, &[]).await
    }

    /// Starts the app on this data folder with its clock at `now` (RFC 3339, e.g.
    /// "2026-11-25T09:00:00+08:00"); restart with a later `now` to let time pass.
    pub async fn start_at(data_dir: &Path, mode: Mode, now: &str) -> App {
        App::launch(data_dir, mode, None, None, &[("STATION_DESK_NOW", now)]).await
    }

    /// Starts the app with extra environment variables (clock, dialog bypass paths …).
    pub async fn start_with_env(data_dir: &Path, mode: Mode, env: &[(&str, &str)]) -> App {
        App::launch(data_dir, mode, None, None, env).await
    }

    /// Starts the app on its own virtual screen of this size (for screenshots).
    pub async fn start_on_screen(data_dir: &Path, mode: Mode, size: (u32, u32)) -> App {
        App::launch_with_env_on_screen(data_dir, mode, size, &[]).await
    }

    /// `start_on_screen` with extra environment variables (dialog answers for screenshots).
    pub async fn launch_with_env_on_screen(data_dir: &Path, mode: Mode, size: (u32, u32), env: &[(&str, &str)]) -> App {
        let app = App::launch(data_dir, mode, None, Some(size), env).await;
        let _ = app.client.set_window_size(size.0, size.1).await;
        app
    }

    async fn launch(
        data_dir: &Path,
        mode: Mode,
        temp: Option<tempfile::TempDir>,
        size: Option<(u32, u32)>,
        env: &[(&str, &str)],
    ) -> App {
        let own_screen = size.is_some() || std::env::var("DISPLAY").map_or(true, |d| d.is_empty());
        let (display, xvfb) = match own_screen {
            false => (std::env::var("DISPLAY").unwrap_or_default(), None),
            true => {
                let (w, h) = size.unwrap_or((1366, 768));
                let n = 90 + (std::process::id() % 400) + (w % 7);
                let display = format!(":{n}");
                let child = Command::new("Xvfb")
                    .args([display.as_str(), "-screen", "0", &format!("{w}x{h}x24"), "-nolisten", "tcp"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("Xvfb (apt install xvfb)");
                std::thread::sleep(Duration::from_millis(700));
                (display, Some(child))
            }
        };
        let suite_clock = [("STATION_DESK_NOW", suite_now())];
        let own_clock = env.iter().any(|(k, _)| *k == "STATION_DESK_NOW");
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver_path())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display)
            // tauri-driver → WebKitWebDriver → the app: the environment reaches the app
            .envs(suite_clock.iter().filter(|_| !own_clock).map(|(k, v)| (*k, v.as_str())))
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver (cargo install tauri-driver --locked)");
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not open port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut args = vec!["--data-dir".to_string(), data_dir.display().to_string()];
        if let Mode::Kiosk = mode {
            args.push("--kiosk".into());
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": APP, "args": args }));
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session with the app");
        App { client, driver, xvfb, data_dir: data_dir.to_path_buf(), _temp: temp }
    }

    /// Saves what the window shows as a PNG.
    pub async fn screenshot(&self, path: &Path) {
        tokio::time::sleep(Duration::from_millis(600)).await;
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(path, png).expect("write screenshot");
    }

    /// A screenshot kept for a person to look at: target/e2e-artifacts/<name>.png.
    pub async fn keep_screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-artifacts");
        let _ = std::fs::create_dir_all(&dir);
        self.screenshot(&dir.join(format!("{name}.png"))).await;
    }

    pub async fn stop(self) {
        let _ = self.client.clone().close().await;
        // Drop stops tauri-driver and Xvfb.
    }

    pub async fn el(&self, testid: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
            .await
            .unwrap_or_else(|e| panic!("element [data-testid='{testid}'] did not appear: {e}"))
    }

    pub async fn css(&self, selector: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("element {selector} did not appear: {e}"))
    }

    pub async fn count(&self, selector: &str) -> usize {
        self.client.find_all(Locator::Css(selector)).await.map(|v| v.len()).unwrap_or(0)
    }

    /// Clicks, once the element stands still (a dropdown or dialog still animating in is
    /// clicked where it will be, not where it was), retrying while something (a closing
    /// dialog's overlay) is still in the way.
    pub async fn click(&self, testid: &str) {
        let deadline = Instant::now() + WAIT;
        let rect = format!(
            "const e = document.querySelector(\"[data-testid='{testid}']\"); if (!e) return null; \
             const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height, getComputedStyle(e).opacity];"
        );
        let mut last = Value::Null;
        while Instant::now() < deadline {
            let now = self.client.execute(&rect, vec![]).await.unwrap_or(Value::Null);
            if !now.is_null() && now == last {
                break;
            }
            last = now;
            tokio::time::sleep(Duration::from_millis(120)).await;
        }
        loop {
            match self.el(testid).await.click().await {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => self.fail(&format!("click {testid}: {e}")).await,
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Replaces an input's text the way a person does: select all, delete, type. (WebDriver's
    /// own "clear" does not fire the input event Vue listens to.)
    pub async fn type_into(&self, testid: &str, text: &str) {
        let input = self.el(testid).await;
        let select_all = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
        input.send_keys(&select_all).await.unwrap_or_else(|e| panic!("clear {testid}: {e}"));
        if !text.is_empty() {
            input.send_keys(text).await.unwrap_or_else(|e| panic!("type into {testid}: {e}"));
        }
    }

    pub async fn text(&self, testid: &str) -> String {
        self.el(testid).await.text().await.unwrap_or_default()
    }

    /// Waits until the page has put the focus on this element (dialogs focus their first
    /// field when they open; typing before that would land in the wrong field).
    pub async fn wait_focus(&self, testid: &str) {
        let js = "const el = document.activeElement; return el ? el.getAttribute('data-testid') : null;";
        self.until(&format!("focus on {testid}"), || async {
            self.client.execute(js, vec![]).await.ok().and_then(|v| v.as_str().map(String::from)).as_deref()
                == Some(testid)
        })
        .await;
    }

    /// Saves a screenshot of the window (target/e2e-failures/) and fails the test.
    pub async fn fail(&self, why: &str) -> ! {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-failures");
        let _ = std::fs::create_dir_all(&dir);
        let name: String = why.chars().filter(|c| c.is_alphanumeric()).take(40).collect();
        let path = dir.join(format!("{name}.png"));
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&path, png);
        }
        panic!("{why} (screenshot: {})", path.display());
    }

    /// Waits until `f` holds, re-checking for up to the wait limit.
    pub async fn until<F, Fut>(&self, what: &str, mut f: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + WAIT;
        while !f().await {
            if Instant::now() > deadline {
                self.fail(&format!("timed out waiting for: {what}")).await;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// The text under a form item (data-testid="field-<name>"), empty if none.
    pub async fn field_error(&self, field: &str) -> String {
        let js = format!(
            "const el = document.querySelector(\"[data-testid='field-{field}'] .el-form-item__error\"); return el ? el.textContent.trim() : '';"
        );
        self.client.execute(&js, vec![]).await.ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    }

    /// Waits for an error under a form field that contains `needle`.
    pub async fn expect_field_error(&self, field: &str, needle: &str) {
        self.until(&format!("an error under field {field} saying {needle}"), || async {
            self.field_error(field).await.contains(needle)
        })
        .await;
    }

    /// Calls a backend command straight through the IPC bridge from this window, as a
    /// page's script could; returns Ok(value) or Err(rejection).
    pub async fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let js = "const [cmd, args, done] = arguments;
            window.__TAURI_INTERNALS__.invoke(cmd, args)
                .then(v => done({ ok: v === undefined ? null : v }))
                .catch(e => done({ err: e }));";
        let out = self.client.execute_async(js, vec![json!(command), args]).await.expect("execute_async");
        match out.get("err") {
            Some(e) => Err(e.clone()),
            None => Ok(out.get("ok").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Rows currently shown in the residents table.
    /// Sets an input's value as typing would (date/time inputs and number inputs inside
    /// Element Plus wrappers, which WebDriver's keys do not reach reliably).
    pub async fn set_value(&self, testid: &str, value: &str) {
        self.el(testid).await;
        let js = "const [id, v] = arguments;
            const root = document.querySelector(`[data-testid='${id}']`);
            const el = ['INPUT', 'SELECT', 'TEXTAREA'].includes(root.tagName) ? root : root.querySelector('input');
            el.value = v;
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
            el.dispatchEvent(new Event('blur', { bubbles: true }));";
        self.client.execute(js, vec![json!(testid), json!(value)]).await.expect("set value");
    }

    /// All the text inside an element, shown or not (Element Plus tables render their cells in
    /// a way WebDriver's visible-text rule skips).
    pub async fn content(&self, testid: &str) -> String {
        self.el(testid).await;
        let js = "return document.querySelector(`[data-testid='${arguments[0]}']`).textContent";
        self.client
            .execute(js, vec![json!(testid)])
            .await
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    pub async fn click_css(&self, selector: &str) {
        self.css(selector).await;
        // A closing dialog's overlay may still cover it: click from the page itself.
        let js = "document.querySelector(arguments[0]).click()";
        self.client.execute(js, vec![json!(selector)]).await.unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }

    /// Opens an Element Plus select and clicks the option showing `text`.
    pub async fn pick_option(&self, select_testid: &str, text: &str) {
        self.click(select_testid).await;
        let js = "const [text] = arguments;
            const items = Array.from(document.querySelectorAll('.el-select-dropdown__item'))
                .filter(li => li.offsetParent !== null && li.textContent.trim() === text);
            if (items.length) { items[0].click(); return true; } return false;";
        self.until(&format!("option {text} in {select_testid}"), || async {
            self.client.execute(js, vec![json!(text)]).await.ok() == Some(json!(true))
        })
        .await;
    }

    /// Types into the input of the open message-box prompt and confirms with the button of `class`.
    pub async fn answer_prompt(&self, text: &str, ok_class: &str) {
        let input = self.css(".el-message-box__input input").await;
        input.send_keys(text).await.expect("type into prompt");
        self.css(&format!(".{ok_class}")).await.click().await.expect("confirm prompt");
    }

    /// Clicks the first element with this test id whose text is `text` (a row's link in a
    /// table where every row carries the same test id).
    pub async fn click_with_text(&self, testid: &str, text: &str) {
        let js = "const [id, text] = arguments;
            const hit = Array.from(document.querySelectorAll(`[data-testid='${id}']`))
                .find(e => e.offsetParent !== null && e.textContent.trim() === text);
            if (hit) { hit.click(); return true; } return false;";
        self.until(&format!("{testid} showing {text}"), || async {
            self.client.execute(js, vec![json!(testid), json!(text)]).await.ok() == Some(json!(true))
        })
        .await;
    }

    pub async fn resident_names(&self) -> Vec<String> {
        let js = "return Array.from(document.querySelectorAll(\"[data-testid='resident-row-name']\")).map(e => e.textContent.trim());";
        let v = self.client.execute(js, vec![]).await.unwrap_or(Value::Null);
        v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
    }
}

/// A test that fails half-way still stops what it started (a leaked tauri-driver keeps its
/// WebKitWebDriver and app running).
impl Drop for App {
    fn drop(&mut self) {
        terminate(&mut self.driver);
        end_instance(&self.data_dir);
        if let Some(x) = &mut self.xvfb {
            terminate(x);
        }
    }
}

/// Loads demo data into a data folder through the command line (`station-desk demo`).
pub fn demo_data(dir: &Path, residents: usize) {
    demo_with(dir, residents, &[]);
}

/// Demo residents and every area (volunteers, activities, inventory, cases): screenshots.
pub fn demo_data_full(dir: &Path, residents: usize) {
    demo_with(dir, residents, &["--areas"]);
}

fn demo_with(dir: &Path, residents: usize, extra: &[&str]) {
    let out = app_command()
        .args(["demo", "--data-dir", &dir.display().to_string(), "--residents", &residents.to_string()])
        .args(extra)
        .output()
        .expect("run station-desk demo");
    assert!(out.status.success(), "demo failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Waits for a PDF the app writes (print_pdf) and returns its text (`pdftotext -layout`,
/// from poppler-utils).
pub async fn pdf_text(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > 0 {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == size {
                break;
            }
        }
        assert!(Instant::now() < deadline, "no PDF at {}", path.display());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let out = Command::new("pdftotext")
        .args(["-layout", &path.display().to_string(), "-"])
        .output()
        .expect("pdftotext (apt install poppler-utils)");
    assert!(out.status.success(), "pdftotext failed on {}", path.display());
    // kept for a person to look at: target/e2e-artifacts/<name>.pdf
    let keep = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-artifacts");
    if std::fs::create_dir_all(&keep).is_ok() {
        let _ = std::fs::copy(path, keep.join(path.file_name().unwrap_or_default()));
    }
    unify_cjk(&String::from_utf8_lossy(&out.stdout))
}

/// Kangxi and CJK-supplement radicals (U+2F00…, U+2E80…) as the ideographs they look like.
/// The PDF's text map points glyphs such as 人 日 月 民 at the radical code points because
/// Noto CJK draws both with one glyph; a reader sees 人, so the tests compare 人.
const RADICAL_PAIRS: &str = "⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾戶⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾓角⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾻骨⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿔龜⿕龠⺟母⻳龟⺟母⺠民⺩王⻄西⻅见⻆角⻉贝⻋车⻓长⻔门⻙韦⻚页⻛风⻜飞⻢马⻥鱼⻦鸟⻧卤⻨麦⻩黄⻬齐⻮齿⻰龙⻳龟⻝食⻤鬼⻘青⻑長⺰纟⻈讠⻐钅⻠饣⺦丬⻌辶⺅亻⺉刂⺗心⺡氵⺨犭⺮竹⺶羊⻊足⻏阝⺾艹⻗雨⺌小";

pub fn unify_cjk(text: &str) -> String {
    let pairs: Vec<char> = RADICAL_PAIRS.chars().collect();
    let map: std::collections::HashMap<char, char> = pairs.chunks(2).map(|p| (p[0], p[1])).collect();
    text.chars().map(|c| map.get(&c).copied().unwrap_or(c)).collect()
}

/// A valid GB 11643 ID number from its first 17 digits (party rosters, residents).
pub fn id_with_check(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}
