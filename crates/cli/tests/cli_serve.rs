//! `dyad serve` against a real server on a loopback port: the API answers what `dyad query`
//! answers, every malformed request is a 4xx JSON error naming its parameter, writes need the
//! token, the OpenAPI document lists what the server takes, and the page is served. Also
//! `dyad watch` on the seed article's store.

mod common;

use std::path::{Path, PathBuf};

use common::server::Server;
use common::{dyad, ingest_file as ingest, repo_root, temp_store};
use serde_json::Value;

const TOKEN: &str = "test-token-0123456789";

/// Two documents of our own, posted through the API: a shelling, then talks two weeks later.
const POSTED: &str = concat!(
    r#"{"id":"post-1","date":"2024-05-06","text":"Ethiopian troops shelled Eritrean border posts on Sunday, killing four soldiers, Eritrea said."}"#,
    "\n",
    r#"{"id":"post-2","date":"2024-05-20","text":"Ethiopia and Eritrea held talks in Nairobi on Monday to end the border clashes."}"#,
    "\n",
);

fn example_store(name: &str) -> PathBuf {
    let db = temp_store(name);
    ingest(
        &db,
        "2024-11-19",
        &repo_root().join("examples/sudan-truce-talks.txt"),
    );
    db
}

fn query_ids(db: &Path, args: &[&str]) -> Vec<String> {
    let out = dyad()
        .args(["query", "--db"])
        .arg(db)
        .args(args)
        .output()
        .expect("dyad query runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("jsonl");
            v["event_id"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

fn ids(v: &Value) -> Vec<String> {
    v["events"]
        .as_array()
        .expect("an events array")
        .iter()
        .map(|e| e["event_id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn events_match_dyad_query_with_the_same_filters_and_page_through() {
    let db = example_store("events");
    let server = Server::start(&db, &[]);
    for (api, cli) in [
        ("", vec![]),
        ("dyad=SDN-SDN", vec!["--dyad", "SDN-SDN"]),
        ("quad=4", vec!["--quad", "4"]),
        (
            "actor=TCD&from=2024-11-18",
            vec!["--actor", "TCD", "--from", "2024-11-18"],
        ),
        ("text=accused", vec!["--text", "accused"]),
    ] {
        let (status, v) = server.get_json(&format!("/api/events?{api}"));
        assert_eq!(status, 200, "{api}: {v}");
        assert_eq!(ids(&v), query_ids(&db, &cli), "{api}");
    }
    let all = query_ids(&db, &[]);
    assert_eq!(all.len(), 3);
    let (_, first) = server.get_json("/api/events?limit=2");
    assert_eq!(first["next_offset"], 2);
    let (_, rest) = server.get_json("/api/events?limit=2&offset=2");
    assert_eq!(rest["next_offset"], Value::Null);
    let paged: Vec<String> = ids(&first).into_iter().chain(ids(&rest)).collect();
    assert_eq!(paged, all);
    let (status, clusters) = server.get_json("/api/clusters");
    assert_eq!(status, 200);
    assert_eq!(clusters["level"], "cluster");
    assert!(clusters["events"][0]["num_mentions"].as_i64().unwrap_or(0) >= 1);
}

#[test]
fn series_actors_and_documents_answer() {
    let db = example_store("reads");
    let server = Server::start(&db, &[]);
    let (status, s) = server.get_json("/api/series?by=day");
    assert_eq!(status, 200);
    let rows = s["rows"].as_array().expect("rows");
    let total: i64 = rows.iter().map(|r| r["events"].as_i64().unwrap_or(0)).sum();
    assert_eq!(total, 3);
    assert_eq!(rows[0]["period"], "2024-11-13");
    // SDNMIL and SDNREB are in two events each; ties go by code.
    let (_, a) = server.get_json("/api/actors");
    assert_eq!(a["actors"][0]["code"], "SDNMIL");
    assert_eq!(a["actors"][0]["events"], 2);
    assert_eq!(a["actors"][1]["code"], "SDNREB");
    let (status, d) = server.get_json("/api/documents/sudan-truce-talks.txt?sentence=6");
    assert_eq!(status, 200);
    assert_eq!(
        d["marked"]["sentence"],
        "Sudan's army accused the RSF of shelling civilian areas in Omdurman."
    );
    let text = d["text"].as_str().expect("text");
    let joined = format!(
        "{}{}{}",
        d["marked"]["before"].as_str().unwrap_or_default(),
        d["marked"]["sentence"].as_str().unwrap_or_default(),
        d["marked"]["after"].as_str().unwrap_or_default()
    );
    assert_eq!(joined, text);
    assert_eq!(d["events"].as_array().map(Vec::len), Some(3));
}

#[test]
fn malformed_requests_are_json_errors_naming_the_parameter() {
    let db = example_store("errors");
    let server = Server::start(&db, &[]);
    for (path, status, parameter) in [
        ("/api/events?from=2024-02-30", 400, Some("from")),
        ("/api/events?quad=0", 400, Some("quad")),
        ("/api/events?limit=100000", 400, Some("limit")),
        ("/api/events?offset=-1", 400, Some("offset")),
        ("/api/events?dyad=USA", 400, Some("dyad")),
        ("/api/events?colour=red", 400, Some("colour")),
        ("/api/events?level=everything", 400, Some("level")),
        ("/api/events?text=%22open", 400, Some("text")),
        ("/api/events?actor=%FF", 400, Some("actor")),
        ("/api/series?by=year", 400, Some("by")),
        // A day series to the year 8920 would be millions of empty rows.
        ("/api/series?to=8920-07-10&by=day", 400, Some("by")),
        ("/api/events?to=", 400, Some("to")),
        ("/api/alerts?quiet_days=0", 400, Some("quiet_days")),
        (
            "/api/alerts?goldstein_drop=NaN",
            400,
            Some("goldstein_drop"),
        ),
        (
            "/api/documents/sudan-truce-talks.txt?sentence=9999",
            400,
            Some("sentence"),
        ),
        ("/api/documents/no-such-document", 404, None),
        ("/api/nothing-here", 404, None),
        ("/static/../Cargo.toml", 404, None),
    ] {
        let (got, v) = server.get_json(path);
        assert_eq!(got, status, "{path}: {v}");
        assert_eq!(v["error"]["status"], status, "{path}");
        assert_eq!(v["error"]["parameter"].as_str(), parameter, "{path}: {v}");
        assert!(!v["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .is_empty());
    }
    let (status, _, body) = server.request("DELETE", "/api/events", &[], b"");
    assert_eq!(status, 405, "{}", String::from_utf8_lossy(&body));
}

#[test]
fn writes_need_the_token_and_store_like_ingest() {
    let db = example_store("writes");
    let read_only = Server::start(&db, &[]);
    let (status, _, _) = read_only.request("POST", "/api/documents", &[], POSTED.as_bytes());
    assert_eq!(status, 403);
    drop(read_only);

    let server = Server::start(&db, &["--write-token", TOKEN]);
    let (status, _, _) = server.request("POST", "/api/documents", &[], POSTED.as_bytes());
    assert_eq!(status, 401);
    let wrong = [("Authorization", "Bearer not-the-token-at-all")];
    let (status, _, _) = server.request("POST", "/api/documents", &wrong, POSTED.as_bytes());
    assert_eq!(status, 403);
    let (_, before) = server.get_json("/api/events");
    assert_eq!(ids(&before).len(), 3, "refused writes stored nothing");

    let auth = format!("Bearer {TOKEN}");
    let ok = [("Authorization", auth.as_str())];
    let body = format!("{POSTED}{{\"id\": 7}}\nnot json\n");
    let (status, _, reply) = server.request("POST", "/api/documents", &ok, body.as_bytes());
    let reply: Value = serde_json::from_slice(&reply).expect("json");
    assert_eq!(status, 201, "{reply}");
    assert_eq!(reply["new"], 2);
    assert_eq!(reply["events"], 3);
    assert_eq!(reply["failed"].as_array().map(Vec::len), Some(2));
    assert_eq!(reply["failed"][1]["line"], 4);
    let (_, eth) = server.get_json("/api/events?dyad=ETH-ERI");
    assert_eq!(ids(&eth).len(), 3);
    // The same documents again add nothing.
    let (status, _, reply) = server.request("POST", "/api/documents", &ok, POSTED.as_bytes());
    let reply: Value = serde_json::from_slice(&reply).expect("json");
    assert_eq!(
        (status, reply["new"].clone(), reply["skipped"].clone()),
        (200, 0.into(), 2.into())
    );
    drop(server);

    // A body over the limit is refused whole, as JSON.
    let small = Server::start(&db, &["--write-token", TOKEN, "--max-body-mb", "1"]);
    let big = vec![b' '; 2 << 20];
    let (status, _, reply) = small.request("POST", "/api/documents", &ok, &big);
    assert_eq!(status, 413, "{}", String::from_utf8_lossy(&reply));
    let reply: Value = serde_json::from_slice(&reply).expect("json");
    assert_eq!(reply["error"]["parameter"], "body");
}

/// Every endpoint in the OpenAPI document answers, every parameter it lists is accepted, and
/// a parameter it does not list is refused: the document matches the server.
#[test]
fn openapi_document_matches_the_server() {
    let db = example_store("openapi");
    let server = Server::start(&db, &[]);
    let (status, spec) = server.get_json("/openapi.json");
    assert_eq!(status, 200);
    let params = &spec["components"]["parameters"];
    let paths = spec["paths"].as_object().expect("paths");
    assert_eq!(paths.len(), 7);
    for (path, ops) in paths {
        for (method, op) in ops.as_object().expect("operations") {
            if method != "get" {
                continue;
            }
            let concrete = path.replace("{id}", "sudan-truce-talks.txt");
            let (status, v) = server.get_json(&concrete);
            assert_eq!(status, 200, "{path}: {v}");
            for p in op["parameters"].as_array().expect("parameters") {
                let p = match p.get("$ref").and_then(Value::as_str) {
                    Some(r) => &params[r.rsplit('/').next().unwrap_or_default()],
                    None => p,
                };
                if p["in"] != "query" {
                    continue;
                }
                let name = p["name"].as_str().expect("name");
                let example = match name {
                    "from" | "to" => "2024-11-01",
                    "dyad" => "SDN-SDN",
                    "quad" => "4",
                    "root" => "19",
                    "code" => "19",
                    "country" => "SDN",
                    "text" => "army",
                    "level" if path.contains("actors") => "mention",
                    "level" => "cluster",
                    "by" => "month",
                    "goldstein_drop" => "2.5",
                    "limit" | "baseline" | "quiet_days" => "3",
                    "sentence" | "offset" => "1",
                    _ => "SDN",
                };
                let (status, v) = server.get_json(&format!("{concrete}?{name}={example}"));
                assert_eq!(status, 200, "{path}?{name}={example}: {v}");
            }
            let (status, v) = server.get_json(&format!("{concrete}?undocumented=1"));
            assert_eq!(status, 400, "{path}: {v}");
        }
    }
}

#[test]
fn the_page_and_its_files_are_served() {
    let db = example_store("page");
    let server = Server::start(&db, &[]);
    let (status, headers, body) = server.request("GET", "/", &[], b"");
    assert_eq!(status, 200);
    assert!(headers
        .iter()
        .any(|(k, v)| k == "content-type" && v.starts_with("text/html")));
    let html = String::from_utf8_lossy(&body);
    assert!(html.contains("/static/app.js"), "{html}");
    for file in ["app.js", "style.css", "countries.json", "NOTICE.md"] {
        let (status, _, body) = server.request("GET", &format!("/static/{file}"), &[], b"");
        assert_eq!(status, 200, "{file}");
        assert!(body.len() > 100, "{file} is empty");
    }
    // Nothing on the page is fetched from another host.
    let js =
        String::from_utf8_lossy(&server.request("GET", "/static/app.js", &[], b"").2).to_string();
    for text in [html.to_string(), js] {
        assert!(
            !text.contains("https://") || !text.contains("<script src=\"http"),
            "external script"
        );
        assert!(!text.contains("src=\"http"), "an external resource");
    }
}

#[test]
fn a_missing_store_fails_at_start_with_its_path() {
    let out = dyad()
        .args([
            "serve",
            "--db",
            "/nonexistent/dir/events.db",
            "--bind",
            "127.0.0.1:0",
        ])
        .output()
        .expect("dyad serve runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/dir/events.db"), "{err}");
}

/// The seed article's store: the drone strike after the talks is a calm broken on the U.S.
/// side, with its sentence, in `dyad watch` and in `/api/alerts` alike.
#[test]
fn watch_reads_the_drone_strike_after_the_talks_as_an_alert() {
    let db = temp_store("watch");
    ingest(
        &db,
        "2024-02-11",
        &repo_root().join("../shared/examples/seed-article.txt"),
    );
    let out = dyad()
        .args(["watch", "--db"])
        .arg(&db)
        .args(["--actor", "USA", "--format", "jsonl"])
        .output()
        .expect("dyad watch runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let alerts: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl"))
        .collect();
    let calm = alerts
        .iter()
        .find(|a| a["rule"] == "calm-broken" && a["start"] == "2024-01-28")
        .unwrap_or_else(|| panic!("no calm-broken alert on 2024-01-28 in {alerts:?}"));
    let drone = calm["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["cameo"] == "190")
        .expect("the drone strike is among the alert's events");
    assert!(drone["sentence"]
        .as_str()
        .unwrap_or_default()
        .contains("struck a U.S. outpost in Jordan"));
    assert_eq!(drone["target"], "USA");

    let server = Server::start(&db, &[]);
    let (status, v) = server.get_json("/api/alerts?actor=USA");
    assert_eq!(status, 200);
    assert_eq!(v["alerts"].as_array().map(Vec::len), Some(alerts.len()));
    assert_eq!(v["alerts"][0], alerts[0]);

    // --exec hears each alert as JSON on its stdin.
    let log = db.with_extension("exec.log");
    let out = dyad()
        .args(["watch", "--db"])
        .arg(&db)
        .args(["--actor", "USA", "--exec"])
        .arg(format!("cat >> {}", log.display()))
        .output()
        .expect("dyad watch runs");
    assert!(out.status.success());
    let heard = std::fs::read_to_string(&log).expect("the command wrote its log");
    assert_eq!(heard.lines().count(), alerts.len());
}
