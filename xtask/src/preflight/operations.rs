//! Operations: each needs a unique `operationId` and `responses`, and its parameters must be
//! ones the generator reads (a `schema`, no cookies) with path parameters matching the path.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Checker, METHODS, child_pointer};

impl Checker<'_> {
    /// Checks every operation under `paths`: ids, parameters, request body and responses.
    pub(super) fn operations(&mut self) {
        let doc = self.doc;
        let Some(paths) = doc.value.get("paths").and_then(Value::as_object) else {
            self.report("", "the spec has no `paths`");
            return;
        };
        let mut operation_ids: BTreeMap<String, String> = BTreeMap::new();
        for (path, item) in paths {
            let item_ptr = child_pointer("/paths", path);
            let shared_params = item
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                let op_ptr = format!("{item_ptr}/{method}");
                let label = format!("{} {path}", method.to_uppercase());
                match operation.get("operationId").and_then(Value::as_str) {
                    None => self.report(
                        &op_ptr,
                        format!("{label} has no `operationId`; the generated method is named after it, so add one such as `operationId: refundPayment`"),
                    ),
                    Some(id) => {
                        if let Some(first) = operation_ids.insert(id.to_owned(), label.clone()) {
                            self.report(
                                &format!("{op_ptr}/operationId"),
                                format!("operationId `{id}` is also used by {first}; operation ids must be unique"),
                            );
                        }
                    }
                }
                self.parameters(path, &label, &op_ptr, &shared_params, operation);
                self.request_body(&label, &op_ptr, operation);
                self.responses(&label, &op_ptr, operation);
            }
        }
    }

    fn parameters(
        &mut self,
        path: &str,
        label: &str,
        op_ptr: &str,
        shared: &[Value],
        operation: &Value,
    ) {
        let own = operation
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut path_params = BTreeSet::new();
        for (i, parameter) in own.iter().enumerate() {
            let ptr = format!("{op_ptr}/parameters/{i}");
            let parameter = self.resolve(parameter).clone();
            self.parameter(label, &ptr, &parameter, &mut path_params);
        }
        for parameter in shared {
            let parameter = self.resolve(parameter).clone();
            let mut ignored = BTreeSet::new();
            let ptr = op_ptr
                .rsplit_once('/')
                .map_or(op_ptr, |(item, _)| item)
                .to_owned()
                + "/parameters";
            self.parameter(label, &ptr, &parameter, &mut ignored);
            path_params.extend(ignored);
        }
        let templated: BTreeSet<String> = path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        for missing in templated.difference(&path_params) {
            self.report(op_ptr, format!("{label}: path parameter `{missing}` has no entry in `parameters` (add `in: path, required: true`)"));
        }
        for extra in path_params.difference(&templated) {
            self.report(
                op_ptr,
                format!(
                    "{label}: parameter `{extra}` is `in: path` but the path has no `{{{extra}}}`"
                ),
            );
        }
    }

    fn parameter(
        &mut self,
        label: &str,
        ptr: &str,
        parameter: &Value,
        path_params: &mut BTreeSet<String>,
    ) {
        let name = parameter.get("name").and_then(Value::as_str).unwrap_or("?");
        match parameter.get("in").and_then(Value::as_str) {
            Some("cookie") => self.report(&format!("{ptr}/in"), format!("{label}: cookie parameter `{name}` is not supported by the generator; send it as a header instead")),
            Some("path") => {
                path_params.insert(name.to_owned());
                if parameter.get("required") != Some(&Value::Bool(true)) {
                    self.report(ptr, format!("{label}: path parameter `{name}` must say `required: true`"));
                }
            }
            _ => {}
        }
        if parameter.get("schema").is_none() {
            self.report(ptr, format!("{label}: parameter `{name}` needs a `schema` (the generator does not read `content` on parameters)"));
        }
    }
}
