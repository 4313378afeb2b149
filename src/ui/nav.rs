//! Navigation between pages, and the ward search. Links are real links
//! (they work when opened in a new tab); a plain click moves within the app.

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::state::{Page, ViewState};
use crate::view::common::{area_choices, find_area, options_markup};

use crate::i18n::Msg;

use super::{navigate, shown, update, words_of};

/// True for a click that should open the link elsewhere (new tab etc.).
fn modified(ev: &MouseEvent) -> bool {
    ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0
}

/// A link to another view of the app.
#[component]
pub fn ViewLink(
    /// The view the link leads to.
    to: ViewState,
    /// The app's view state.
    view: RwSignal<ViewState>,
    /// The link's text.
    children: Children,
    /// Marks the link as the current page.
    #[prop(optional)]
    current: bool,
    /// A test hook.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView {
    let href = to.to_query();
    view! {
        <a
            href=href
            aria-current=current.then_some("page")
            data-testid=(!testid.is_empty()).then_some(testid)
            on:click=move |ev: MouseEvent| {
                if !modified(&ev) {
                    ev.prevent_default();
                    navigate(view, to.clone());
                }
            }
        >
            {children()}
        </a>
    }
}

/// The page menu and the ward search.
#[component]
pub fn Nav(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    view! {
        <PageMenu view=view />
        <WardSearch view=view />
    }
}

/// The page menu: each link's address is the page it leads to.
#[component]
pub fn PageMenu(
    /// The app's view.
    view: RwSignal<ViewState>,
) -> impl IntoView {
    let w = words_of(view);
    let menu = move || {
        let v = view.get();
        let link = |page: Page, label: Msg, testid: &'static str| {
            let label = w.t(label);
            let to = v.on_page(page);
            let current = v.page == page;
            view! { <li><ViewLink to=to view=view current=current testid=testid>{label}</ViewLink></li> }
        };
        let profile = v
            .ward
            .is_some()
            .then(|| link(Page::Ward, Msg::NavWardProfile, "nav-ward"));
        view! {
            {link(Page::Overview, Msg::NavOverview, "nav-overview")}
            {link(Page::Wards, Msg::NavWards, "nav-wards")}
            {profile}
            {link(Page::Deprivation, Msg::NavDeprivation, "nav-deprivation")}
            {link(Page::Embed, Msg::NavEmbed, "nav-embed")}
        }
    };
    view! {
        <nav class="menu" aria-label=w.t(Msg::NavPages)>
            <ul>{move || menu()}</ul>
        </nav>
    }
}

/// The ward search: a name typed or picked from the list opens its
/// profile; a name that matches none (or several) is said. It searches the
/// whole dataset, also on a borough's own pages: a ward found opens in the
/// whole, whose way back names its borough.
#[component]
fn WardSearch(view: RwSignal<ViewState>) -> impl IntoView {
    let shown = shown();
    let w = words_of(view);
    let wards = area_choices(shown.part_of.as_ref().unwrap_or(&shown), w);
    let names = wards.clone();
    let (message, set_message) = signal(String::new());
    let ward = w.noun(Msg::LevelWard).0;
    let find = move |text: String| match find_area(&wards, &text, ward, w) {
        None => {}
        Some(Ok(code)) => {
            set_message.set(String::new());
            update(view, |v| {
                v.page = Page::Ward;
                v.ward = Some(code);
                v.area = None;
            });
        }
        Some(Err(message)) => set_message.set(message),
    };
    let find_on_change = find.clone();
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // The list of names is put on the page when the box is first used (a
    // country's 7,545 would be made again with every borough's page), as
    // markup in one step.
    let fill_list = move |_| {
        let list = input_ref.get().and_then(|input| input.list());
        if let Some(list) = list.filter(|l| l.first_child().is_none()) {
            list.set_inner_html(&options_markup(&names));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(input) = input_ref.get() {
            find(input.value());
        }
    };
    view! {
        <form class="ward-search" role="search" on:submit=on_submit>
            <label for="ward-search">{w.t(Msg::FindAWard)}</label>
            <input node_ref=input_ref id="ward-search" name="ward" list="ward-names"
                autocomplete="off" placeholder=w.t(Msg::TypeAWardName) data-testid="ward-search"
                on:focus=fill_list
                on:change=move |ev| find_on_change(event_target_value(&ev)) />
            <datalist id="ward-names"></datalist>
            <button type="submit">{w.t(Msg::Show)}</button>
            <p class="hint" role="status" aria-live="polite">{message}</p>
        </form>
    }
}
