//! Reading the users out of a hand-written nats-server configuration (`hub import --from`): the
//! part of its format that `authorization { users = [...] }` and `accounts { A { users: [...] } }`
//! blocks use — maps, arrays, quoted and bare strings, numbers, `#` and `//` comments, keys
//! separated by `:`, `=` or a space.

use super::Permissions;
use crate::error::{Error, Result};

/// A parsed value. Scalars keep their text: a user name or password is a string either way.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Arr(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl Parser<'_> {
    fn err(&self, why: &str) -> Error {
        Error::InvalidInput(format!("line {}: {why}", self.line))
    }

    /// Skips blanks, newlines (counted), and comments; with `separators`, also `,` and `;`.
    fn skip(&mut self, separators: bool) {
        while let Some(&c) = self.text.get(self.at) {
            match c {
                b'\n' => {
                    self.line += 1;
                    self.at += 1;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                b',' | b';' if separators => self.at += 1,
                b'#' => self.skip_line(),
                b'/' if self.text.get(self.at + 1) == Some(&b'/') => self.skip_line(),
                _ => break,
            }
        }
    }

    fn skip_line(&mut self) {
        while self.text.get(self.at).is_some_and(|c| *c != b'\n') {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    /// Entries until `close` (or the end, at the top level).
    fn entries(&mut self, close: Option<u8>) -> Result<Vec<(String, Value)>> {
        let mut entries = Vec::new();
        loop {
            self.skip(true);
            match (self.peek(), close) {
                (None, None) => return Ok(entries),
                (None, Some(_)) => return Err(self.err("a map is not closed")),
                (Some(c), Some(close)) if c == close => {
                    self.at += 1;
                    return Ok(entries);
                }
                _ => {}
            }
            let key = self.word(true)?;
            self.skip(false);
            if matches!(self.peek(), Some(b':' | b'=')) {
                self.at += 1;
                self.skip(false);
            }
            let value = self.value()?;
            entries.push((key, value));
        }
    }

    fn value(&mut self) -> Result<Value> {
        match self.peek() {
            Some(b'{') => {
                self.at += 1;
                Ok(Value::Map(self.entries(Some(b'}'))?))
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip(true);
                    match self.peek() {
                        None => return Err(self.err("an array is not closed")),
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Value::Arr(items));
                        }
                        _ => items.push(self.value()?),
                    }
                }
            }
            Some(_) => Ok(Value::Str(self.word(false)?)),
            None => Err(self.err("a value is missing")),
        }
    }

    /// A quoted string, or bare text: a key up to its separator, a value up to the end of its
    /// line (or a separator).
    fn word(&mut self, key: bool) -> Result<String> {
        if let Some(quote @ (b'"' | b'\'')) = self.peek() {
            self.at += 1;
            let mut out = Vec::new();
            loop {
                match self.peek() {
                    None | Some(b'\n') => return Err(self.err("a quoted string is not closed")),
                    Some(c) if c == quote => {
                        self.at += 1;
                        break;
                    }
                    Some(b'\\') if quote == b'"' => {
                        let escaped = self.text.get(self.at + 1).copied();
                        out.push(match escaped {
                            Some(b'n') => b'\n',
                            Some(b't') => b'\t',
                            Some(c) => c,
                            None => return Err(self.err("a quoted string is not closed")),
                        });
                        self.at += 2;
                    }
                    Some(c) => {
                        out.push(c);
                        self.at += 1;
                    }
                }
            }
            return String::from_utf8(out).map_err(|_| self.err("not UTF-8"));
        }
        let start = self.at;
        while let Some(c) = self.peek() {
            let end = match key {
                // A key ends at its separator or at the value it opens.
                true => matches!(c, b':' | b'=' | b' ' | b'\t' | b'{' | b'[' | b'\n' | b'\r'),
                // A bare value runs to the end of its line, a separator or a closing bracket.
                false => matches!(c, b'\n' | b'\r' | b',' | b';' | b'}' | b']' | b'#'),
            };
            if end {
                break;
            }
            self.at += 1;
        }
        let word = std::str::from_utf8(&self.text[start..self.at])
            .map_err(|_| self.err("not UTF-8"))?
            .trim()
            .to_owned();
        if word.is_empty() {
            return Err(self.err("expected a key or a value"));
        }
        Ok(word)
    }
}

/// Parses a nats-server configuration into its top-level map.
pub fn parse(text: &str) -> Result<Value> {
    let mut parser = Parser {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
    Ok(Value::Map(parser.entries(None)?))
}

/// One user of the configuration, with the account it is in (None: `authorization`, the
/// server's global account).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfUser {
    pub account: Option<String>,
    pub user: String,
    pub password: String,
    pub permissions: Permissions,
    pub connection_types: Vec<String>,
}

/// A user (or a part of the file) an import leaves out, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LeftOut {
    pub user: String,
    pub why: String,
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Str(s)) => vec![s.clone()],
        Some(Value::Arr(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// `publish: "a"`, `publish: ["a", "b"]` or `publish: { allow: [...], deny: [...] }`.
fn direction(value: Option<&Value>) -> (Vec<String>, Vec<String>) {
    match value {
        Some(map @ Value::Map(_)) => (strings(map.get("allow")), strings(map.get("deny"))),
        other => (strings(other), Vec::new()),
    }
}

fn user_of(value: &Value, account: Option<&str>) -> std::result::Result<ConfUser, LeftOut> {
    let name = value
        .get("user")
        .or_else(|| value.get("username"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let left = |why: &str| LeftOut {
        user: name.clone(),
        why: why.to_owned(),
    };
    if name.is_empty() {
        return Err(left("an entry with no user (nkey users are not imported)"));
    }
    let password = value.get("password").and_then(Value::as_str).unwrap_or("");
    if password.is_empty() {
        return Err(left("no password"));
    }
    if password.starts_with('$') && !password.starts_with("$2") {
        return Err(left(&format!(
            "its password is the variable {password}, which credctl cannot read"
        )));
    }
    let permissions = value.get("permissions");
    let (publish_allow, publish_deny) = direction(permissions.and_then(|p| p.get("publish")));
    let (subscribe_allow, subscribe_deny) = direction(permissions.and_then(|p| p.get("subscribe")));
    Ok(ConfUser {
        account: account.map(str::to_owned),
        user: name.clone(),
        password: password.to_owned(),
        permissions: Permissions {
            publish_allow,
            publish_deny,
            subscribe_allow,
            subscribe_deny,
        },
        connection_types: strings(value.get("allowed_connection_types")),
    })
}

/// The users of `authorization { users }` and of every account's `users`, and what is left out.
pub fn users(config: &Value) -> (Vec<ConfUser>, Vec<LeftOut>) {
    let mut lists: Vec<(Option<&Value>, Option<&str>)> = Vec::new();
    let mut left_out = Vec::new();
    if let Some(auth) = config.get("authorization") {
        lists.push((auth.get("users"), None));
        if let Some(user) = auth.get("user").and_then(Value::as_str) {
            left_out.push(LeftOut {
                user: user.to_owned(),
                why: "a single authorization user: add it with `credctl dev add`".into(),
            });
        }
    }
    if let Some(Value::Map(accounts)) = config.get("accounts") {
        for (name, account) in accounts {
            lists.push((account.get("users"), Some(name)));
        }
    }
    let mut users = Vec::new();
    for (list, account) in lists {
        if let Some(Value::Arr(items)) = list {
            for item in items {
                match user_of(item, account) {
                    Ok(user) => users.push(user),
                    Err(left) => left_out.push(left),
                }
            }
        }
    }
    if let Value::Map(entries) = config {
        for (key, value) in entries.iter().filter(|(k, _)| k == "include") {
            left_out.push(LeftOut {
                user: String::new(),
                why: format!(
                    "{key} {} not followed: import that file too",
                    value.as_str().unwrap_or("?")
                ),
            });
        }
    }
    (users, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_are_read_from_authorization_and_accounts_blocks() {
        let text = r#"
# hand-written
listen: 0.0.0.0:4222
authorization {
  users = [
    {user: alice, password: "$2a$11$abcdefghijklmnopqrstuv", permissions: {publish: "app.>", subscribe: ["app.>", "_INBOX.>"]}}
    {user: "svc", password: $SVC_PASSWORD}
  ]
}
accounts {
  OPS: {
    users: [
      { user: "CN=bob,OU=dev", password: "$2a$11$zzzzzzzzzzzzzzzzzzzzzz"
        permissions { publish { allow: ["ops.>"], deny: ["ops.secret"] } } }
    ]
  }
}
include "more.conf"
"#;
        let config = parse(text).unwrap();
        let (users, left) = users(&config);
        assert_eq!(users.len(), 2, "{users:?}");
        assert_eq!(users[0].user, "alice");
        assert_eq!(users[0].account, None);
        assert_eq!(users[0].permissions.publish_allow, ["app.>"]);
        assert_eq!(users[0].permissions.subscribe_allow, ["app.>", "_INBOX.>"]);
        assert_eq!(users[1].user, "CN=bob,OU=dev");
        assert_eq!(users[1].account.as_deref(), Some("OPS"));
        assert_eq!(users[1].permissions.publish_deny, ["ops.secret"]);
        assert_eq!(left.len(), 2, "{left:?}");
        assert!(left[0].why.contains("$SVC_PASSWORD"));
        assert!(left[1].why.contains("more.conf"));
        assert!(parse("a { b: [1, 2").is_err());
        assert!(parse("a: \"open").is_err());
    }
}
