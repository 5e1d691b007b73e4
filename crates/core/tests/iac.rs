//! Infrastructure-as-code exports read back: the Bicep file against the ARM template (a small reader
//! for the Bicep amlnet writes), and the Terraform configuration with a real HCL parser (hcl-rs),
//! whose decoded attribute values must equal the model. Inputs: the demo, every conformance case,
//! the hostile strings, and random configurations.

mod support {
    pub(crate) mod cases;
    pub(crate) mod order;
    pub(crate) mod random;
    pub(crate) mod tools;
}

use amlnet_core::model::{Config, Destination, OnlineDeployment, OnlineEndpoint, OutboundRule, Value, WorkspaceKind};
use amlnet_core::{analyze, export, export_notes, ExportFormat};
use hcl::eval::{Context as HclContext, Evaluate};
use serde_json::{json, Map, Value as Json};
use support::cases::conformance_cases;
use support::random::{random_config, Rng, HOSTILE};

fn file_of(config: &Config, format: ExportFormat) -> String {
    let files = export(config, format);
    assert_eq!(files.len(), 1, "{format:?} exports one file");
    files.into_iter().next().map(|f| f.contents).unwrap_or_default()
}

/// Every configuration the checks run on, with a label.
fn configs() -> Vec<(String, Config)> {
    let mut out = vec![("demo".to_owned(), amlnet_core::demo::demo_config())];
    for case in conformance_cases() {
        out.push((format!("case {}", case.dir.display()), analyze(&case.files, case.context).config));
    }
    let extra = ["%{if}", "${x}", "a\\${b}", "[x]", "[[x]", "}\n#", "\"\"", "\r\n"];
    for (i, h) in HOSTILE.iter().chain(extra.iter()).enumerate() {
        let mut config = amlnet_core::demo::demo_config();
        config.context.resource_group = Some((*h).to_owned());
        if let Some(ws) = config.workspace.as_mut() {
            ws.description = Some((*h).to_owned());
            ws.display_name = Some(format!("{h}{h}"));
            ws.tags = vec![((*h).to_owned(), (*h).to_owned()), ("k".to_owned(), (*h).to_owned())];
            if let Some(mn) = ws.managed_network.as_mut() {
                mn.outbound_rules.push(OutboundRule {
                    name: (*h).to_owned(),
                    destination: Destination::Fqdn(amlnet_core::model::FqdnDestination { destination: (*h).to_owned() }),
                });
                if let Some(Destination::ServiceTag(st)) = mn.outbound_rules.get_mut(1).map(|r| &mut r.destination) {
                    st.address_prefixes = Some(vec![(*h).to_owned()]);
                }
            }
        }
        if let Some(ep) = config.endpoint.as_mut() {
            ep.description = Some((*h).to_owned());
            ep.tags = vec![((*h).to_owned(), (*h).to_owned())];
            if i % 2 == 0 {
                ep.name = format!("ep{h}");
            }
        }
        if let Some(dep) = config.deployments.get_mut(0) {
            dep.instance_type = Some((*h).to_owned());
            dep.model = Some(Value::Str(format!("azureml:{h}:1")));
            dep.name = format!("dep{h}");
            // Some name an endpoint the configuration does not create (an existing endpoint).
            dep.endpoint_name = match config.endpoint.as_ref() {
                Some(_) if i % 4 == 1 => format!("other{h}"),
                Some(ep) => ep.name.clone(),
                None => String::new(),
            };
        }
        if i % 3 == 0 {
            if let Some(ws) = config.workspace.as_mut() {
                ws.name = format!("ws{h}");
            }
        }
        out.push((format!("hostile {i} {h:?}"), config));
    }
    let mut rng = Rng(0x1ac_2024);
    for i in 0..60 {
        out.push((format!("random {i}"), random_config(&mut rng)));
    }
    out
}

// ----------------------------------------------------------------------------- canonical ARM values

/// An ARM string as a canonical value: literals unescaped, the expressions amlnet writes as markers.
fn canonical_arm_string(s: &str) -> Json {
    if let Some(rest) = s.strip_prefix("[[") {
        return Json::String(format!("[{rest}"));
    }
    let Some(expr) = s.strip_prefix('[').and_then(|e| e.strip_suffix(']')) else { return Json::String(s.to_owned()) };
    if let Some(name) = expr.strip_prefix("parameters('").and_then(|e| e.strip_suffix("')")) {
        return Json::String(format!("<param:{name}>"));
    }
    if expr == "resourceGroup().location" {
        return Json::String("<rg-location>".to_owned());
    }
    let ws_id = "concat(resourceId('Microsoft.MachineLearningServices/workspaces', parameters('workspaceName')), ";
    if let Some(args) = expr.strip_prefix(ws_id).and_then(|e| e.strip_suffix(')')) {
        let mut out = "<ws-id>".to_owned();
        out.push_str(&arm_string_args(args).concat());
        return Json::String(out);
    }
    let mut parser = ExprParser { chars: expr.chars().collect(), i: 0 };
    let e = parser.arm();
    assert_eq!(parser.i, parser.chars.len(), "trailing text in the ARM expression {s}");
    Json::String(canonical_expr(&e, &|_| None))
}

/// An expression of the network part, in either language: a string, a call, or an identifier, each with
/// a property chain (`reference(...).identity.principalId`, `privateDnsZone1.id`).
#[derive(Debug)]
enum E {
    Str(String),
    Call(String, Vec<E>, Vec<String>),
    Ident(String, Vec<String>),
}

struct ExprParser {
    chars: Vec<char>,
    i: usize,
}

impl ExprParser {
    fn skip(&mut self) {
        while self.chars.get(self.i).is_some_and(|c| *c == ' ') {
            self.i += 1;
        }
    }
    fn ident(&mut self) -> String {
        let start = self.i;
        while self.chars.get(self.i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
            self.i += 1;
        }
        assert!(self.i > start, "identifier expected at {} in {:?}", self.i, self.chars.iter().collect::<String>());
        self.chars[start..self.i].iter().collect()
    }
    fn props(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        while self.chars.get(self.i) == Some(&'.') {
            self.i += 1;
            out.push(self.ident());
        }
        out
    }
    /// ARM: strings are single-quoted with `''` for a quote.
    fn arm(&mut self) -> E {
        self.skip();
        if self.chars.get(self.i) == Some(&'\'') {
            self.i += 1;
            let mut text = String::new();
            loop {
                let c = self.chars[self.i];
                self.i += 1;
                if c == '\'' {
                    if self.chars.get(self.i) == Some(&'\'') {
                        text.push('\'');
                        self.i += 1;
                        continue;
                    }
                    break;
                }
                text.push(c);
            }
            return E::Str(text);
        }
        let name = self.ident();
        assert_eq!(self.chars.get(self.i), Some(&'('), "ARM identifiers are calls: {name}");
        self.i += 1;
        let mut args = Vec::new();
        loop {
            self.skip();
            if self.chars.get(self.i) == Some(&')') {
                self.i += 1;
                break;
            }
            args.push(self.arm());
            self.skip();
            if self.chars.get(self.i) == Some(&',') {
                self.i += 1;
            }
        }
        let props = self.props();
        E::Call(name, args, props)
    }
}

/// The canonical text of an expression; `symbol` resolves a Bicep symbol to the canonical id of its resource.
fn canonical_expr(e: &E, symbol: &dyn Fn(&str) -> Option<String>) -> String {
    let args = |a: &[E]| a.iter().map(|x| canonical_expr(x, symbol)).collect::<Vec<_>>().join("|");
    match e {
        E::Str(s) => s.clone(),
        E::Call(name, a, props) if name == "parameters" && props.is_empty() => format!("<param:{}>", args(a)),
        E::Call(name, a, props) if name == "reference" => {
            let system = matches!(a.first(), Some(E::Call(n, _, _)) if n == "resourceId") && props == &["identity", "principalId"];
            if system {
                "<principal:system>".to_owned()
            } else {
                format!("<principal:{}>", a.first().map(|x| canonical_expr(x, symbol)).unwrap_or_default())
            }
        }
        E::Call(name, a, props) if props.is_empty() && matches!(name.as_str(), "resourceId" | "guid" | "subscriptionResourceId") => {
            format!("<{name}:{}>", args(a))
        }
        E::Ident(name, props) if name == "workspace" && props == &["identity", "principalId"] => "<principal:system>".to_owned(),
        E::Ident(name, props) if props == &["id"] => symbol(name).unwrap_or_else(|| panic!("unknown symbol {name}")),
        E::Ident(name, props) if props.is_empty() => format!("<param:{name}>"),
        other => panic!("unexpected expression {other:?}"),
    }
}

/// The quoted string arguments of an ARM call (`'a', 'it''s'`).
fn arm_string_args(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = args.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    if chars[i] == '\'' {
                        if chars.get(i + 1) == Some(&'\'') {
                            s.push('\'');
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    s.push(chars[i]);
                    i += 1;
                }
                out.push(s);
            }
            _ => i += 1,
        }
    }
    out
}

fn canonical_arm(v: &Json) -> Json {
    match v {
        Json::String(s) => canonical_arm_string(s),
        Json::Array(items) => Json::Array(items.iter().map(canonical_arm).collect()),
        Json::Object(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), canonical_arm(v))).collect()),
        other => other.clone(),
    }
}

/// The full name of an ARM resource, canonical: `format('{0}/{1}', parameters('workspaceName'), 'ep')` → `<param:workspaceName>/ep`.
fn canonical_arm_name(name: &str) -> String {
    if let Some(expr) = name.strip_prefix("[format(").map(|_| &name[1..name.len() - 1]) {
        let mut parser = ExprParser { chars: expr.chars().collect(), i: 0 };
        let E::Call(_, args, _) = parser.arm() else { panic!("format name {name}") };
        return args[1..].iter().map(|a| canonical_expr(a, &|_| None)).collect::<Vec<_>>().join("/");
    }
    match canonical_arm_string(name) {
        Json::String(s) => s,
        other => panic!("name {other}"),
    }
}

// ----------------------------------------------------------------------------- a reader for amlnet's Bicep

struct Bicep<'a> {
    chars: Vec<char>,
    i: usize,
    text: &'a str,
    /// Each resource's symbol and the canonical id (`<resourceId:type|names>`) its `.id` stands for.
    symbols: Vec<(String, String)>,
}

impl Bicep<'_> {
    fn skip(&mut self) {
        loop {
            while self.i < self.chars.len() && self.chars[self.i].is_whitespace() {
                self.i += 1;
            }
            if self.peek_str("//") {
                while self.i < self.chars.len() && self.chars[self.i] != '\n' {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }
    fn peek_str(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(k, c)| self.chars.get(self.i + k) == Some(&c))
    }
    fn eat(&mut self, s: &str) {
        self.skip();
        assert!(self.peek_str(s), "expected {s:?} at {} in\n{}", self.i, self.text);
        self.i += s.chars().count();
    }
    fn ident(&mut self) -> String {
        self.skip();
        let start = self.i;
        while self.i < self.chars.len() && (self.chars[self.i].is_ascii_alphanumeric() || self.chars[self.i] == '_') {
            self.i += 1;
        }
        assert!(self.i > start, "identifier expected at {} in\n{}", self.i, self.text);
        self.chars[start..self.i].iter().collect()
    }
    /// A string literal; `${workspace.id}` interpolation becomes the `<ws-id>` marker.
    fn string(&mut self) -> String {
        self.eat("'");
        let mut out = String::new();
        loop {
            let c = self.chars[self.i];
            self.i += 1;
            match c {
                '\'' => return out,
                '\n' => panic!("raw newline in a Bicep string"),
                '\\' => {
                    let e = self.chars[self.i];
                    self.i += 1;
                    match e {
                        '\\' => out.push('\\'),
                        '\'' => out.push('\''),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        '$' => out.push('$'),
                        'u' => {
                            self.eat("{");
                            let start = self.i;
                            while self.chars[self.i] != '}' {
                                self.i += 1;
                            }
                            let hex: String = self.chars[start..self.i].iter().collect();
                            self.i += 1;
                            out.push(char::from_u32(u32::from_str_radix(&hex, 16).expect("hex")).expect("char"));
                        }
                        other => panic!("bad escape \\{other}"),
                    }
                }
                '$' if self.chars.get(self.i) == Some(&'{') => {
                    let start = self.i + 1;
                    while self.chars[self.i] != '}' {
                        self.i += 1;
                    }
                    let inner: String = self.chars[start..self.i].iter().collect();
                    self.i += 1;
                    assert_eq!(inner, "workspace.id", "only the workspace id is interpolated");
                    out.push_str("<ws-id>");
                }
                c => out.push(c),
            }
        }
    }
    /// A call (`guid(a, b)`, `reference('id', 'v').principalId`) or a property chain (`zone.id`) after its identifier.
    fn call_or_props(&mut self, id: String) -> E {
        let e = if self.peek_str("(") {
            self.i += 1;
            let mut args = Vec::new();
            loop {
                self.skip();
                if self.peek_str(")") {
                    self.i += 1;
                    break;
                }
                args.push(match self.value() {
                    Json::String(s) => E::Str(s),
                    other => panic!("call argument {other}"),
                });
                self.skip();
                if self.peek_str(",") {
                    self.i += 1;
                }
            }
            let props = self.props();
            E::Call(id, args, props)
        } else {
            let props = self.props();
            E::Ident(id, props)
        };
        e
    }
    fn props(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        while self.peek_str(".") {
            self.i += 1;
            out.push(self.ident());
        }
        out
    }
    fn value(&mut self) -> Json {
        self.skip();
        match self.chars[self.i] {
            '\'' => Json::String(self.string()),
            '{' => {
                self.i += 1;
                let mut m = Map::new();
                loop {
                    self.skip();
                    if self.peek_str("}") {
                        self.i += 1;
                        return Json::Object(m);
                    }
                    let key = if self.peek_str("'") { self.string() } else { self.ident() };
                    self.eat(":");
                    let v = self.value();
                    assert!(m.insert(key.clone(), v).is_none(), "duplicate key {key}");
                }
            }
            '[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip();
                    if self.peek_str("]") {
                        self.i += 1;
                        return Json::Array(items);
                    }
                    items.push(self.value());
                }
            }
            c if c == '-' || c.is_ascii_digit() => {
                let start = self.i;
                self.i += 1;
                while self.chars[self.i].is_ascii_digit() {
                    self.i += 1;
                }
                let text: String = self.chars[start..self.i].iter().collect();
                serde_json::from_str(&text).expect("int")
            }
            _ => {
                let id = self.ident();
                match id.as_str() {
                    "true" => Json::Bool(true),
                    "false" => Json::Bool(false),
                    "null" => Json::Null,
                    "json" => {
                        self.eat("(");
                        let text = self.string();
                        self.eat(")");
                        serde_json::from_str(&text).expect("json() literal")
                    }
                    "resourceGroup" => {
                        self.eat("(");
                        self.eat(")");
                        self.eat(".");
                        assert_eq!(self.ident(), "location");
                        Json::String("<rg-location>".to_owned())
                    }
                    _ if self.peek_str("(") || self.peek_str(".") => {
                        let e = self.call_or_props(id);
                        let symbols = &self.symbols;
                        Json::String(canonical_expr(&e, &|name| symbols.iter().find(|(s, _)| s == name).map(|(_, id)| id.clone())))
                    }
                    _ => Json::String(format!("<param:{id}>")),
                }
            }
        }
    }
}

/// One `resource`: (symbol, type@version, existing, parent symbol, name, rest of the body).
type BicepResource = (String, String, bool, Option<String>, Json, Map<String, Json>);

struct BicepFile {
    description: String,
    params: Vec<(String, Option<Json>, String)>,
    resources: Vec<BicepResource>,
}

fn read_bicep(text: &str) -> BicepFile {
    let mut p = Bicep { chars: text.chars().collect(), i: 0, text, symbols: Vec::new() };
    let mut file = BicepFile { description: String::new(), params: Vec::new(), resources: Vec::new() };
    let mut decorator = None;
    loop {
        p.skip();
        if p.i >= p.chars.len() {
            return file;
        }
        if p.peek_str("@") {
            p.eat("@");
            assert_eq!(p.ident(), "description");
            p.eat("(");
            decorator = Some(p.string());
            p.eat(")");
            continue;
        }
        match p.ident().as_str() {
            "metadata" => {
                assert_eq!(p.ident(), "description");
                p.eat("=");
                file.description = p.string();
            }
            "param" => {
                let name = p.ident();
                assert_eq!(p.ident(), "string");
                p.skip();
                let default = if p.peek_str("=") {
                    p.eat("=");
                    Some(p.value())
                } else {
                    None
                };
                file.params.push((name, default, decorator.take().expect("every parameter is described")));
            }
            "resource" => {
                let symbol = p.ident();
                let type_version = p.string();
                p.skip();
                let existing = p.peek_str("existing");
                if existing {
                    p.eat("existing");
                }
                p.eat("=");
                let Json::Object(mut body) = p.value() else { panic!("resource body") };
                let parent = body.remove("parent").map(|v| match v {
                    Json::String(s) => s.trim_start_matches("<param:").trim_end_matches('>').to_owned(),
                    other => panic!("parent {other}"),
                });
                let name = body.remove("name").expect("name");
                // `scope: <symbol>` of an extension resource: ARM writes `<type>/<name>` of that resource.
                if let Some(Json::String(scope)) = body.get("scope").cloned() {
                    let sym = scope.trim_start_matches("<param:").trim_end_matches('>');
                    let target = file.resources.iter().find(|r| r.0 == sym).unwrap_or_else(|| panic!("scope {sym}"));
                    let ty = target.1.split('@').next().unwrap_or_default();
                    body.insert("scope".to_owned(), Json::String(format!("{ty}/{}", target.4.as_str().unwrap_or_default())));
                }
                let mut names = vec![name.as_str().unwrap_or_default().to_owned()];
                let mut up = parent.clone();
                while let Some(ps) = up {
                    let Some(pr) = file.resources.iter().find(|r| r.0 == ps) else { break };
                    names.insert(0, pr.4.as_str().unwrap_or_default().to_owned());
                    up = pr.3.clone();
                }
                let ty = type_version.split('@').next().unwrap_or_default().to_owned();
                p.symbols.push((symbol.clone(), format!("<resourceId:{ty}|{}>", names.join("|"))));
                file.resources.push((symbol, type_version, existing, parent, name, body));
            }
            "output" => {
                // `output workspaceId string = resourceId('<type>', workspaceName)`
                while p.i < p.chars.len() && p.chars[p.i] != '\n' {
                    p.i += 1;
                }
            }
            other => panic!("unexpected Bicep statement {other}"),
        }
    }
}

#[test]
fn bicep_is_the_arm_template() {
    for (label, config) in configs() {
        let arm: Json = serde_json::from_str(&file_of(&config, ExportFormat::Arm)).unwrap_or_else(|e| panic!("{label}: ARM JSON: {e}"));
        let bicep_text = file_of(&config, ExportFormat::Bicep);
        let bicep = read_bicep(&bicep_text);
        assert_eq!(Json::String(bicep.description.clone()), arm["metadata"]["description"], "{label}");
        // Parameters: the same names, defaults and descriptions.
        let arm_params = arm["parameters"].as_object().expect("parameters");
        assert_eq!(arm_params.len(), bicep.params.len(), "{label}");
        for (name, default, description) in &bicep.params {
            let arm_param = arm_params.get(name).unwrap_or_else(|| panic!("{label}: no ARM parameter {name}"));
            assert_eq!(default.clone(), arm_param.get("defaultValue").map(canonical_arm), "{label}: {name}");
            assert_eq!(Json::String(description.clone()), arm_param["metadata"]["description"], "{label}");
        }
        // Resources: the deployed ones, in order, with the same type, full name and body.
        let deployed: Vec<_> = bicep.resources.iter().filter(|r| !r.2).collect();
        let arm_resources = arm["resources"].as_array().expect("resources");
        assert_eq!(deployed.len(), arm_resources.len(), "{label}");
        for (r, a) in deployed.iter().zip(arm_resources) {
            let (_, type_version, _, _, _, body) = r;
            assert_eq!(type_version.as_str(), format!("{}@{}", a["type"].as_str().expect("type"), a["apiVersion"].as_str().expect("api")), "{label}");
            let mut names = Vec::new();
            let mut current = Some(*r);
            while let Some(res) = current {
                names.push(match &res.4 {
                    Json::String(s) => s.clone(),
                    other => panic!("name {other}"),
                });
                current = res.3.as_ref().and_then(|p| bicep.resources.iter().find(|x| &x.0 == p));
            }
            names.reverse();
            assert_eq!(names.join("/"), canonical_arm_name(a["name"].as_str().expect("name")), "{label}");
            let mut arm_body = a.as_object().expect("resource").clone();
            for k in ["type", "apiVersion", "name", "dependsOn"] {
                arm_body.remove(k);
            }
            assert_eq!(Json::Object(body.clone()), canonical_arm(&Json::Object(arm_body)), "{label}: {}", r.0);
        }
    }
}

// ----------------------------------------------------------------------------- Terraform through hcl-rs

fn snake_to_camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Evaluates an expression with placeholders for the variables and resource ids the file refers to.
fn eval(expr: &hcl::Expression, ctx: &HclContext) -> Json {
    let value = expr.evaluate(ctx).unwrap_or_else(|e| panic!("evaluate {expr:?}: {e}"));
    serde_json::to_value(value).expect("json")
}

fn attr(body: &hcl::Body, key: &str, ctx: &HclContext) -> Option<Json> {
    body.attributes().find(|a| a.key() == key).map(|a| eval(a.expr(), ctx))
}

fn effective_rules(config: &Config) -> Vec<&OutboundRule> {
    let rules = config.rules();
    rules.iter().enumerate().filter(|(i, r)| !rules[i + 1..].iter().any(|later| later.name == r.name)).map(|(_, r)| r).collect()
}

#[test]
fn terraform_parses_and_holds_the_model() {
    let label_ok = |l: &str| {
        l.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    for (label, config) in configs() {
        let text = file_of(&config, ExportFormat::Terraform);
        let body = hcl::parse(&text).unwrap_or_else(|e| panic!("{label}: main.tf does not parse: {e}\n{text}"));
        // Placeholders: var.<name> → <param:camelName>, resource ids → <ws-id> / <azapi:label>.
        let mut vars = hcl::Map::new();
        let mut azapi = hcl::Map::new();
        let mut seen = Vec::new();
        for block in body.blocks() {
            let labels: Vec<&str> = block.labels().iter().map(|l| l.as_str()).collect();
            match block.identifier() {
                "variable" => {
                    vars.insert(labels[0].to_owned(), hcl::Value::String(format!("<param:{}>", snake_to_camel(labels[0]))));
                }
                "resource" => {
                    assert!(label_ok(labels[1]), "{label}: resource label {:?}", labels[1]);
                    assert!(!seen.contains(&(labels[0], labels[1])), "{label}: duplicate resource {labels:?}");
                    seen.push((labels[0], labels[1]));
                    if labels[0] == "azapi_resource" {
                        azapi.insert(labels[1].to_owned(), hcl::value!({ id = (format!("<azapi:{}>", labels[1])) }));
                    }
                }
                _ => {}
            }
        }
        let mut ctx = HclContext::new();
        ctx.declare_var("var", hcl::Value::Object(vars));
        ctx.declare_var("azapi_resource", hcl::Value::Object(azapi));
        ctx.declare_var("azurerm_machine_learning_workspace", hcl::value!({ workspace = { id = "<ws-id>" } }));
        ctx.declare_var("azurerm_ai_foundry", hcl::value!({ workspace = { id = "<ws-id>" } }));
        ctx.declare_var("azurerm_ai_foundry_project", hcl::value!({ workspace = { id = "<ws-id>" } }));
        ctx.declare_var("data", hcl::value!({ azurerm_machine_learning_workspace = { workspace = { id = "<ws-id>" } } }));
        let resources: Vec<(&str, &hcl::Body)> =
            body.blocks().filter(|b| b.identifier() == "resource").map(|b| (b.labels()[0].as_str(), b.body())).collect();
        let by_name = |ty: &str, name: &str| resources.iter().find(|(t, b)| *t == ty && attr(b, "name", &ctx) == Some(json!(name))).map(|(_, b)| *b);

        if let Some(ws) = &config.workspace {
            // A plain workspace, a Foundry hub or a Foundry project, each with its azurerm resource.
            let ws_type = match ws.kind {
                WorkspaceKind::Default => "azurerm_machine_learning_workspace",
                WorkspaceKind::Hub => "azurerm_ai_foundry",
                WorkspaceKind::Project => "azurerm_ai_foundry_project",
            };
            let (_, wsb) = resources.iter().find(|(t, _)| *t == ws_type).unwrap_or_else(|| panic!("{label}: no {ws_type}"));
            assert_eq!(attr(wsb, "ai_services_hub_id", &ctx), ws.hub_id.clone().map(Json::String), "{label}");
            if ws.kind == WorkspaceKind::Hub {
                let isolation = ws.managed_network.as_ref().and_then(|m| m.isolation_mode).map(|m| json!(m.pascal()));
                let got = wsb.blocks().find(|b| b.identifier() == "managed_network").and_then(|b| attr(b.body(), "isolation_mode", &ctx));
                assert_eq!(got, isolation, "{label}: hub isolation mode");
                assert_eq!(attr(wsb, "public_network_access", &ctx), ws.public_network_access.map(|p| json!(p.pascal())), "{label}");
            }
            if ws.kind != WorkspaceKind::Default {
                // What azurerm cannot express goes through azapi with the ARM template's values.
                let arm: Json = serde_json::from_str(&file_of(&config, ExportFormat::Arm)).expect("arm");
                let settings = body.blocks().find(|b| {
                    b.identifier() == "resource" && b.labels().iter().map(|l| l.as_str()).eq(["azapi_update_resource", "workspace_settings"])
                });
                if let Some(b) = settings.map(|b| b.body()) {
                    let body = attr(b, "body", &ctx).expect("body");
                    for (k, v) in body["properties"].as_object().expect("properties") {
                        assert_eq!(&arm["resources"][0]["properties"][k], v, "{label}: azapi {k} differs from the ARM template");
                    }
                }
            }
            assert_eq!(attr(wsb, "description", &ctx), ws.description.clone().map(Json::String), "{label}");
            assert_eq!(attr(wsb, "friendly_name", &ctx), ws.display_name.clone().map(Json::String), "{label}");
            let tags: Map<String, Json> = ws.tags.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            assert_eq!(attr(wsb, "tags", &ctx), (!ws.tags.is_empty()).then_some(Json::Object(tags)), "{label}");
            if ws.managed_network.is_some() {
                for rule in effective_rules(&config) {
                    let arm: Json = serde_json::from_str(&file_of(&config, ExportFormat::Arm)).expect("arm");
                    let arm_rule = canonical_arm(&arm["resources"][0]["properties"]["managedNetwork"]["outboundRules"][&rule.name]);
                    if let Some(b) = by_name("azapi_resource", &rule.name) {
                        assert_eq!(attr(b, "body", &ctx), Some(json!({ "properties": arm_rule })), "{label}: rule {}", rule.name);
                        continue;
                    }
                    match &rule.destination {
                        Destination::Fqdn(f) => {
                            let b = by_name("azurerm_machine_learning_workspace_network_outbound_rule_fqdn", &rule.name).expect("fqdn rule");
                            assert_eq!(attr(b, "destination_fqdn", &ctx), Some(json!(f.destination)), "{label}");
                        }
                        Destination::PrivateEndpoint(pe) => {
                            let b =
                                by_name("azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint", &rule.name).expect("pe rule");
                            assert_eq!(attr(b, "service_resource_id", &ctx), Some(json!(pe.service_resource_id)), "{label}");
                            assert_eq!(attr(b, "sub_resource_target", &ctx), Some(json!(pe.subresource_target)), "{label}");
                            assert_eq!(attr(b, "spark_enabled", &ctx), Some(json!(pe.spark_enabled)), "{label}");
                        }
                        Destination::ServiceTag(st) => {
                            let b = by_name("azurerm_machine_learning_workspace_network_outbound_rule_service_tag", &rule.name).expect("st rule");
                            assert_eq!(attr(b, "service_tag", &ctx), Some(json!(st.service_tag)), "{label}");
                            assert_eq!(attr(b, "protocol", &ctx), Some(json!(st.protocol)), "{label}");
                            assert_eq!(attr(b, "port_ranges", &ctx), Some(json!(st.port_ranges)), "{label}");
                        }
                    }
                }
            }
        }
        // Endpoints and deployments: azapi bodies equal to the ARM template's.
        let arm: Json = serde_json::from_str(&file_of(&config, ExportFormat::Arm)).expect("arm");
        let arm_of = |ty: &str, name: &str| {
            arm["resources"]
                .as_array()
                .expect("resources")
                .iter()
                .find(|r| r["type"] == ty && r["name"].as_str().is_some_and(|n| n.ends_with(&format!("'{}')]", name.replace('\'', "''")))))
                .cloned()
        };
        let check = |what: &str, ty: &str, name: &str, tags: Json| {
            let b = by_name("azapi_resource", name).unwrap_or_else(|| panic!("{label}: no azapi {what} {name:?}"));
            let mut a = arm_of(ty, name).unwrap_or_else(|| panic!("{label}: no ARM {what}"));
            for k in ["type", "apiVersion", "name", "dependsOn"] {
                a.as_object_mut().expect("resource").remove(k);
            }
            let mut want = canonical_arm(&a);
            let want = want.as_object_mut().expect("object");
            let mut body = Map::new();
            for k in ["properties", "sku"] {
                if let Some(v) = want.remove(k) {
                    body.insert(k.to_owned(), v);
                }
            }
            assert_eq!(attr(b, "body", &ctx), Some(Json::Object(body)), "{label}: {what} body");
            assert_eq!(attr(b, "tags", &ctx).unwrap_or(json!({})), tags, "{label}: {what} tags");
        };
        if let Some(OnlineEndpoint { name, tags, .. }) = &config.endpoint {
            check(
                "endpoint",
                "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
                name,
                Json::Object(tags.iter().map(|(k, v)| (k.clone(), json!(v))).collect()),
            );
        }
        for OnlineDeployment { name, extra, .. } in &config.deployments {
            let tags = match extra.iter().find(|(k, _)| k == "tags").map(|(_, v)| v) {
                Some(Value::Map(entries)) => {
                    Json::Object(entries.iter().map(|(k, v)| (k.clone(), if let Value::Str(s) = v { json!(s) } else { json!(null) })).collect())
                }
                _ => json!({}),
            };
            check("deployment", "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments", name, tags);
        }
    }
}

#[test]
fn terraform_notes_match_the_azapi_resources() {
    for (label, config) in configs() {
        let text = file_of(&config, ExportFormat::Terraform);
        let azapi = text.matches("\nresource \"azapi_").count();
        let notes = export_notes(&config, ExportFormat::Terraform);
        assert_eq!(notes.len(), azapi, "{label}: one note per azapi resource\n{text}");
        assert!(notes.iter().all(|d| d.code == "azurerm-cannot-express" && d.severity == amlnet_core::Severity::Info), "{label}");
        // Every azapi resource is explained by a comment just above it.
        for (i, _) in text.match_indices("\nresource \"azapi_") {
            let before = &text[..i];
            assert!(before.rsplit('\n').next().is_some_and(|l| l.starts_with("# azapi: ")), "{label}: azapi resource without a comment");
        }
        for format in [ExportFormat::Arm, ExportFormat::Bicep, ExportFormat::Yaml] {
            assert!(export_notes(&config, format).is_empty());
        }
    }
}

/// The infrastructure-as-code exports do not depend on the order of the input's keys: each
/// configuration's documents read back with their keys reversed export the same template.
#[test]
fn exports_do_not_depend_on_key_order() {
    for (label, config) in configs() {
        let straight = analyze(&support::order::documents(&config), config.context.clone()).config;
        let reversed = analyze(&support::order::reversed_documents(&config), config.context.clone()).config;
        for format in [ExportFormat::Arm, ExportFormat::Bicep, ExportFormat::Terraform] {
            assert_eq!(export(&reversed, format), export(&straight, format), "{label}: {format:?}");
        }
    }
}

/// `terraform fmt` leaves every export unchanged, hostile strings included. Needs `terraform` on PATH
/// (`support::tools`: skipped with a message without it, a failure under `AMLNET_REQUIRE_TOOLS=1`).
#[test]
fn terraform_fmt_leaves_exports_unchanged() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    if !support::tools::terraform("the `terraform fmt` check of the Terraform exports") {
        return;
    }
    // The random configurations go through `terraform fmt -check` in the conformance suite.
    for (label, config) in configs().into_iter().filter(|(label, _)| !label.starts_with("random")) {
        let text = file_of(&config, ExportFormat::Terraform);
        let mut child = Command::new("terraform")
            .args(["fmt", "-no-color", "-"])
            .env("CHECKPOINT_DISABLE", "1")
            .env("TF_CLI_CONFIG_FILE", "/dev/null")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run terraform");
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write");
        let out = child.wait_with_output().expect("terraform fmt");
        assert!(out.status.success(), "{label}: terraform fmt failed: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stdout), text, "{label}: terraform fmt changes the export");
    }
}
