//! The SVG picture of the result: inbound access, the workspace in its managed network with the private
//! endpoints, the FQDN paths through the Azure Firewall and the service-tag paths. Labels are text nodes, never HTML.

use amlnet_core::model::{Destination, IsolationMode, NetworkAccess};
use amlnet_core::Config;
use yew::prelude::*;

const MAX_SHOWN: usize = 8;
const ROW: i32 = 26;

#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub config: Config,
}

fn node(x: i32, y: i32, w: i32, label: String, class: &'static str) -> Html {
    let shown: String = if label.chars().count() > 30 { label.chars().take(29).chain(['…']).collect() } else { label.clone() };
    html! {
        <g class={classes!("node", class)}>
            <title>{ label }</title>
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height="20" rx="4" />
            <text x={(x + 6).to_string()} y={(y + 14).to_string()}>{ shown }</text>
        </g>
    }
}

fn line(x1: i32, y1: i32, x2: i32, y2: i32, class: &'static str) -> Html {
    html! { <line class={classes!("edge", class)} x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} marker-end="url(#arrow)" /> }
}

fn capped(items: Vec<String>) -> Vec<String> {
    let extra = items.len().saturating_sub(MAX_SHOWN);
    let mut shown: Vec<String> = items.into_iter().take(MAX_SHOWN).collect();
    if extra > 0 {
        shown.push(format!("+{extra} more"));
    }
    shown
}

#[function_component(Diagram)]
pub fn diagram(props: &DiagramProps) -> Html {
    let config = &props.config;
    let ws = config.workspace.as_ref();
    let mode = config.isolation_mode().unwrap_or(IsolationMode::Disabled);
    let inbound_open = ws.and_then(|w| w.public_network_access) != Some(NetworkAccess::Disabled);
    let mut pes = Vec::new();
    let mut tags = Vec::new();
    let mut fqdns = Vec::new();
    for rule in config.rules() {
        match &rule.destination {
            Destination::PrivateEndpoint(pe) => {
                pes.push(format!("{} ({})", pe.service_resource_id.rsplit('/').next().unwrap_or_default(), pe.subresource_target))
            }
            Destination::ServiceTag(st) => tags.push(format!("{} {}", st.service_tag, st.port_ranges)),
            Destination::Fqdn(f) => fqdns.push(f.destination.clone()),
        }
    }
    let (pes, tags, fqdns) = (capped(pes), capped(tags), capped(fqdns));
    let ws_name = ws.map(|w| w.name.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| "(unnamed workspace)".to_owned());
    let managed = mode != IsolationMode::Disabled;
    let firewall = mode == IsolationMode::AllowOnlyApprovedOutbound && !fqdns.is_empty();
    // FQDN rules come first: they are the ones behind the Azure Firewall, which exists only in approved
    // outbound with at least one FQDN rule; service tags go straight out of the managed network.
    let right: Vec<(String, &'static str)> = match mode {
        IsolationMode::AllowOnlyApprovedOutbound => {
            fqdns.iter().map(|f| (f.clone(), "fqdn")).chain(tags.iter().map(|t| (t.clone(), "tag"))).collect()
        }
        IsolationMode::AllowInternetOutbound => vec![("Internet (all outbound)".to_owned(), "internet")],
        // A Foundry project runs in its hub's managed network; its own document says nothing about it.
        IsolationMode::Disabled if ws.is_some_and(|w| w.kind == amlnet_core::model::WorkspaceKind::Project) => {
            let hub = ws.and_then(|w| w.hub_name()).unwrap_or("its hub");
            vec![(format!("via hub {hub}"), "pe")]
        }
        IsolationMode::Disabled => vec![("Internet (no managed network)".to_owned(), "internet")],
    };
    let vnet_rows = 2 + pes.len() as i32;
    let height = 60 + ROW * vnet_rows.max(right.len() as i32 + 1).max(3);
    let vnet_h = ROW * vnet_rows + 16;
    let ws_y = 50;
    let fw_x = 330;
    let right_x = 460;
    let summary = format!(
        "{}; inbound public access {}; {} private endpoints, {} service tags, {} FQDN rules{}",
        mode.portal_name(),
        if inbound_open { "enabled" } else { "disabled" },
        config.rules().iter().filter(|r| matches!(r.destination, Destination::PrivateEndpoint(_))).count(),
        config.rules().iter().filter(|r| matches!(r.destination, Destination::ServiceTag(_))).count(),
        config.rules().iter().filter(|r| matches!(r.destination, Destination::Fqdn(_))).count(),
        if firewall { " (through an Azure Firewall)" } else { "" },
    );
    html! {
        <figure class="diagram">
            <svg viewBox={format!("0 0 640 {height}")} role="img" aria-labelledby="diagram-title diagram-desc" preserveAspectRatio="xMinYMin meet">
                <title id="diagram-title">{ "Network diagram" }</title>
                <desc id="diagram-desc">{ summary.clone() }</desc>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                { node(4, ws_y, 110, "Clients".to_owned(), "client") }
                { line(114, ws_y + 10, 150, ws_y + 10, if inbound_open { "open" } else { "blocked" }) }
                <text class="edge-label" x="8" y={(ws_y - 8).to_string()}>{ if inbound_open { "public inbound: on" } else { "public inbound: off" } }</text>
                if managed {
                    <rect class="vnet" x="140" y="20" width="170" height={vnet_h.to_string()} rx="8" />
                    <text class="vnet-label" x="148" y="36">{ "Managed virtual network" }</text>
                }
                { node(152, ws_y, 148, ws_name, "workspace") }
                { for pes.iter().enumerate().map(|(i, pe)| node(152, ws_y + ROW * (i as i32 + 1), 148, format!("PE: {pe}"), "pe")) }
                if firewall {
                    { node(fw_x, ws_y, 110, "Azure Firewall".to_owned(), "firewall") }
                    { line(300, ws_y + 10, fw_x, ws_y + 10, "open") }
                    { for right.iter().enumerate().map(|(i, (label, class))| {
                        let y = ws_y + ROW * i as i32;
                        // FQDN paths leave the firewall; service-tag paths leave the workspace below it.
                        let from = if *class == "fqdn" { (fw_x + 110, ws_y + 10) } else { (300, ws_y + 18) };
                        html! {
                            <>
                                { line(from.0, from.1, right_x, y + 10, "open") }
                                { node(right_x, y, 176, label.clone(), class) }
                            </>
                        }
                    }) }
                } else {
                    { for right.iter().enumerate().map(|(i, (label, class))| html! {
                        <>
                            { line(300, ws_y + 10, right_x, ws_y + 10 + ROW * i as i32, "open") }
                            { node(right_x, ws_y + ROW * i as i32, 176, label.clone(), class) }
                        </>
                    }) }
                }
            </svg>
            <figcaption>{ summary }</figcaption>
        </figure>
    }
}
