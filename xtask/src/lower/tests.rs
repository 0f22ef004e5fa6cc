//! Each lowering rule on a document written for it.

use serde_json::{Value, json};

use super::{Dialect, lower};

fn lowered(document: Value) -> (Value, Vec<String>) {
    let lowered = lower(document).expect("lowers");
    (lowered.document, lowered.notes)
}

fn schema_31(schema: Value) -> Value {
    let (document, _) = lowered(json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": {"S": schema, "T": {"type": "object"}}}
    }));
    document["components"]["schemas"]["S"].clone()
}

#[test]
fn dialects_are_recognised() {
    assert_eq!(
        Dialect::of(&json!({"swagger": "2.0"})),
        Ok(Dialect::Swagger2)
    );
    assert_eq!(
        Dialect::of(&json!({"openapi": "3.0.3"})),
        Ok(Dialect::OpenApi30)
    );
    assert_eq!(
        Dialect::of(&json!({"openapi": "3.1.0"})),
        Ok(Dialect::OpenApi31)
    );
    assert!(Dialect::of(&json!({"openapi": "4.0"})).is_err());
    assert!(Dialect::of(&json!({})).is_err());
}

#[test]
fn openapi_31_nullability() {
    assert_eq!(
        schema_31(json!({"type": ["string", "null"], "maxLength": 3})),
        json!({"type": "string", "nullable": true, "maxLength": 3})
    );
    assert_eq!(
        schema_31(json!({"anyOf": [{"type": "integer"}, {"type": "null"}]})),
        json!({"type": "integer", "nullable": true})
    );
    assert_eq!(
        schema_31(json!({"oneOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]})),
        json!({"allOf": [{"$ref": "#/components/schemas/T"}], "nullable": true})
    );
    assert_eq!(
        schema_31(json!({"type": ["string", "integer"]})),
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
    );
    // Nested schemas are lowered too.
    assert_eq!(
        schema_31(json!({"type": "array", "items": {"type": ["number", "null"]}})),
        json!({"type": "array", "items": {"type": "number", "nullable": true}})
    );
}

#[test]
fn openapi_31_const_examples_and_bounds() {
    assert_eq!(
        schema_31(json!({"type": "string", "const": "card", "examples": ["card", "x"]})),
        json!({"type": "string", "enum": ["card"], "example": "card"})
    );
    assert_eq!(
        schema_31(json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10})),
        json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 10, "exclusiveMaximum": true})
    );
    assert_eq!(
        schema_31(json!({"$ref": "#/components/schemas/T", "description": "kept"})),
        json!({"allOf": [{"$ref": "#/components/schemas/T"}], "description": "kept"})
    );
    assert_eq!(
        schema_31(json!({"type": "object", "$schema": "x", "propertyNames": {"pattern": "a"}})),
        json!({"type": "object"})
    );
}

#[test]
fn openapi_31_document_keys() {
    let (document, notes) = lowered(json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}},
        "webhooks": {"a": {}},
        "jsonSchemaDialect": "x"
    }));
    assert_eq!(
        document,
        json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1", "license": {"name": "MIT"}}, "paths": {}})
    );
    assert_eq!(notes.len(), 4, "{notes:?}");
}

#[test]
fn examples_in_media_types_are_data_not_schemas() {
    let (document, _) = lowered(json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "OK", "content": {"application/json": {
            "schema": {"type": ["string", "null"]},
            "examples": {"one": {"value": {"const": 1}}}
        }}}}}}}
    }));
    let media = &document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"];
    assert_eq!(media["schema"], json!({"type": "string", "nullable": true}));
    assert_eq!(media["examples"]["one"]["value"], json!({"const": 1}));
}

fn swagger(paths: Value, extra: Value) -> Value {
    let mut document = json!({
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "host": "api.test",
        "basePath": "/v1/",
        "schemes": ["https", "http"],
        "paths": paths
    });
    for (key, value) in extra.as_object().into_iter().flatten() {
        document[key] = value.clone();
    }
    lowered(document).0
}

#[test]
fn swagger_servers_definitions_and_security() {
    let document = swagger(
        json!({}),
        json!({
            "definitions": {"A": {"type": "object", "properties": {"b": {"$ref": "#/definitions/B"}}},
                            "B": {"type": "string", "x-nullable": true}},
            "securityDefinitions": {
                "basic": {"type": "basic"},
                "oauth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t/token"}
            }
        }),
    );
    assert_eq!(document["openapi"], "3.0.3");
    assert_eq!(
        document["servers"],
        json!([{"url": "https://api.test/v1"}, {"url": "http://api.test/v1"}])
    );
    let schemas = &document["components"]["schemas"];
    assert_eq!(
        schemas["A"]["properties"]["b"],
        json!({"$ref": "#/components/schemas/B"})
    );
    assert_eq!(schemas["B"], json!({"type": "string", "nullable": true}));
    let security = &document["components"]["securitySchemes"];
    assert_eq!(
        security["basic"],
        json!({"type": "http", "scheme": "basic"})
    );
    assert_eq!(
        security["oauth"],
        json!({"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://t/token", "scopes": {}}}})
    );
}

#[test]
fn swagger_parameters_bodies_and_responses() {
    let document = swagger(
        json!({"/a/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
            "post": {
                "operationId": "makeA",
                "consumes": ["application/json", "application/xml"],
                "produces": ["application/hal+json"],
                "parameters": [
                    {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "csv"},
                    {"name": "body", "in": "body", "required": true, "schema": {"$ref": "#/definitions/A"}}
                ],
                "responses": {
                    "201": {"description": "made", "schema": {"$ref": "#/definitions/A"},
                            "headers": {"Location": {"type": "string", "format": "uri"}}},
                    "500": {"description": "failed"}
                }
            },
            "put": {
                "operationId": "upload",
                "parameters": [
                    {"name": "file", "in": "formData", "type": "file", "required": true},
                    {"name": "kind", "in": "formData", "type": "string"}
                ],
                "responses": {"204": {"description": "done"}}
            }
        }}),
        json!({"definitions": {"A": {"type": "object", "discriminator": "kind", "properties": {"kind": {"type": "string"}}}}}),
    );
    let post = &document["paths"]["/a/{id}"]["post"];
    assert_eq!(
        post["parameters"],
        json!([
            {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
            {"name": "tags", "in": "query", "style": "form", "explode": false,
             "schema": {"type": "array", "items": {"type": "string"}}}
        ])
    );
    let body_schema = json!({"schema": {"$ref": "#/components/schemas/A"}});
    assert_eq!(
        post["requestBody"],
        json!({"required": true, "content": {"application/json": body_schema, "application/xml": body_schema}})
    );
    assert_eq!(
        post["responses"]["201"],
        json!({"description": "made", "content": {"application/hal+json": body_schema},
               "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}}})
    );
    assert_eq!(post["responses"]["500"], json!({"description": "failed"}));
    assert_eq!(
        document["components"]["schemas"]["A"]["discriminator"],
        json!({"propertyName": "kind"})
    );
    let put = &document["paths"]["/a/{id}"]["put"];
    assert_eq!(
        put["requestBody"]["content"]["multipart/form-data"]["schema"],
        json!({"$ref": "#/components/schemas/UploadRequest"})
    );
    assert_eq!(
        document["components"]["schemas"]["UploadRequest"],
        json!({"type": "object", "required": ["file"], "properties": {
            "file": {"type": "string", "format": "binary"}, "kind": {"type": "string"}}})
    );
}

#[test]
fn swagger_inline_objects_become_named_components() {
    let address = json!({"type": "object", "properties": {"city": {"type": "string"}}});
    let document = swagger(
        json!({"/orders": {"post": {
            "operationId": "createOrder",
            "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {
                "billTo": address,
                "shipTo": {"type": "object", "description": "prose differs", "properties": {"city": {"type": "string"}}},
                "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"}}}}
            }}}],
            "responses": {"201": {"description": "ok", "schema": {"type": "object", "properties": {"id": {"type": "string"}}}}}
        }}}),
        json!({"definitions": {"CreateOrderRequestLines": {"type": "string"}}}),
    );
    let schemas = &document["components"]["schemas"];
    let names: Vec<&String> = schemas.as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        [
            "CreateOrder201Response",
            "CreateOrderRequest",
            "CreateOrderRequestBillTo",
            "CreateOrderRequestLines",
            "CreateOrderRequestLinesItem",
        ]
    );
    let request = &schemas["CreateOrderRequest"]["properties"];
    // Same shape but for prose: one component.
    assert_eq!(
        request["shipTo"],
        json!({"$ref": "#/components/schemas/CreateOrderRequestBillTo"})
    );
    assert_eq!(
        request["lines"]["items"],
        json!({"$ref": "#/components/schemas/CreateOrderRequestLinesItem"})
    );
    let content =
        &document["paths"]["/orders"]["post"]["requestBody"]["content"]["application/json"];
    assert_eq!(
        content["schema"],
        json!({"$ref": "#/components/schemas/CreateOrderRequest"})
    );
}
