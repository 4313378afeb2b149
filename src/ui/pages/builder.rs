//! The embed builder: pick a view and its options, see it live, copy the
//! snippet.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::bundle::Bundle;
use crate::state::{valid_colour, EmbedKind, Theme, ViewState};
use crate::view::embed::{snippet, SANDBOX};

/// The page's own address without its query: where embedded views live.
fn base_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// The builder page.
#[component]
pub fn BuilderPage(bundle: Arc<Bundle>, view: RwSignal<ViewState>) -> impl IntoView {
    let kind = RwSignal::new(EmbedKind::Card);
    let theme = RwSignal::new(Theme::Light);
    let accent = RwSignal::new(String::new());
    let top = RwSignal::new(10u32);
    let wards = crate::view::common::area_choices(&bundle);
    let embed_state = move || {
        let mut s = view.get();
        s.page = crate::state::Page::Overview;
        s.embed = Some(kind.get());
        s.theme = theme.get();
        s.accent = Some(accent.get()).filter(|a| valid_colour(a));
        s.top = top.get();
        s
    };
    let names = bundle.clone();
    let title = move || crate::view::embed::title(&names, &embed_state());
    let code = move || {
        let sn = snippet(&base_url(), &embed_state(), &title());
        format!("{}\n{}", sn.iframe, sn.script)
    };
    // The preview fits its content, as embed.js makes a partner's iframe
    // fit: only size messages from the preview's own window count.
    let preview = NodeRef::<leptos::html::Iframe>::new();
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let Some(frame) = preview.get_untracked() else {
            return;
        };
        let from_preview = frame.content_window().is_some_and(|w| {
            ev.source()
                .is_some_and(|s| wasm_bindgen::JsValue::from(w) == wasm_bindgen::JsValue::from(s))
        });
        let data = ev.data();
        let is_resize = js_sys::Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|t| t.as_string())
            .as_deref()
            == Some("cse-resize");
        let height = js_sys::Reflect::get(&data, &"height".into())
            .ok()
            .and_then(|h| h.as_f64());
        if let (true, true, Some(h)) = (from_preview, is_resize, height) {
            if h > 0.0 && h < 20_000.0 {
                let _ = web_sys::HtmlElement::style(&frame)
                    .set_property("height", &format!("{}px", h.ceil()));
            }
        }
    });
    on_cleanup(move || listener.remove());
    let (copied, set_copied) = signal(String::new());
    let code_for_copy = code.clone();
    let copy = move |_| {
        let text = code_for_copy();
        let clip = web_sys::window().map(|w| w.navigator().clipboard());
        match clip {
            Some(c) => {
                let _ = c.write_text(&text);
                set_copied.set("Copied to the clipboard.".into());
            }
            None => set_copied.set("Select the code above and copy it.".into()),
        }
    };
    let kinds = EmbedKind::ALL.into_iter().map(|k| view! { <option value=k.key() selected=move || kind.get() == k>{k.label()}</option> }).collect_view();
    let ward_options = wards
        .into_iter()
        .map(|(name, code)| {
            let selected_code = code.clone();
            view! { <option value=code selected=move || view.with(|v| v.ward.as_deref() == Some(selected_code.as_str()))>{name}</option> }
        })
        .collect_view();
    view! {
        <h2>"Embed these figures on your website"</h2>
        <p>"Choose what to show; the periods and crime type come from the controls above. The preview is exactly what your visitors will see. The snippet sets no cookies, stores nothing, and loads only from this site."</p>
        <form class="builder" on:submit=|ev| ev.prevent_default()>
            <div class="control">
                <label for="embed-kind">"View"</label>
                <select id="embed-kind" data-testid="embed-kind" on:change=move |ev| {
                    if let Some(k) = EmbedKind::from_key(&event_target_value(&ev)) { kind.set(k) }
                }>{kinds}</select>
            </div>
            <div class="control">
                <label for="embed-area">"Area"</label>
                <select id="embed-area" data-testid="embed-area" on:change=move |ev| {
                    let code = event_target_value(&ev);
                    super::super::update(view, |v| v.ward = (!code.is_empty()).then_some(code));
                }>
                    <option value="" selected=move || view.with(|v| v.ward.is_none())>{crate::view::common::capitalise(&crate::view::common::whole_name(&bundle))}</option>
                    {ward_options}
                </select>
            </div>
            <div class="control">
                <label for="embed-theme">"Theme"</label>
                <select id="embed-theme" on:change=move |ev| theme.set(if event_target_value(&ev) == "dark" { Theme::Dark } else { Theme::Light })>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </div>
            <div class="control">
                <label for="embed-accent">"Accent colour"</label>
                <input type="color" id="embed-accent" value="#1d4ed8" on:change=move |ev| accent.set(event_target_value(&ev)) />
            </div>
            <div class="control">
                <label for="embed-top">"Wards in a ranking"</label>
                <input type="number" id="embed-top" min="1" max="100" value="10" on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u32>() { top.set(n.clamp(1, 100)) }
                } />
            </div>
        </form>
        <h3>"Preview"</h3>
        <iframe node_ref=preview class="preview" data-testid="embed-preview" src=move || embed_state().to_query() title="Preview of the embedded view" sandbox=SANDBOX></iframe>
        <h3><label for="embed-code">"Snippet to paste into your page"</label></h3>
        <textarea id="embed-code" readonly rows="6" data-testid="embed-code" prop:value=code></textarea>
        <p>
            <button type="button" on:click=copy data-testid="embed-copy">"Copy the snippet"</button>
            <span role="status">{copied}</span>
        </p>
        <p class="note">"The iframe works on its own; the script makes it exactly as tall as its content (it listens only for size messages from this site's frames). Hosts that set their own Content-Security-Policy need frame-src for this site, and script-src for it if they use the script."</p>
    }
}
