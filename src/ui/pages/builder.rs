//! The embed builder: pick a view and its options, see it live, copy the
//! snippet.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::Msg;
use crate::state::{valid_colour, EmbedKind, Page, Theme, ViewState};
use crate::ui::words_here;
use crate::view::common::{area_choices, capitalise, whole_name};
use crate::view::embed::kind_label;
use crate::view::embed::{snippet, title, SANDBOX};

use super::super::{base_url, shown, update};

/// The embedded view's state: the app's view with the builder's options
/// (its view, theme, accent and ranking length, kept in the address so that
/// choosing an area or reloading keeps them).
fn embedded(view: &ViewState) -> ViewState {
    let mut s = view.clone();
    s.page = Page::Overview;
    s.embed = Some(view.builder);
    s.accent = s.accent.filter(|a| valid_colour(a));
    s
}

/// The builder page.
#[component]
pub fn BuilderPage(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let data = shown();
    let code = Memo::new(move |_| {
        let state = view.with(embedded);
        let sn = snippet(&base_url(), &state, &title(&data, &state));
        format!("{}\n{}", sn.iframe, sn.script)
    });
    let w = words_here();
    view! {
        <h2>{w.t(Msg::EmbedHeading)}</h2>
        <p>{w.t(Msg::EmbedIntro)}</p>
        <BuilderForm view=view />
        <h3>{w.t(Msg::Preview)}</h3>
        <Preview view=view />
        <Snippet code=code />
        <p class="note">{w.t(Msg::EmbedHostNote)}</p>
    }
}

/// The embed's options: view, area, theme, accent colour, wards ranked.
#[component]
fn BuilderForm(view: RwSignal<ViewState>) -> impl IntoView {
    let w = words_here();
    let kind = move || view.with(|v| v.builder);
    let kinds = EmbedKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.key() selected=move || kind() == k>{kind_label(k, w)}</option> })
        .collect_view();
    let on_kind = move |ev| {
        if let Some(k) = EmbedKind::from_key(&event_target_value(&ev)) {
            update(view, |v| v.builder = k)
        }
    };
    let on_theme = move |ev| {
        let dark = event_target_value(&ev) == "dark";
        update(view, |v| {
            v.theme = if dark { Theme::Dark } else { Theme::Light }
        })
    };
    let on_accent = move |ev| {
        let colour = event_target_value(&ev);
        update(view, |v| {
            v.accent = Some(colour).filter(|c| valid_colour(c))
        })
    };
    let on_top = move |ev| {
        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
            update(view, |v| v.top = n.clamp(1, 100))
        }
    };
    let dark = move || view.with(|v| v.theme == Theme::Dark);
    let accent = move || view.with(|v| v.accent.clone().unwrap_or_else(|| "#1d4ed8".into()));
    let top = move || view.with(|v| v.top.to_string());
    // Only a ranking lists wards.
    let ranking = move || {
        (kind() == EmbedKind::Ranking).then(|| {
            view! {
                <div class="control">
                    <label for="embed-top">{w.t(Msg::WardsInRanking)}</label>
                    <input type="number" id="embed-top" min="1" max="100" prop:value=top
                        on:change=on_top />
                </div>
            }
        })
    };
    view! {
        <form class="builder" on:submit=|ev| ev.prevent_default()>
            <div class="control">
                <label for="embed-kind">{w.t(Msg::EmbedView)}</label>
                <select id="embed-kind" data-testid="embed-kind" on:change=on_kind>{kinds}</select>
            </div>
            <AreaChoice view=view />
            <div class="control">
                <label for="embed-theme">{w.t(Msg::Theme)}</label>
                <select id="embed-theme" on:change=on_theme>
                    <option value="light" selected=move || !dark()>{w.t(Msg::ThemeLight)}</option>
                    <option value="dark" selected=dark>{w.t(Msg::ThemeDark)}</option>
                </select>
            </div>
            <div class="control">
                <label for="embed-accent">{w.t(Msg::AccentColour)}</label>
                <input type="color" id="embed-accent" prop:value=accent on:change=on_accent />
            </div>
            {ranking}
        </form>
    }
}

/// The area the embed shows: the whole, or one ward (the app's view's).
#[component]
fn AreaChoice(view: RwSignal<ViewState>) -> impl IntoView {
    let data = shown();
    let w = words_here();
    let whole = capitalise(&whole_name(&data, w));
    let wards = area_choices(&data, w)
        .iter()
        .cloned()
        .map(|(name, code)| {
            let this = code.clone();
            view! {
                <option value=code selected=move || view.with(|v| v.ward.as_deref() == Some(this.as_str()))>
                    {name}
                </option>
            }
        })
        .collect_view();
    let on_change = move |ev| {
        let code = event_target_value(&ev);
        update(view, |v| v.ward = (!code.is_empty()).then_some(code));
    };
    view! {
        <div class="control">
            <label for="embed-area">{capitalise(w.noun(Msg::LevelArea).0)}</label>
            <select id="embed-area" data-testid="embed-area" on:change=on_change>
                <option value="" selected=move || view.with(|v| v.ward.is_none())>{whole}</option>
                {wards}
            </select>
        </div>
    }
}

/// The height a preview's message asks for: `{type: "cse-resize",
/// height}` from the preview's own window, within reason.
fn asked_height(frame: &web_sys::HtmlIFrameElement, ev: &web_sys::MessageEvent) -> Option<f64> {
    let from_preview = frame.content_window().is_some_and(|w| {
        ev.source()
            .is_some_and(|s| JsValue::from(w) == JsValue::from(s))
    });
    let data = ev.data();
    let member = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok();
    let is_resize = member("type").and_then(|t| t.as_string()).as_deref() == Some("cse-resize");
    let height = member("height").and_then(|h| h.as_f64())?;
    (from_preview && is_resize && height > 0.0 && height < 20_000.0).then_some(height)
}

/// The embedded view, live; it fits its content as embed.js makes a
/// partner's iframe fit.
#[component]
fn Preview(view: RwSignal<ViewState>) -> impl IntoView {
    let preview = NodeRef::<leptos::html::Iframe>::new();
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let Some(frame) = preview.get_untracked() else {
            return;
        };
        if let Some(h) = asked_height(&frame, &ev) {
            let height = format!("{}px", h.ceil());
            // A preview that keeps its height is still usable.
            let _ = web_sys::HtmlElement::style(&frame).set_property("height", &height);
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <iframe node_ref=preview class="preview" data-testid="embed-preview"
            src=move || view.with(|v| embedded(v).to_query())
            title=words_here().t(Msg::PreviewTitle) sandbox=SANDBOX></iframe>
    }
}

/// The snippet, and a button that copies it (saying whether it could).
#[component]
fn Snippet(code: Memo<String>) -> impl IntoView {
    let w = words_here();
    let (copied, set_copied) = signal(String::new());
    let copy = move |_| {
        let text = code.get_untracked();
        leptos::task::spawn_local(async move {
            set_copied.set(
                w.t(match copy_text(&text).await {
                    Ok(()) => Msg::Copied,
                    Err(()) => Msg::NotCopied,
                })
                .to_string(),
            );
        });
    };
    view! {
        <h3><label for="embed-code">{w.t(Msg::SnippetHeading)}</label></h3>
        <textarea id="embed-code" readonly rows="6" data-testid="embed-code" prop:value=code></textarea>
        <p>
            <button type="button" on:click=copy data-testid="embed-copy">{w.t(Msg::CopySnippet)}</button>
            <span role="status" data-testid="embed-copy-status">{copied}</span>
        </p>
    }
}

/// Writes `text` to the clipboard; an error when the browser has no
/// clipboard here (a page not served securely) or refuses.
async fn copy_text(text: &str) -> Result<(), ()> {
    let navigator = web_sys::window().ok_or(())?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| ())?;
    if clipboard.is_undefined() {
        return Err(());
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}
