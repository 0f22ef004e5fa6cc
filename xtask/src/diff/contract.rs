//! Contract changes between two spec surfaces, classified for existing callers (the rules of
//! oasdiff are the reference): what breaks them, what does not, and what is only informational.

use std::collections::BTreeMap;

use serde::Serialize;

use super::surface::{Field, Operation, Surface};

/// How a change affects existing callers of the provider's API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Breaking,
    NonBreaking,
    Info,
}

/// One classified change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContractChange {
    /// `METHOD /path (operationId)`, or `None` for spec-wide changes.
    pub operation: Option<String>,
    pub level: Level,
    /// What changed, in one line.
    pub what: String,
    /// Why it has that level, in one line.
    pub why: String,
    /// A risk that generic diff tools miss, if any.
    pub risk: Option<String>,
}

/// Where a field lives, which decides how its changes count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Parameter,
    Request,
    Response,
}

struct Changes {
    out: Vec<ContractChange>,
    operation: Option<String>,
}

impl Changes {
    fn push(&mut self, level: Level, what: String, why: &str) {
        self.out.push(ContractChange {
            operation: self.operation.clone(),
            level,
            what,
            why: why.to_owned(),
            risk: None,
        });
    }

    fn push_risk(&mut self, level: Level, what: String, why: &str, risk: &str) {
        self.push(level, what, why);
        if let Some(last) = self.out.last_mut() {
            last.risk = Some(risk.to_owned());
        }
    }
}

/// Every contract change from `base` to `head`.
pub fn compare(base: &Surface, head: &Surface) -> Vec<ContractChange> {
    let mut changes = Changes {
        out: Vec::new(),
        operation: None,
    };
    for url in base.servers.difference(&head.servers) {
        changes.push(
            Level::Breaking,
            format!("server `{url}` removed"),
            "clients configured with it can no longer reach the API",
        );
    }
    for url in head.servers.difference(&base.servers) {
        changes.push(
            Level::Info,
            format!("server `{url}` added"),
            "a new base URL is available",
        );
    }
    for (name, scheme) in &base.security {
        match head.security.get(name) {
            None => changes.push(
                Level::Breaking,
                format!("security scheme `{name}` removed"),
                "requests authenticated with it are refused",
            ),
            Some(new) if new != scheme => changes.push(
                Level::Breaking,
                format!("security scheme `{name}` changed"),
                "existing credentials or signing no longer match",
            ),
            Some(_) => {}
        }
    }
    for name in head
        .security
        .keys()
        .filter(|n| !base.security.contains_key(*n))
    {
        changes.push(
            Level::Info,
            format!("security scheme `{name}` added"),
            "a new way to authenticate is described",
        );
    }
    for (key, old) in &base.operations {
        changes.operation = Some(label(key, old));
        match head.operations.get(key) {
            None => changes.push(
                Level::Breaking,
                "operation removed".into(),
                "callers of it get an error; the generated method disappears",
            ),
            Some(new) => operation(&mut changes, old, new),
        }
    }
    for (key, new) in head
        .operations
        .iter()
        .filter(|(k, _)| !base.operations.contains_key(*k))
    {
        changes.operation = Some(label(key, new));
        changes.push(
            Level::NonBreaking,
            "operation added".into(),
            "existing callers are unaffected",
        );
    }
    changes.out
}

fn label(key: &str, operation: &Operation) -> String {
    format!("{key} ({})", operation.id)
}

fn operation(changes: &mut Changes, old: &Operation, new: &Operation) {
    if old.id != new.id {
        changes.push(
            Level::Info,
            format!("operationId `{}` renamed to `{}`", old.id, new.id),
            "the HTTP contract is the same; the generated method is renamed",
        );
    }
    fields(
        changes,
        Side::Parameter,
        "parameter",
        &old.parameters,
        &new.parameters,
    );
    match (old.body, new.body) {
        (None, Some(true)) => changes.push(
            Level::Breaking,
            "required request body added".into(),
            "existing calls send no body",
        ),
        (None, Some(false)) => changes.push(
            Level::NonBreaking,
            "optional request body added".into(),
            "existing calls may keep sending none",
        ),
        (Some(_), None) => changes.push(
            Level::Breaking,
            "request body removed".into(),
            "existing calls send one the API no longer takes",
        ),
        (Some(false), Some(true)) => changes.push(
            Level::Breaking,
            "request body became required".into(),
            "calls without a body are refused",
        ),
        (Some(true), Some(false)) => changes.push(
            Level::NonBreaking,
            "request body became optional".into(),
            "existing calls still send one",
        ),
        _ => {}
    }
    fields(
        changes,
        Side::Request,
        "request field",
        &old.request,
        &new.request,
    );
    for (status, old_fields) in &old.responses {
        let success = status.starts_with('2');
        match new.responses.get(status) {
            None if success => changes.push(
                Level::Breaking,
                format!("success response `{status}` removed"),
                "callers expecting it get another status",
            ),
            None => changes.push(
                Level::Info,
                format!("response `{status}` removed"),
                "an error status is no longer documented",
            ),
            Some(new_fields) => {
                fields(
                    changes,
                    Side::Response,
                    &format!("`{status}` response field"),
                    old_fields,
                    new_fields,
                );
            }
        }
    }
    for status in new
        .responses
        .keys()
        .filter(|s| !old.responses.contains_key(*s))
    {
        if status.starts_with('2') {
            changes.push(
                Level::NonBreaking,
                format!("success response `{status}` added"),
                "a new outcome callers may see",
            );
        } else {
            changes.push(
                Level::Info,
                format!("response `{status}` added"),
                "an error status is now documented",
            );
        }
    }
}

fn name(path: &str) -> String {
    if path.is_empty() {
        "(the body)".into()
    } else {
        format!("`{path}`")
    }
}

fn fields(
    changes: &mut Changes,
    side: Side,
    noun: &str,
    old: &BTreeMap<String, Field>,
    new: &BTreeMap<String, Field>,
) {
    for (path, before) in old {
        let what = format!("{noun} {}", name(path));
        match (new.get(path), side) {
            (None, Side::Response) => changes.push(
                Level::Breaking,
                format!("{what} removed"),
                "callers reading it get nothing",
            ),
            (None, _) => changes.push(
                Level::Breaking,
                format!("{what} removed"),
                "callers sending it are refused or silently ignored",
            ),
            (Some(after), _) => field(changes, side, &what, before, after),
        }
    }
    for (path, after) in new.iter().filter(|(p, _)| !old.contains_key(*p)) {
        let what = format!("{noun} {} added", name(path));
        match side {
            Side::Response => changes.push_risk(
                Level::NonBreaking,
                what,
                "callers may ignore it",
                "a client that rejects unknown fields fails to parse responses; payspec clients ignore them",
            ),
            _ if after.required => changes.push(Level::Breaking, format!("required {what}"), "existing calls do not send it"),
            _ => changes.push(Level::NonBreaking, what, "existing calls may leave it out"),
        }
    }
}

fn field(changes: &mut Changes, side: Side, what: &str, before: &Field, after: &Field) {
    let input = side != Side::Response;
    let tighter = |why: &str| {
        if input {
            (Level::Breaking, why.to_owned())
        } else {
            (Level::Info, "responses only promise less".to_owned())
        }
    };
    let looser = |why: &str| {
        if input {
            (Level::NonBreaking, why.to_owned())
        } else {
            (
                Level::Breaking,
                "callers may now receive values they do not handle".to_owned(),
            )
        }
    };

    if before.required != after.required {
        let change = if after.required {
            "became required"
        } else {
            "became optional"
        };
        let (level, why) = match (input, after.required) {
            (true, true) => (Level::Breaking, "calls without it are refused"),
            (true, false) => (Level::NonBreaking, "existing calls still send it"),
            (false, true) => (Level::NonBreaking, "callers now always receive it"),
            (false, false) => (Level::Breaking, "callers must handle its absence"),
        };
        changes.push(level, format!("{what}: {change}"), why);
    }
    if before.kind != after.kind || before.format != after.format {
        let show = |f: &Field| {
            format!(
                "{}{}",
                f.kind.clone().unwrap_or_else(|| "any".into()),
                f.format
                    .as_ref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default()
            )
        };
        changes.push(
            Level::Breaking,
            format!("{what}: type {} → {}", show(before), show(after)),
            "values of the old type no longer fit",
        );
    }
    if before.nullable != after.nullable {
        let change = if after.nullable {
            "became nullable"
        } else {
            "is no longer nullable"
        };
        let level = if after.nullable {
            looser("null is now accepted")
        } else {
            tighter("null is refused")
        };
        changes.push(level.0, format!("{what}: {change}"), &level.1);
    }
    if let (Some(old_values), Some(new_values)) = (&before.values, &after.values) {
        for value in old_values.difference(new_values) {
            let (level, why) = tighter("calls sending it are refused");
            let (level, why) = if input {
                (level, why)
            } else {
                (Level::NonBreaking, "callers no longer receive it".into())
            };
            changes.push(level, format!("{what}: enum value `{value}` removed"), &why);
        }
        for value in new_values.difference(old_values) {
            if input {
                changes.push(
                    Level::NonBreaking,
                    format!("{what}: enum value `{value}` added"),
                    "a new value callers may send",
                );
            } else {
                changes.push_risk(
                    Level::NonBreaking,
                    format!("{what}: enum value `{value}` added"),
                    "the contract allows providers to add values",
                    "a client with a closed enum fails to parse responses carrying it; payspec clients keep it as `Unknown`",
                );
            }
        }
    } else if before.values != after.values {
        let change = if after.values.is_some() {
            "now restricted to an enum"
        } else {
            "no longer restricted to an enum"
        };
        let (level, why) = if after.values.is_some() {
            tighter("other values are refused")
        } else {
            looser("any value is accepted")
        };
        changes.push(level, format!("{what}: {change}"), &why);
    }
    bound(
        changes,
        what,
        "maxLength",
        before.max_length,
        after.max_length,
        true,
        input,
    );
    bound(
        changes,
        what,
        "minLength",
        before.min_length,
        after.min_length,
        false,
        input,
    );
    let number = |s: &Option<String>| s.as_deref().and_then(|v| v.parse::<f64>().ok());
    bound(
        changes,
        what,
        "maximum",
        number(&before.maximum),
        number(&after.maximum),
        true,
        input,
    );
    bound(
        changes,
        what,
        "minimum",
        number(&before.minimum),
        number(&after.minimum),
        false,
        input,
    );
    if before.pattern != after.pattern {
        let level = match (&after.pattern, input) {
            (Some(_), true) => (Level::Breaking, "values that matched before may be refused"),
            (None, true) => (Level::NonBreaking, "any string is accepted"),
            (_, false) => (Level::Info, "the documented format of responses changed"),
        };
        changes.push(
            level.0,
            format!("{what}: pattern {:?} → {:?}", before.pattern, after.pattern),
            level.1,
        );
    }
}

/// A length or value bound; `upper` says whether lowering it tightens.
fn bound<T: PartialOrd + std::fmt::Debug + Copy>(
    changes: &mut Changes,
    what: &str,
    name: &str,
    before: Option<T>,
    after: Option<T>,
    upper: bool,
    input: bool,
) {
    if before == after {
        return;
    }
    let tightened = match (before, after) {
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(b), Some(a)) => {
            if upper {
                a < b
            } else {
                a > b
            }
        }
        (None, None) => return,
    };
    let show = |v: Option<T>| v.map_or_else(|| "none".to_owned(), |v| format!("{v:?}"));
    let (level, why) = match (tightened, input) {
        (true, true) => (Level::Breaking, "values accepted before may be refused"),
        (false, true) => (Level::NonBreaking, "more values are accepted"),
        (true, false) => (Level::Info, "responses only promise less"),
        (false, false) => (
            Level::Info,
            "responses may carry larger values; check your storage",
        ),
    };
    changes.push(
        level,
        format!("{what}: {name} {} → {}", show(before), show(after)),
        why,
    );
}
