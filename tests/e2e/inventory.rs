//! Inventory (物资台账): a batch with expiry, an asset lent and seen overdue a week and a half
//! later (the app's clock moved by restarting it), returned damaged, a stocktake with one
//! difference, then the ledger and the emergency view; and the kiosk kept out.

use super::flows::{first_run_setup, login, ADMIN};
use super::harness::{demo_data, pdf_text, App, Mode};
use fantoccini::key::Key;
use serde_json::{json, Value};

const DAY_0: &str = "2026-11-25T09:00:00+08:00";
const DAY_10: &str = "2026-12-05T09:00:00+08:00";

/// Elements with this test id, leaving out the copies el-table renders (with an empty row)
/// in its hidden column-definition area.
fn shown(testid: &str) -> String {
    format!(
        "Array.from(document.querySelectorAll(\"[data-testid='{testid}']\")).filter(e => !e.closest('.hidden-columns'))"
    )
}

/// The texts of every shown element with this test id, in page order.
async fn texts(app: &App, testid: &str) -> Vec<String> {
    let js = format!("return {}.map(e => e.textContent.trim());", shown(testid));
    let v = app.client.execute(&js, vec![]).await.unwrap_or(Value::Null);
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

/// Opens an item's drawer the way the home panel's links do.
async fn open_item(app: &App, id: i64) {
    let js = format!("location.hash = '#/inventory?tab=items&item={id}';");
    app.client.execute(&js, vec![]).await.expect("navigate");
}

/// Clicks the first visible element with this test id in a table's rows.
async fn click_visible(app: &App, testid: &str) {
    let js = format!(
        "const el = {}.find(e => e.offsetParent !== null); if (el) {{ el.click(); return true; }} return false;",
        shown(testid)
    );
    app.until(&format!("a visible {testid} to click"), || async {
        app.client.execute(&js, vec![]).await.ok() == Some(json!(true))
    })
    .await;
}

/// Clicks the confirmation box's OK once the box has finished animating in.
async fn click_confirm(app: &App) {
    let rect = "const e = document.querySelector('.confirm-ok'); if (!e) return null;
                const r = e.getBoundingClientRect(); return [r.x, r.y, getComputedStyle(e.closest('.el-overlay') ?? e).opacity];";
    let mut last = Value::Null;
    for _ in 0..100 {
        let now = app.client.execute(rect, vec![]).await.unwrap_or(Value::Null);
        if !now.is_null() && now == last {
            break;
        }
        last = now;
        tokio::time::sleep(std::time::Duration::from_millis(120)).await;
    }
    app.css(".confirm-ok").await.click().await.expect("confirm");
}

#[tokio::test(flavor = "multi_thread")]
async fn batch_loan_overdue_damaged_return_stocktake_ledger_and_emergency_view() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path();
    let app = App::start_at(dir, Mode::Desk, DAY_0).await;
    first_run_setup(&app).await;
    let resident = json!({ "input": { "name": "张桂兰", "gender": null, "birthDate": null, "age": 78, "phone": "13812341234",
        "idNumber": null, "gridId": null, "compoundId": null, "buildingId": null, "unit": "", "room": "",
        "tagIds": [], "note": "", "consentDate": null, "confirmDuplicate": false } });
    app.invoke("residents_create", resident).await.expect("a resident to lend to");
    let kinds = app.invoke("volunteers_kinds", Value::Null).await.expect("kinds");
    // a kind that needs no partner unit (在职党员 must name theirs)
    let kind =
        kinds.as_array().and_then(|ks| ks.iter().find(|k| k["name"] != "在职党员")).expect("a kind")["id"].clone();
    let volunteer = json!({ "input": {
        "residentId": null, "name": "郭春梅", "phone": "13912345678", "gender": null, "birthDate": null,
        "idNumber": null, "gridId": null, "compoundId": null, "partyMember": false, "kindId": kind,
        "unitId": null, "reportedIn": false, "reportedInOn": null, "skills": [], "availability": [], "note": "" } });
    app.invoke("volunteers_create", volunteer).await.expect("a volunteer to lend to");

    // A new emergency supply, through the form.
    app.click("nav-inventory").await;
    app.el("inventory-empty").await;
    app.click("inventory-add-item").await;
    app.wait_focus("inventory-form-name").await;
    app.type_into("inventory-form-name", "瓶装水").await;
    app.click("inventory-form-kind-emergency").await;
    app.type_into("inventory-form-unit", "箱").await;
    app.type_into("inventory-form-min", "10").await;
    app.click("inventory-form-submit").await;
    // (the drawer lays out its buttons once the item has loaded: click after that)
    app.until("the new item's drawer", || async { app.text("inventory-detail-onhand").await == "0" }).await;

    // Receive a batch of 6 with an expiry date; without the date it is refused under the field.
    app.click("inventory-receive").await;
    app.wait_focus("inventory-stock-quantity").await;
    app.type_into("inventory-stock-quantity", "6").await;
    app.click("inventory-stock-submit").await;
    app.expect_field_error("expiryDate", "有效期").await;
    app.type_into("inventory-stock-expiry", "2026年12月10日").await;
    app.el("inventory-stock-expiry").await.send_keys(&Key::Tab.to_string()).await.expect("leave the date field");
    app.click("inventory-stock-submit").await;
    app.until("6 boxes in stock", || async { app.text("inventory-detail-onhand").await == "6" }).await;
    assert_eq!(texts(&app, "inventory-batch-expiry").await, vec!["2026年12月10日"]);

    // A wheelchair with one numbered unit (set up through the commands), lent from its drawer.
    let item = app
        .invoke(
            "inventory_item_create",
            json!({ "input": { "name": "轮椅", "categoryId": null, "unit": "台", "kind": "asset", "place": "一楼",
                               "minStock": 1, "note": "" } }),
        )
        .await
        .expect("wheelchair item");
    let wheelchair = item["item"]["id"].as_i64().expect("id");
    let received = app
        .invoke(
            "inventory_receive",
            json!({ "input": { "itemId": wheelchair, "quantity": 1, "source": "donation", "expiryDate": null,
                               "batchLabel": "", "assetCodes": ["LY-01"], "note": "" } }),
        )
        .await
        .expect("one unit");
    assert_eq!(received["assets"][0]["code"], "LY-01");
    open_item(&app, wheelchair).await;
    app.until("the wheelchair's drawer", || async { texts(&app, "inventory-asset-code").await == vec!["LY-01"] }).await;
    click_visible(&app, "inventory-asset-lend").await;
    // The borrower picker lists residents and volunteers, each under its own heading.
    app.click("inventory-borrower").await;
    app.el("inventory-borrower-option-volunteer").await;
    app.click("inventory-borrower-option-resident").await;
    app.click("inventory-lend-submit").await;
    app.until("the unit shown as lent", || async { texts(&app, "inventory-asset-status").await == vec!["借出"] }).await;
    // A due date in the past is refused, and names the field.
    let refused = app
        .invoke(
            "inventory_lend",
            json!({ "input": { "itemId": wheelchair, "assetId": null, "quantity": 1, "borrowerKind": "resident",
                               "borrowerId": 1, "dueDate": "2026-11-20", "condition": "", "purpose": "" } }),
        )
        .await
        .expect_err("a past due date");
    assert_eq!(refused["field"], "dueDate", "{refused}");
    app.stop().await;

    // Ten days later the loan (due in 7) is overdue on the home page, with the phone to call.
    let app = App::start_at(dir, Mode::Desk, DAY_10).await;
    app.wait_focus("login-username").await;
    login(&app, ADMIN.0, ADMIN.1).await;
    app.until("the overdue loan on the home page", || async {
        texts(&app, "inventory-home-overdue-row").await.iter().any(|r| r.contains("张桂兰") && r.contains("逾期 3 天"))
    })
    .await;
    assert_eq!(texts(&app, "inventory-home-overdue-phone").await, vec!["13812341234"], "the whole number, to call");
    assert!(
        texts(&app, "inventory-home-expiring").await.iter().any(|r| r.contains("瓶装水") && r.contains("5 天后到期")),
        "the water expiring on 12-10 is listed"
    );
    assert!(texts(&app, "inventory-home-low").await.iter().any(|r| r.contains("瓶装水")), "6 of minimum 10");

    // Returned damaged, from the loans tab.
    app.client.execute("location.hash = '#/inventory?tab=loans';", vec![]).await.expect("loans tab");
    app.until("the overdue loan in the list", || async {
        texts(&app, "inventory-loan-status").await == vec!["逾期 3 天"]
    })
    .await;
    click_visible(&app, "inventory-loan-return").await;
    app.click("inventory-return-damaged").await;
    app.click("inventory-return-submit").await;
    app.expect_field_error("note", "损坏").await;
    app.type_into("inventory-return-note", "扶手松动").await;
    app.click("inventory-return-submit").await;
    app.until("the loan list emptied", || async { texts(&app, "inventory-loan-status").await.is_empty() }).await;
    open_item(&app, wheelchair).await;
    // Back damaged: on the shelf but out of the lendable stock until it is repaired.
    app.until("the unit back, waiting for repair", || async {
        texts(&app, "inventory-asset-status").await == vec!["待维修"]
            && texts(&app, "inventory-asset-condition").await == vec!["损坏"]
    })
    .await;
    assert!(texts(&app, "inventory-asset-lend").await.is_empty(), "no 借出 on a unit waiting for repair");
    let refused = app
        .invoke(
            "inventory_lend",
            json!({ "input": { "itemId": wheelchair, "assetId": received["assets"][0]["id"], "quantity": 1,
                               "borrowerKind": "resident", "borrowerId": 1, "dueDate": "2026-12-12",
                               "condition": "完好", "purpose": "" } }),
        )
        .await
        .expect_err("a damaged unit cannot be lent");
    assert!(refused["message"].as_str().is_some_and(|m| m.contains("待维修")), "{refused}");
    click_visible(&app, "inventory-asset-repaired").await;
    app.answer_prompt("更换扶手螺丝", "confirm-ok").await;
    app.until("the unit repaired", || async {
        texts(&app, "inventory-asset-status").await == vec!["在库"]
            && texts(&app, "inventory-asset-condition").await == vec!["完好"]
    })
    .await;

    app.client.execute("document.querySelector('.el-drawer__close-btn')?.click();", vec![]).await.expect("close");

    // Lent again, straight from the loans tab, this time to a volunteer found by her pinyin
    // initials; the loan starts from what the repair said, not a bare 完好.
    app.client.execute("location.hash = '#/inventory?tab=loans';", vec![]).await.expect("loans tab");
    app.click("inventory-loans-lend").await;
    app.click("inventory-lend-pick").await;
    app.click_with_text("inventory-lend-pick-option", "轮椅在库 1台").await;
    app.click("inventory-lend-pick-next").await;
    app.until("the condition from the repair", || async {
        app.el("inventory-lend-condition").await.prop("value").await.ok().flatten().as_deref()
            == Some("完好（维修完成：更换扶手螺丝）")
    })
    .await;
    // (the loans tab has a borrower picker of its own behind the dialog)
    app.css(".el-dialog [data-testid='inventory-borrower']").await.click().await.expect("the dialog's borrower picker");
    let search = app.client.active_element().await.expect("the picker's input has the focus");
    search.send_keys("gcm").await.expect("type initials");
    app.click("inventory-borrower-option-volunteer").await;
    app.click("inventory-lend-submit").await;
    app.until("the loan to the volunteer listed", || async {
        texts(&app, "inventory-loan-borrower").await == vec!["郭春梅"]
    })
    .await;
    let loans = app
        .invoke(
            "inventory_loans",
            json!({ "input": { "filter": "open", "itemId": wheelchair, "borrowerKind": null, "borrowerId": null } }),
        )
        .await
        .expect("open loans");
    assert_eq!(
        (loans[0]["borrowerKind"].as_str(), loans[0]["borrowerName"].as_str()),
        (Some("volunteer"), Some("郭春梅"))
    );

    // A stocktake: one box of water missing.
    app.client.execute("location.hash = '#/inventory?tab=stocktake';", vec![]).await.expect("stocktake tab");
    app.click("inventory-stocktake-start").await;
    click_confirm(&app).await;
    // (the wheelchair is out with the volunteer: nothing of it on the shelf to count)
    app.until("the count sheet", || async { texts(&app, "inventory-stocktake-item").await == vec!["瓶装水"] }).await;
    app.click("inventory-stocktake-fill").await;
    let water_row =
        texts(&app, "inventory-stocktake-item").await.iter().position(|n| n == "瓶装水").expect("water line");
    let inputs = app
        .client
        .find_all(fantoccini::Locator::Css(".el-table__body [data-testid='inventory-stocktake-count']"))
        .await
        .expect("count inputs");
    let select_all = format!("{}a{}{}", Key::Control, Key::Null, Key::Backspace);
    inputs[water_row].send_keys(&select_all).await.expect("clear");
    inputs[water_row].send_keys("5").await.expect("count 5");
    app.click("inventory-stocktake-finish").await;
    click_confirm(&app).await;
    app.expect_field_error("reason", "差异原因").await;
    app.type_into("inventory-stocktake-reason", "破损1箱").await;
    app.click("inventory-stocktake-finish").await;
    click_confirm(&app).await;
    app.until("the stocktake finished", || async { app.text("inventory-stocktake-status").await == "已完成" }).await;

    // Outside a stocktake, two boxes turn up: a stock adjustment from the water's drawer,
    // refused without a reason.
    let water: i64 = app
        .invoke(
            "inventory_items",
            json!({ "input": { "text": "瓶装水", "categoryId": null, "kind": null, "lowOnly": false,
                                                        "includeArchived": false, "page": 1, "pageSize": 20 } }),
        )
        .await
        .expect("items")["items"][0]["id"]
        .as_i64()
        .expect("water id");
    open_item(&app, water).await;
    app.until("the water's drawer", || async { app.text("inventory-detail-onhand").await == "5" }).await;
    app.click("inventory-adjust").await;
    app.wait_focus("inventory-stock-quantity").await;
    app.type_into("inventory-stock-quantity", "2").await;
    app.click("inventory-stock-submit").await;
    app.expect_field_error("reason", "调整原因").await;
    app.type_into("inventory-adjust-reason", "整理储物间时找到2箱").await;
    app.click("inventory-stock-submit").await;
    app.until("7 boxes after the adjustment", || async { app.text("inventory-detail-onhand").await == "7" }).await;
    app.client.execute("document.querySelector('.el-drawer__close-btn')?.click();", vec![]).await.expect("close");

    // The ledger tells the whole story, newest first.
    app.client.execute("location.hash = '#/inventory?tab=ledger';", vec![]).await.expect("ledger tab");
    app.until("seven ledger lines", || async { texts(&app, "inventory-ledger-kind-cell").await.len() == 7 }).await;
    assert_eq!(
        texts(&app, "inventory-ledger-kind-cell").await,
        vec!["库存调整", "盘点调整", "借出", "归还", "借出", "入库", "入库"]
    );
    assert_eq!(texts(&app, "inventory-ledger-quantity").await, vec!["+2", "−1", "−1", "+1", "−1", "+1", "+6"]);

    // The emergency view: 7 usable of minimum 10, all expiring within 30 days.
    app.client.execute("location.hash = '#/inventory?tab=emergency';", vec![]).await.expect("emergency tab");
    app.until("readiness 70%", || async { app.text("inventory-readiness").await == "70" }).await;
    assert_eq!(texts(&app, "inventory-emergency-usable").await, vec!["7"]);
    assert_eq!(texts(&app, "inventory-emergency-expiring").await, vec!["7"]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn items_import_from_a_spreadsheet_then_count_sheet_pdf_and_xlsx_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("物资清单.csv");
    std::fs::write(
        &csv,
        "名称,类别,单位,类型,存放位置,最低库存,期初数量,有效期至\n\
         矿泉水,应急物资,箱,应急物资,储物间,10,12,2027-06-30\n\
         折叠椅,文体器材,把,可借用资产,活动室,,3,\n\
         雨伞,,把,消耗品,门口,-3,,\n",
    )
    .expect("csv");
    let out = dir.path().display().to_string();
    let data = dir.path().join("data");
    let app = App::start_with_env(
        &data,
        Mode::Desk,
        &[
            ("STATION_DESK_NOW", DAY_0),
            ("STATION_DESK_TEST_OPEN_PATH", &csv.display().to_string()),
            ("STATION_DESK_TEST_SAVE_DIR", &out),
        ],
    )
    .await;
    first_run_setup(&app).await;
    app.click("nav-inventory").await;
    app.click("inventory-import").await;
    app.click("import-pick").await;
    app.until("the preview counts", || async { app.text("import-counts").await.contains("新增 2") }).await;
    assert!(app.text("import-row-errors").await.contains("最低库存"), "the bad minimum is reported by line");
    app.click("import-commit").await;
    app.until("the import done", || async { app.text("import-done").await.contains("导入完成") }).await;
    app.click("import-close").await;
    app.until("the imported items listed", || async {
        texts(&app, "inventory-item-name").await == vec!["折叠椅", "矿泉水"]
    })
    .await;
    assert_eq!(texts(&app, "inventory-item-onhand").await, vec!["3", "12"], "opening stock received");

    // The count sheet of a stocktake, printed to PDF.
    app.client.execute("location.hash = '#/inventory?tab=stocktake';", vec![]).await.expect("stocktake tab");
    app.click("inventory-stocktake-start").await;
    click_confirm(&app).await;
    app.until("the count sheet", || async { texts(&app, "inventory-stocktake-item").await.len() == 4 }).await;
    app.click("inventory-stocktake-pdf").await;
    let text = pdf_text(&dir.path().join("盘点表1.pdf")).await;
    assert!(text.contains("盘点表") && text.contains("矿泉水") && text.contains("ZC-000001"), "{text}");
    assert!(text.contains("制表人"), "the signature line: {text}");

    // The ledger and the current stock to Excel.
    app.client.execute("location.hash = '#/inventory?tab=ledger';", vec![]).await.expect("ledger tab");
    app.click("inventory-export-ledger").await;
    let ledger = dir.path().join("物资台账.xlsx");
    app.until("the ledger workbook", || async { ledger.exists() }).await;
    let table = station_core::tabular::read_table(&ledger).expect("read the ledger back");
    assert_eq!(table.rows.len(), 4, "one receipt of water, three numbered chairs");
    app.click("inventory-export-stock").await;
    let stock = dir.path().join("当前库存.xlsx");
    app.until("the stock workbook", || async { stock.exists() }).await;
    let table = station_core::tabular::read_table(&stock).expect("read the stock back");
    let water = table.rows.iter().find(|r| r.cells[0] == "矿泉水").expect("water row");
    assert_eq!(water.cells[4], "12");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_kiosk_cannot_reach_the_inventory() {
    let temp = tempfile::tempdir().expect("tempdir");
    demo_data(temp.path(), 5);
    let app = App::start_in(temp.path(), Mode::Kiosk, None).await;
    app.el("kiosk-station-name").await;
    for command in ["inventory_home", "inventory_items", "inventory_loans", "inventory_emergency"] {
        let args = match command {
            "inventory_items" => json!({ "input": { "text": "", "kind": null, "categoryId": null, "lowOnly": false,
                                                    "includeArchived": true, "page": 1, "pageSize": 5 } }),
            "inventory_loans" => {
                json!({ "input": { "filter": "all", "itemId": null, "borrowerKind": null, "borrowerId": null } })
            }
            _ => json!({}),
        };
        let refused = app.invoke(command, args).await.expect_err(command);
        assert!(!refused.to_string().contains("138"), "{command}: no personal data: {refused}");
    }
    app.stop().await;
}
