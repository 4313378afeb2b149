//! Navigation between pages, and the ward search. Links are real links
//! (they work when opened in a new tab); a plain click moves within the app.

use leptos::ev::MouseEvent;
use leptos::prelude::*;

use crate::state::{Page, ViewState};
use crate::view::common::{area_choices, area_words, find_area, options_markup, AreaWords};

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
    let words = shown_area_words(w);
    let menu = move || {
        let v = view.get();
        let link = |page: Page, label: &'static str, testid: &'static str| {
            let to = v.on_page(page);
            let current = v.page == page;
            view! { <li><ViewLink to=to view=view current=current testid=testid>{label}</ViewLink></li> }
        };
        let profile = v
            .ward
            .is_some()
            .then(|| link(Page::Ward, words.profile, "nav-ward"));
        view! {
            {link(Page::Overview, w.t(Msg::NavOverview), "nav-overview")}
            {link(Page::Wards, words.ranking, "nav-wards")}
            {profile}
            {link(Page::Deprivation, w.t(Msg::NavDeprivation), "nav-deprivation")}
            {link(Page::Embed, w.t(Msg::NavEmbed), "nav-embed")}
        }
    };
    view! {
        <nav class="menu" aria-label=w.t(Msg::NavPages)>
            <ul>{move || menu()}</ul>
        </nav>
    }
}

/// The words naming the areas of the dataset shown (as a whole, also on a
/// borough's pages); a ward's where no dataset is shown (the Load data
/// page's menu).
fn shown_area_words(w: &'static crate::i18n::Words) -> AreaWords {
    let level = use_context::<super::Shown>().map(|s| s.0.whole().manifest.area_level.clone());
    area_words(level.as_deref().unwrap_or("ward"), w)
}

/// The ward search (an area search where the dataset's areas are not
/// wards: [`area_words`]): a name typed or picked from the list opens its
/// profile; a name that matches none (or several) is said. It searches
/// the whole dataset, also on a borough's own pages: a ward found opens in
/// the whole, whose way back names its borough.
#[component]
fn WardSearch(view: RwSignal<ViewState>) -> impl IntoView {
    let shown = shown();
    let w = words_of(view);
    let wards = area_choices(shown.whole(), w);
    let AreaWords {
        find: label,
        type_name: placeholder,
        noun,
        ..
    } = shown_area_words(w);
    let names = wards.clone();
    let (message, set_message) = signal(String::new());
    let find = move |text: String| match find_area(&wards, &text, noun, w) {
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
            <label for="ward-search">{label}</label>
            <input node_ref=input_ref id="ward-search" name="ward" list="ward-names"
                autocomplete="off" placeholder=placeholder data-testid="ward-search"
                on:focus=fill_list
                on:change=move |ev| find_on_change(event_target_value(&ev)) />
            <datalist id="ward-names"></datalist>
            <button type="submit">{w.t(Msg::Show)}</button>
            <p class="hint" role="status" aria-live="polite">{message}</p>
        </form>
    }
}
