//! `credctl cert ...` and `credctl crl`: requests from flags, reports to text.

use std::path::Path;

use super::args::{
    CertCommand, CrlArgs, GlobalArgs, IssueArgs, ListArgs, NameArgs, RenewArgs, RevokeArgs,
    SignArgs, ValidityArgs,
};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::cert::{self as ops, IssuedReport, Names};
use crate::ops::hubsync::Followed;
use crate::x509::registry::Reason;

pub fn run(global: &GlobalArgs, cmd: &CertCommand, out: Output) -> Result<()> {
    match cmd {
        CertCommand::Issue(args) => issue(global, args, out),
        CertCommand::Sign(args) => sign(global, args, out),
        CertCommand::Export {
            name,
            format: _,
            key,
            p12_passphrase_file,
            out: file,
        } => {
            let args = super::args::P12Args {
                p12: true,
                p12_passphrase_file: p12_passphrase_file.clone(),
            };
            let passphrase = super::unlock::p12_passphrase(&args)?.expect("--p12 is set");
            let path = ops::export_p12(
                &mut super::session(global, out)?,
                name,
                key,
                (file, &passphrase),
            )?;
            out.report(
                &serde_json::json!({ "out": path }),
                &format!(
                    "wrote {} (PKCS#12, 0600): {name}'s certificate, chain and key",
                    path.display()
                ),
            );
            Ok(())
        }
        CertCommand::Renew(args) => renew(global, args, out),
        CertCommand::Revoke(args) => revoke(global, args, out),
        CertCommand::List(args) => list(global, args, out),
        CertCommand::Show { target } => show(global, target, out),
        CertCommand::Verify { file } => verify(global, file, out),
    }
}

fn issue(global: &GlobalArgs, args: &IssueArgs, out: Output) -> Result<()> {
    let names = match (&args.from, &args.name) {
        (Some(file), _) => crate::ops::read_name_list(file, "names")?,
        (None, Some(name)) => vec![name.clone()],
        (None, None) => unreachable!("clap requires NAME or --from"),
    };
    let req = ops::IssueRequest {
        names,
        profile: args.profile.clone(),
        alt_names: names_of(&args.names),
        validity: validity(&args.validity)?,
        key_type: args.key_type.map(Into::into),
        bind_mac: args.bind_mac.clone(),
        subject: args.subject.parse()?,
        force: args.force,
        out: args.out.clone(),
    };
    let p12 = super::unlock::p12_passphrase(&args.p12)?;
    let report = ops::issue(&mut super::session(global, out)?.with_p12(p12), &req)?;
    let human = human_issued(&report.issued) + &hub_notes(report.hub.as_ref());
    // The JSON document stays the list of certificates issued.
    out.report(&report.issued, &human);
    Ok(())
}

fn sign(global: &GlobalArgs, args: &SignArgs, out: Output) -> Result<()> {
    let req = ops::SignRequest {
        csr: args.csr.clone(),
        profile: args.profile.clone(),
        name: args.name.clone(),
        alt_names: names_of(&args.names),
        validity: validity(&args.validity)?,
        subject: args.subject.parse()?,
        force: args.force,
        out: args.out.clone(),
    };
    let report = ops::sign(&mut super::session(global, out)?, &req)?;
    for ignored in &report.ignored {
        out.notice(&format!("ignoring what the CSR asks for: {ignored}"));
    }
    let human = format!(
        "{}\n  (signed from {}; ignored: {})\n  request key fingerprint: {} (compare it with what the device's operator reads)",
        human_issued(std::slice::from_ref(&report.issued)),
        args.csr.display(),
        if report.ignored.is_empty() {
            "nothing".to_owned()
        } else {
            report.ignored.join(", ")
        },
        report.key_fingerprint
    ) + &hub_notes(report.hub.as_ref());
    out.report(&report, &human);
    Ok(())
}

fn renew(global: &GlobalArgs, args: &RenewArgs, out: Output) -> Result<()> {
    let req = ops::RenewRequest {
        name: args.name.clone(),
        validity: validity(&args.validity)?,
        reuse_key: args.reuse_key,
        revoke_old: args.revoke_old,
        key_type: args.key_type.map(Into::into),
        out: args.out.clone(),
    };
    let p12 = super::unlock::p12_passphrase(&args.p12)?;
    let report = ops::renew(&mut super::session(global, out)?.with_p12(p12), &req)?;
    let human = format!(
        "{}\n  replaces serial {}{}",
        human_issued(std::slice::from_ref(&report.issued)),
        report.issued.replaces.as_deref().unwrap_or("-"),
        if report.old_revoked {
            " (revoked)"
        } else {
            " (valid until it expires)"
        }
    ) + &edge_notes(&report)
        + &hub_notes(report.hub.as_ref());
    let human = match &report.subject_was {
        Some(was) => format!(
            "{human}\n  its subject changed with the profile: now {}, was {was}",
            report.issued.subject
        ),
        None => human,
    };
    out.report(&report, &human);
    Ok(())
}

/// A renewed hub edge's new config, and what the edge needs before it connects again.
fn edge_notes(report: &ops::RenewReport) -> String {
    let Some(edge) = &report.edge else {
        return String::new();
    };
    let name = &report.issued.name;
    // `--reuse-key` hands out no key: the edge keeps its own.
    let mut files = vec![format!("{name}.conf"), format!("{name}.crt")];
    if report.issued.key.is_some() {
        files.push(format!("{name}.key"));
    }
    let last = files.pop().expect("two files at least");
    format!(
        "\n  {} (0600: holds the new leafnode password)\nedge {name}'s leafnode password is rotated: its old config no longer logs in. Install {} and {last} on the edge (the config reads them from {}) and restart the edge's nats-server",
        edge.config.display(),
        files.join(", "),
        edge.deploy_dir
    )
}

fn revoke(global: &GlobalArgs, args: &RevokeArgs, out: Output) -> Result<()> {
    let reason: Reason = args.reason.into();
    let report = ops::revoke(&mut super::session(global, out)?, &args.targets, reason)?;
    let reports = &report.revoked;
    let human = if reports.len() > 20 {
        format!("revoked {} certificates ({})", reports.len(), reason.name())
    } else {
        reports
            .iter()
            .map(|r| {
                format!(
                    "revoked {} serial {} ({})",
                    r.name,
                    r.serial,
                    r.reason.name()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let human = format!(
        "{human}\nrun `credctl crl --out FILE` to publish the revocation{}",
        hub_notes(report.hub.as_ref())
    );
    out.report(reports, &human);
    Ok(())
}

fn verify(global: &GlobalArgs, file: &Path, out: Output) -> Result<()> {
    let verdict = ops::verify(&super::reader(global, out)?, file)?;
    let human = if verdict.ok {
        format!(
            "{}: OK ({}, serial {}, valid until {})",
            file.display(),
            verdict.subject,
            verdict.serial,
            verdict.not_after
        )
    } else {
        let problems: Vec<String> = verdict
            .problems
            .iter()
            .map(|p| format!("  - {p}"))
            .collect();
        format!(
            "{}: FAILED ({}, serial {})\n{}",
            file.display(),
            verdict.subject,
            verdict.serial,
            problems.join("\n")
        )
    };
    out.report(&verdict, &human);
    if verdict.ok {
        Ok(())
    } else {
        Err(Error::VerificationFailed(verdict.problems.join("; ")))
    }
}

pub fn crl(global: &GlobalArgs, args: &CrlArgs, out: Output) -> Result<()> {
    let report = ops::crl(
        &mut super::session(global, out)?,
        args.days,
        &args.out,
        args.root_out.as_deref(),
    )?;
    let mut human = format!(
        "wrote CRL {} ({} revoked) to {}, next update {}",
        report.crl_number,
        report.revoked,
        args.out.display(),
        report.next_update
    );
    if let Some(root) = &report.root {
        human.push_str(&format!(
            "\nwrote the root's CRL {} (over the intermediate) to {}, next update {}",
            root.crl_number,
            root.out.display(),
            root.next_update
        ));
    }
    out.report(&report, &human);
    Ok(())
}

/// Advice for a refused `cert` command.
pub fn hint(cmd: &CertCommand, err: &Error) -> Option<String> {
    let text = match (cmd, err) {
        (CertCommand::Issue(_) | CertCommand::Sign(_), Error::Conflict(_)) => {
            "renew it with `credctl cert renew NAME --out DIR`, revoke it first, or pass --force to replace it"
        }
        (CertCommand::Renew(_), Error::NotFound(_)) => {
            "`credctl cert list` shows the names that have a current certificate"
        }
        (CertCommand::Revoke(_) | CertCommand::Show { .. }, Error::NotFound(_)) => {
            "`credctl cert list` shows every certificate with its name and serial"
        }
        (CertCommand::Revoke(_), Error::AlreadyRevoked(_)) => {
            "nothing to do; `credctl cert list --revoked` shows it"
        }
        (CertCommand::Verify { .. }, Error::VerificationFailed(_)) => {
            "the certificate is not valid for this CA now: renew or re-issue it"
        }
        _ => return None,
    };
    Some(text.into())
}

/// What a certificate change did to hub members, and what the operator must do about it.
fn hub_notes(hub: Option<&Followed>) -> String {
    let Some(f) = hub else {
        return String::new();
    };
    let mut text = String::new();
    for member in &f.suspended {
        let (kind, name) = member.split_once(' ').unwrap_or(("dev", member));
        text.push_str(&format!(
            "\n{member} is suspended (no current certificate): `credctl cert renew {name} --out DIR` readmits it, `credctl {kind} remove {name}` removes it"
        ));
    }
    for member in &f.admitted {
        text.push_str(&format!("\n{member} is admitted with its new certificate"));
    }
    for edge in &f.old_certificate_still_admitted {
        text.push_str(&format!(
            "\nwarning: edge {edge}'s previous certificate also still connects with its config (leafnode login is by password outside pinned mode): `credctl cert renew {edge} --out DIR` rotates the password and cuts it off"
        ));
    }
    if f.rendered.is_empty() {
        text.push_str("\nthe hub has no recorded directory: render it with `credctl hub render --out DIR --record`");
    } else {
        text.push_str(&super::hub::rerendered(&f.rendered, f.restart.as_deref()));
    }
    text
}

fn validity(v: &ValidityArgs) -> Result<Option<time::Duration>> {
    ops::validity(v.days, v.hours)
}

pub(super) fn names_of(n: &NameArgs) -> Names {
    Names {
        dns: n.dns.clone(),
        ips: n.ips.clone(),
        emails: n.emails.clone(),
    }
}

fn human_issued(reports: &[IssuedReport]) -> String {
    if reports.len() > 20 {
        return format!(
            "issued {} certificates (profile {})",
            reports.len(),
            reports[0].profile
        );
    }
    reports
        .iter()
        .map(|r| {
            let mut line = format!(
                "issued {} ({}), serial {}, valid until {}",
                r.subject, r.profile, r.serial, r.not_after
            );
            for path in [&r.cert, &r.key].into_iter().flatten() {
                line.push_str(&format!("\n  {}", path.display()));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn list(global: &GlobalArgs, args: &ListArgs, out: Output) -> Result<()> {
    let req = ops::ListRequest {
        expiring_within: args
            .expiring_within
            .as_deref()
            .map(|d| crate::clock::parse_duration_flag("--expiring-within", d))
            .transpose()?,
        revoked: args.revoked,
        profile: args.profile.clone(),
    };
    let rows = ops::list(&super::reader(global, out)?, &req)?;
    let mut human = String::with_capacity(rows.len() * 100);
    if !out.json {
        // credctl's serials are 32 hex digits; an adopted CA's may be longer.
        let width = rows
            .iter()
            .map(|r| r.serial.len())
            .max()
            .unwrap_or(0)
            .max(32);
        human.push_str(&format!(
            "{:<width$}  {:<20}  {:<6}  {:<13}  {}\n",
            "SERIAL", "NAME", "PROF", "STATUS", "NOT AFTER"
        ));
        for r in &rows {
            human.push_str(&format!(
                "{:<width$}  {:<20}  {:<6}  {:<13}  {}\n",
                r.serial,
                r.name,
                r.profile,
                r.status.name(),
                r.not_after
            ));
        }
        human.push_str(&format!(
            "{}\n",
            super::output::count(rows.len(), "certificate", "certificates")
        ));
    }
    out.report(&rows, &human);
    Ok(())
}

fn show(global: &GlobalArgs, target: &str, out: Output) -> Result<()> {
    let report = ops::show(&super::reader(global, out)?, target)?;
    let r = &report.row;
    let mut human = format!(
        "name:        {}\nsubject:     {}\nissuer:      {}\nserial:      {}\nprofile:     {}\nstatus:      {}\nkey type:    {}\nnot before:  {}\nnot after:   {}\nnames:       {}\nusage:       {}\nsha256:      {}\nspki sha256: {}\n",
        r.name,
        r.subject,
        report.issuer,
        r.serial,
        r.profile,
        r.status.name(),
        report.key_type,
        r.not_before,
        r.not_after,
        if r.sans.is_empty() {
            "-".to_owned()
        } else {
            r.sans.join(", ")
        },
        report.extended_key_usage.join(", "),
        r.fingerprint_sha256,
        r.spki_sha256,
    );
    if let (Some(at), Some(reason)) = (&r.revoked_at, r.reason) {
        human.push_str(&format!("revoked:     {at} ({})\n", reason.name()));
    }
    if let Some(m) = &report.mac_binding {
        human.push_str(&format!(
            "mac binding: sha256 {} nonce {}\n",
            m.binding, m.nonce
        ));
    }
    if let Some(s) = &report.replaces {
        human.push_str(&format!("replaces:    {s}\n"));
    }
    if let Some(s) = &report.superseded_by {
        human.push_str(&format!("superseded:  by {s}\n"));
    }
    out.report(&report, &human);
    Ok(())
}
