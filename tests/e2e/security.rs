//! The webview's own defences, checked in the real window: Tauri's isolation pattern (every
//! IPC message passes through a sandboxed iframe that encrypts it for the core, and our hook
//! there drops malformed ones) and the CSP (no eval, no inline scripts).

use super::harness::{demo_data, App, Mode};
use serde_json::{json, Value};

/// Calls `cmd` from the page and reports within `wait_ms`: {ok}, {err} or {pending: true}.
async fn call_within(app: &App, cmd: &str, wait_ms: u64) -> Value {
    let js = "const [cmd, wait, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(cmd, {}).then(v => done({ ok: v ?? null }), e => done({ err: String(e) }));
        setTimeout(() => done({ pending: true }), wait);";
    app.client.execute_async(js, vec![json!(cmd), json!(wait_ms)]).await.expect("execute_async")
}

#[tokio::test(flavor = "multi_thread")]
async fn ipc_passes_the_isolation_frame_encrypted_and_malformed_calls_are_dropped() {
    let temp = tempfile::tempdir().expect("tempdir");
    demo_data(temp.path(), 3);
    let app = App::start_in(temp.path(), Mode::Kiosk, None).await;
    app.until("the kiosk home", || async { !app.text("kiosk-station-name").await.is_empty() }).await;

    let frame = app
        .client
        .execute(
            "const f = document.querySelector('iframe#__tauri_isolation__');
             return f && { src: f.src, sandbox: f.getAttribute('sandbox'), shown: f.offsetWidth * f.offsetHeight };",
            vec![],
        )
        .await
        .expect("js");
    assert!(frame["src"].as_str().unwrap_or("").starts_with("isolation-"), "the isolation iframe is there: {frame}");
    assert_eq!(frame["sandbox"], "allow-scripts", "sandboxed: no same-origin access to the page");
    assert_eq!(frame["shown"], 0, "hidden");

    // What the isolation frame hands back to the page is ciphertext, not the arguments.
    let js = "const [done] = arguments; const seen = [];
        window.addEventListener('message', e => seen.push(e.data));
        window.__TAURI_INTERNALS__.invoke('kiosk_info', { secretMarker: '13800138000' })
            .then(v => done({ info: v, seen }), e => done({ err: String(e), seen }));";
    let out = app.client.execute_async(js, vec![]).await.expect("execute_async");
    assert_eq!(out["info"]["stationName"], "阳光花园小区党群服务站", "a granted call still works: {out}");
    let seen = out["seen"].as_array().cloned().unwrap_or_default();
    let message =
        seen.iter().find(|m| m["cmd"] == "kiosk_info").unwrap_or_else(|| panic!("the isolated message: {out}"));
    assert!(message["payload"]["nonce"].as_array().is_some_and(|n| n.len() == 12), "AES-GCM nonce: {message}");
    assert!(message["payload"]["payload"].as_array().is_some_and(|p| !p.is_empty()), "ciphertext: {message}");
    assert!(!message.to_string().contains("13800138000"), "the arguments are not in clear: {message}");

    // A well-formed command the kiosk may not call is refused by the core; a malformed command
    // name is dropped by our hook in the isolation frame and never reaches the core.
    let refused = call_within(&app, "residents_search", 5000).await;
    assert!(refused["err"].as_str().is_some_and(|e| e.contains("not allowed")), "{refused}");
    let dropped = call_within(&app, "../residents_search", 1500).await;
    assert_eq!(dropped, json!({ "pending": true }), "dropped in the isolation frame: {dropped}");
    // and the page keeps working afterwards
    assert!(call_within(&app, "kiosk_info", 5000).await["ok"].is_object());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_csp_refuses_eval_and_inline_scripts() {
    let app = App::start(Mode::Desk).await;
    let out = app
        .client
        .execute(
            "const r = {};
             try { eval('1 + 1'); r.eval = 'ran'; } catch (e) { r.eval = e.name; }
             try { new Function('return 1')(); r.fn = 'ran'; } catch (e) { r.fn = e.name; }
             window.__inline = 'no';
             const s = document.createElement('script'); s.textContent = 'window.__inline = \"ran\"';
             document.head.appendChild(s);
             r.inline = window.__inline;
             return r;",
            vec![],
        )
        .await
        .expect("js");
    assert_eq!(out, json!({ "eval": "EvalError", "fn": "EvalError", "inline": "no" }), "CSP: {out}");
    app.stop().await;
}

/// Every page of the desk and the kiosk, with demo data in every area, runs without a single
/// CSP violation: the policy is strict and nothing in the app needs more.
#[tokio::test(flavor = "multi_thread")]
async fn the_desk_and_kiosk_pages_run_without_csp_violations() {
    const WATCH: &str = "window.__csp = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__csp.push([e.effectiveDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample].join(' | ')));";
    async fn visit(app: &App, routes: &[&str]) -> Value {
        for route in routes {
            app.client.execute("location.hash = arguments[0];", vec![json!(route)]).await.expect("navigate");
            // let lazy chunks, tables, charts and popovers render
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        }
        app.client.execute("return window.__csp;", vec![]).await.expect("violations")
    }
    let temp = tempfile::tempdir().expect("tempdir");
    super::harness::demo_data_full(temp.path(), 30);

    let desk = App::start_in(temp.path(), Mode::Desk, None).await;
    desk.client.execute(WATCH, vec![]).await.expect("watch");
    super::flows::login(&desk, "admin", "admin1234").await;
    desk.until("the desk home", || async { !desk.text("topbar-user").await.is_empty() }).await;
    let routes = [
        "#/home",
        "#/residents",
        "#/volunteers",
        "#/volunteers/shifts",
        "#/volunteers/hours",
        "#/wishes",
        "#/activities",
        "#/inventory",
        "#/cases",
        "#/cases/figures",
        "#/staff",
        "#/settings",
    ];
    let violations = visit(&desk, &routes).await;
    assert_eq!(violations, json!([]), "desk CSP violations");
    desk.stop().await;

    let kiosk = App::start_in(temp.path(), Mode::Kiosk, None).await;
    kiosk.client.execute(WATCH, vec![]).await.expect("watch");
    let violations =
        visit(&kiosk, &["#/wish", "#/rate", "#/activities", "#/bookings", "#/volunteer", "#/about", "#/"]).await;
    assert_eq!(violations, json!([]), "kiosk CSP violations");
    kiosk.stop().await;
}
