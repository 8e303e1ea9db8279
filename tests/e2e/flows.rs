//! Steps many end-to-end tests share: first-run setup, login, counting residents.

use super::harness::App;
use serde_json::json;

pub const ADMIN: (&str, &str, &str) = ("admin", "station-2026", "王站长");

pub async fn first_run_setup(app: &App) {
    app.wait_focus("setup-station-name").await;
    app.type_into("setup-station-name", "阳光花园党群服务站").await;
    app.type_into("setup-community", "凤台社区").await;
    app.type_into("setup-address", "凤台街道阳光花园3号楼").await;
    app.type_into("setup-admin-username", ADMIN.0).await;
    app.type_into("setup-admin-display-name", ADMIN.2).await;
    app.type_into("setup-admin-password", ADMIN.1).await;
    app.type_into("setup-admin-password2", ADMIN.1).await;
    app.click("setup-submit").await;
    app.until("the desk after setup", || async { app.text("topbar-user").await == ADMIN.2 }).await;
}

pub async fn login(app: &App, username: &str, password: &str) {
    app.type_into("login-username", username).await;
    app.type_into("login-password", password).await;
    app.click("login-submit").await;
}

pub async fn total_residents(app: &App, include_archived: bool) -> u64 {
    let page = app
        .invoke(
            "residents_search",
            json!({ "input": { "text": "", "gridId": null, "compoundId": null, "tagId": null,
                               "includeArchived": include_archived, "page": 1, "pageSize": 5 } }),
        )
        .await
        .expect("residents_search from the desk");
    page["total"].as_u64().expect("total")
}

/// A room open every day 08:00–21:00 (多功能厅, 30 places), saved through the desk window;
/// returns the saved venue.
pub async fn open_every_day_room(app: &App) -> serde_json::Value {
    app.invoke(
        "activities_venue_save",
        json!({ "input": { "id": null, "name": "多功能厅", "capacity": 30, "equipment": "", "opensAt": "08:00",
            "closesAt": "21:00", "openWeekdays": [1, 2, 3, 4, 5, 6, 7], "archived": false } }),
    )
    .await
    .expect("venue")
}
