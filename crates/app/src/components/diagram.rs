//! The SVG picture of the result, drawn from the same core facts as the summary
//! (`summary::rule_allowed`, `summary::firewall`, `summary::private_endpoint_label`): inbound access to
//! the workspace and the endpoint's scoring path, the managed network with the workspace, the
//! endpoint, the private endpoints with their targets and Spark, the Azure Firewall (with its SKU) and
//! its FQDN paths apart from the service-tag paths, the Internet struck out in approved outbound, and
//! the rules the mode does not accept shown as invalid. A legend explains the lines; text is 13 units
//! (at least 12 px at desktop widths; on a phone the picture scrolls rather than shrinks). Labels are
//! text nodes, never HTML.

use amlnet_core::model::{Destination, IsolationMode, NetworkAccess, WorkspaceKind};
use amlnet_core::summary::{firewall, private_endpoint_label, rule_allowed};
use amlnet_core::Config;
use yew::prelude::*;

use crate::text::plural;

const MAX_SHOWN: usize = 8;
const ROW: i32 = 30;
const H: i32 = 22;
const W: i32 = 640;

fn node(x: i32, y: i32, w: i32, label: &str, class: &'static str) -> Html {
    // About 6.5 units per character at 13 units (the system font's average).
    let max = ((w - 12) * 2 / 13).max(4) as usize;
    let shown: String = if label.chars().count() > max { label.chars().take(max - 1).chain(['…']).collect() } else { label.to_owned() };
    html! {
        <g class={["node ", class].concat()}>
            <title>{ label.to_owned() }</title>
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height={H.to_string()} rx="4" />
            <text x={(x + 6).to_string()} y={(y + 15).to_string()}>{ shown }</text>
        </g>
    }
}

fn edge(from: (i32, i32), to: (i32, i32), class: &'static str) -> Html {
    // A right-angled path keeps lines off the boxes they pass.
    let mid = (from.0 + to.0) / 2;
    let d = format!("M {} {} H {mid} V {} H {}", from.0, from.1, to.1, to.0);
    html! { <path class={["edge ", class].concat()} d={d} marker-end="url(#arrow)" /> }
}

fn capped(items: Vec<String>) -> Vec<String> {
    let extra = items.len().saturating_sub(MAX_SHOWN);
    let mut shown: Vec<String> = items.into_iter().take(MAX_SHOWN).collect();
    if extra > 0 {
        shown.push(format!("+{extra} more"));
    }
    shown
}

fn legend_item(x: i32, y: i32, class: &'static str, label: &'static str) -> Html {
    html! {
        <g class="legend-item">
            <line class={["edge ", class].concat()} x1={x.to_string()} y1={(y - 4).to_string()} x2={(x + 26).to_string()} y2={(y - 4).to_string()} />
            <text class="legend-text" x={(x + 32).to_string()} y={y.to_string()}>{ label }</text>
        </g>
    }
}

/// The picture of `config`; `zoomed` (the root's state, kept across renders) shows it at full size.
pub fn diagram(config: &Config, zoomed: &UseStateHandle<bool>) -> Html {
    let ws = config.workspace.as_ref();
    let project = ws.is_some_and(|w| w.kind == WorkspaceKind::Project);
    let mode = config.isolation_mode().unwrap_or(IsolationMode::Disabled);
    let managed = mode != IsolationMode::Disabled;
    let inbound_open = ws.and_then(|w| w.public_network_access) != Some(NetworkAccess::Disabled);
    let sku = firewall(config);
    let mut pes = Vec::new();
    let mut tags = Vec::new();
    let mut fqdns = Vec::new();
    let mut invalid = Vec::new();
    let mut spark = false;
    for rule in config.rules() {
        if !managed || !rule_allowed(mode, &rule.destination) {
            invalid.push(rule.name.clone());
            continue;
        }
        match &rule.destination {
            Destination::PrivateEndpoint(pe) => {
                spark |= pe.spark_enabled;
                let s = if pe.spark_enabled { ", Spark" } else { "" };
                pes.push(format!("{}{s}", private_endpoint_label(&pe.service_resource_id, &pe.subresource_target).replace('`', "")));
            }
            Destination::ServiceTag(st) => tags.push(format!("{} {} {}", st.service_tag, st.protocol, st.port_ranges)),
            Destination::Fqdn(f) => fqdns.push(f.destination.clone()),
        }
    }
    let counts = (pes.len(), tags.len(), fqdns.len());
    let (pes, tags, fqdns) = (capped(pes), capped(tags), capped(fqdns));
    let ws_name = ws.map(|w| w.name.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| "(unnamed workspace)".to_owned());
    let endpoint = config.endpoint.as_ref();
    let ep_open = endpoint.is_some_and(|e| e.public_network_access != Some(NetworkAccess::Disabled));

    // Layout: clients on the left, the managed network in the middle, destinations on the right.
    let top = 34;
    let ws_y = top + 30;
    let mid_x = 150;
    let mid_w = 200;
    let mut y = ws_y + ROW;
    let ep_y = endpoint.map(|_| {
        let at = y;
        y += ROW;
        at
    });
    let spark_y = spark.then(|| {
        let at = y;
        y += ROW;
        at
    });
    let required_y = managed.then(|| {
        let at = y;
        y += ROW;
        at
    });
    let pe_y0 = y;
    y += ROW * pes.len() as i32;
    let vnet_bottom = y + 4;
    let right_x = 420;
    let right_w = W - right_x - 6;
    let mut right: Vec<Html> = Vec::new();
    let mut ry = ws_y;
    let ws_out = (mid_x + mid_w - 14, ws_y + H / 2);
    match mode {
        IsolationMode::AllowOnlyApprovedOutbound => {
            if let Some(sku) = sku {
                let (fw_x, fw_w) = (366, 118);
                right.push(node(fw_x, ry, fw_w, &format!("Firewall {}", sku.pascal()), "firewall"));
                right.push(edge(ws_out, (fw_x, ry + H / 2), "fw"));
                for f in &fqdns {
                    right.push(edge((fw_x + fw_w, ws_y + H / 2), (right_x + 70, ry + H / 2), "fw"));
                    right.push(node(right_x + 70, ry, right_w - 70, f, "fqdn"));
                    ry += ROW;
                }
            }
            for t in &tags {
                right.push(edge((mid_x + mid_w, ry + H / 2), (right_x + 70, ry + H / 2), "tag"));
                right.push(node(right_x + 70, ry, right_w - 70, t, "tag"));
                ry += ROW;
            }
            right.push(node(right_x + 70, ry, right_w - 70, "Internet: blocked", "internet blocked"));
            right.push(html! { <line class="strike" x1={(right_x + 70).to_string()} y1={(ry + H / 2).to_string()} x2={(W - 6).to_string()} y2={(ry + H / 2).to_string()} /> });
            ry += ROW;
        }
        IsolationMode::AllowInternetOutbound => {
            right.push(edge(ws_out, (right_x + 70, ry + H / 2), "open"));
            right.push(node(right_x + 70, ry, right_w - 70, "Internet (all outbound)", "internet"));
            ry += ROW;
        }
        IsolationMode::Disabled if project => {
            let hub = ws.and_then(|w| w.hub_name()).unwrap_or("its hub");
            right.push(edge(ws_out, (right_x + 70, ry + H / 2), "pe"));
            right.push(node(right_x + 70, ry, right_w - 70, &format!("Network of hub {hub}"), "pe"));
            ry += ROW;
        }
        IsolationMode::Disabled => {
            right.push(edge(ws_out, (right_x + 70, ry + H / 2), "open"));
            right.push(node(right_x + 70, ry, right_w - 70, "Internet (no managed network)", "internet"));
            ry += ROW;
        }
    }
    if !invalid.is_empty() {
        let label = format!("Not allowed here: {}", invalid.join(", "));
        right.push(node(right_x, ry + 6, right_w, &label, "invalid"));
        ry += ROW + 6;
    }
    let legend_y = vnet_bottom.max(ry).max(ws_y + 2 * ROW) + 26;
    let height = legend_y + 30;
    let caption = {
        let mut parts = vec![format!("{}; public inbound access {}", mode.portal_name(), if inbound_open { "enabled" } else { "disabled" })];
        if managed {
            parts.push(format!("{}, {}, {}", plural(counts.0, "private endpoint"), plural(counts.1, "service tag"), plural(counts.2, "FQDN rule")));
        }
        if let Some(sku) = sku {
            parts.push(format!("FQDN rules through an Azure Firewall ({} SKU)", sku.pascal()));
        }
        if let Some(ep) = endpoint {
            parts.push(format!("endpoint {} scored {}", ep.name, if ep_open { "from the internet" } else { "only through the private endpoint" }));
        }
        if !invalid.is_empty() {
            parts.push(format!("{} not allowed in this mode, drawn as invalid: {}", plural(invalid.len(), "rule"), invalid.join(", ")));
        }
        parts.join("; ")
    };
    let zoom = {
        let zoomed = zoomed.clone();
        Callback::from(move |_| zoomed.set(!*zoomed))
    };
    html! {
        <figure class={if **zoomed { "diagram zoomed" } else { "diagram" }}>
            <div class="diagram-tools">
                <button type="button" id="diagram-zoom" aria-pressed={zoomed.to_string()} onclick={zoom}>{ if **zoomed { "Fit to panel" } else { "Full size" } }</button>
            </div>
            <div class="diagram-scroll" tabindex="0" role="region" aria-label="Network diagram, scrollable">
            <svg viewBox={format!("0 0 {W} {height}")} role="img" aria-labelledby="diagram-title diagram-desc" preserveAspectRatio="xMinYMin meet">
                <title id="diagram-title">{ "Network diagram" }</title>
                <desc id="diagram-desc">{ caption.clone() }</desc>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                <text class="col-label" x="6" y="18">{ "Inbound" }</text>
                <text class="col-label" x={mid_x.to_string()} y="18">{ if managed { "Managed virtual network" } else { "Workspace" } }</text>
                <text class="col-label" x={(right_x + 70).to_string()} y="18">{ "Outbound" }</text>
                if managed {
                    <rect class="vnet" x={(mid_x - 10).to_string()} y={top.to_string()} width={(mid_w + 20).to_string()} height={(vnet_bottom - top).to_string()} rx="8" />
                }
                // Inbound to the workspace.
                { node(6, ws_y, 110, "Clients", "client") }
                { edge((116, ws_y + H / 2), (mid_x, ws_y + H / 2), if inbound_open { "open" } else { "blocked" }) }
                <text class="edge-label" x="6" y={(ws_y - 5).to_string()}>{ if inbound_open { "public access on" } else { "public access off" } }</text>
                { node(mid_x, ws_y, mid_w - 14, &ws_name, "workspace") }
                if let (Some(ep), Some(ep_y)) = (endpoint, ep_y) {
                    { node(6, ep_y + 8, 110, "Scoring clients", "client") }
                    { edge((116, ep_y + 8 + H / 2), (mid_x, ep_y + H / 2), if ep_open { "open" } else { "blocked" }) }
                    <text class="edge-label" x="6" y={(ep_y + H + 22).to_string()}>{ if ep_open { "scoring: public" } else { "scoring: private only" } }</text>
                    { node(mid_x, ep_y, mid_w - 14, &format!("Endpoint {}", if ep.name.is_empty() { "(unnamed)" } else { ep.name.as_str() }), "endpoint") }
                }
                if let Some(sy) = spark_y {
                    { node(mid_x, sy, mid_w - 14, "Serverless Spark", "spark") }
                }
                if let Some(ry) = required_y {
                    { node(mid_x, ry, mid_w - 14, "Service-added endpoints", "required") }
                }
                { for pes.iter().enumerate().map(|(i, pe)| {
                    let py = pe_y0 + ROW * i as i32;
                    html! {
                        <>
                            { node(mid_x, py, mid_w - 14, &format!("PE {pe}"), "pe") }
                        </>
                    }
                }) }
                { for right }
                <g class="legend" aria-hidden="true">
                    { legend_item(6, legend_y, "open", "open path") }
                    { legend_item(116, legend_y, "blocked", "blocked") }
                    { legend_item(210, legend_y, "fw", "via firewall") }
                    { legend_item(330, legend_y, "tag", "service tag") }
                    <rect class="legend-pe" x="450" y={(legend_y - 11).to_string()} width="14" height="12" rx="2" />
                    <text class="legend-text" x="470" y={legend_y.to_string()}>{ "private endpoint" }</text>
                </g>
            </svg>
            </div>
            <figcaption>{ caption }</figcaption>
        </figure>
    }
}
