//! `credctl status`: the checklist as text, JSON or Prometheus metrics.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::args::{GlobalArgs, StatusArgs, StatusFormat};
use super::output::{Output, count};
use crate::clock::{parse_duration_flag, unix_now};
use crate::error::{Error, Result};
use crate::ops::status::{self as ops, Finding, Level, StatusReport};

pub fn run(global: &GlobalArgs, args: &StatusArgs, out: Output) -> Result<()> {
    let req = ops::StatusRequest {
        within: parse_duration_flag("--within", &args.within)?,
        ca_within: parse_duration_flag("--ca-within", &args.ca_within)?,
        password_max_age: parse_duration_flag("--password-max-age", &args.password_max_age)?,
        now: unix_now(),
    };
    let report = ops::status(&super::reader(global, out)?, &req)?;
    match args.format {
        StatusFormat::Prometheus => print!("{}", prometheus(&report)),
        StatusFormat::Json => Output { json: true }.report(&report, ""),
        StatusFormat::Text => out.report(&report, &text(&report)),
    }
    match report.actions().count() {
        0 => Ok(()),
        n => Err(Error::ActionNeeded(format!(
            "{} need{} action",
            count(n, "item", "items"),
            if n == 1 { "s" } else { "" }
        ))),
    }
}

/// Each item that needs action, then one line per check with its counts.
fn text(report: &StatusReport) -> String {
    let mut text = String::new();
    for f in report.actions() {
        let _ = writeln!(text, "ACTION  {:<12} {}: {}", f.check, f.subject, f.detail);
    }
    let checks: BTreeSet<&str> = report.findings.iter().map(|f| f.check).collect();
    for check in checks {
        let of: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.check == check)
            .collect();
        let actions = of.iter().filter(|f| f.level == Level::Action).count();
        let _ = writeln!(
            text,
            "{:<5}   {:<12} {} checked, {} need action",
            if actions == 0 { "ok" } else { "!!" },
            check,
            of.len(),
            actions
        );
    }
    let _ = write!(
        text,
        "{} at {}",
        if report.ok {
            "all good"
        } else {
            "action needed"
        },
        report.checked_at
    );
    text
}

/// The gauge a check's timed findings are exported as, and its help text.
fn timed_metric(check: &str) -> (&'static str, &'static str) {
    match check {
        "certificate" => (
            "credctl_cert_expiry_seconds",
            "Seconds until the certificate expires (negative: expired).",
        ),
        "ca" => (
            "credctl_ca_expiry_seconds",
            "Seconds until the CA certificate expires.",
        ),
        "crl" => (
            "credctl_crl_next_update_seconds",
            "Seconds until the latest CRL's nextUpdate.",
        ),
        "password" => (
            "credctl_password_age_seconds",
            "Age of the member's password in seconds.",
        ),
        _ => (
            "credctl_nats_user_expiry_seconds",
            "Seconds until the NATS user JWT expires.",
        ),
    }
}

/// node_exporter textfile format: a gauge per timed check with one sample per item; every other
/// finding as `credctl_check_action_needed{check, subject}` 0 or 1.
fn prometheus(report: &StatusReport) -> String {
    let mut gauges: BTreeMap<&str, (&str, Vec<String>)> = BTreeMap::new();
    for f in &report.findings {
        let mut labels = f.labels.clone();
        let (name, help, value) = match f.seconds {
            Some(seconds) => {
                let (name, help) = timed_metric(f.check);
                (name, help, seconds)
            }
            None => {
                labels.insert("check", f.check.to_owned());
                labels.insert("subject", f.subject.clone());
                let action = i64::from(f.level == Level::Action);
                (
                    "credctl_check_action_needed",
                    "1 when the item needs action, else 0.",
                    action,
                )
            }
        };
        let labels: Vec<String> = labels
            .iter()
            .map(|(k, v)| format!("{k}=\"{}\"", escape(v)))
            .collect();
        let gauge = gauges.entry(name).or_insert((help, Vec::new()));
        gauge
            .1
            .push(format!("{name}{{{}}} {value}", labels.join(",")));
    }
    gauges.insert(
        "credctl_action_needed",
        (
            "1 when any check needs action.",
            vec![format!("credctl_action_needed {}", i64::from(!report.ok))],
        ),
    );
    let mut text = String::new();
    for (name, (help, samples)) in gauges {
        let _ = writeln!(text, "# HELP {name} {help}\n# TYPE {name} gauge");
        for sample in samples {
            let _ = writeln!(text, "{sample}");
        }
    }
    text
}

/// A label value as the text format wants it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
