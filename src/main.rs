//! The web app's entry point (built by trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(cse::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The explorer is a web app: build and serve it with `scripts/serve` (see README.md).\n\
         For the command-line tool run `cargo run --bin explorer-cli -- --help`."
    );
}
