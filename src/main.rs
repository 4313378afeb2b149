//! The web app's entry point (built by trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic is a bug: say what it was in the console rather than trap
    // silently (a smaller hook than console_error_panic_hook).
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown error");
        web_sys::console::error_2(
            &"Community Safety Explorer crashed:".into(),
            &message.into(),
        );
    }));
    leptos::mount::mount_to_body(cse::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The explorer is a web app: build and serve it with `scripts/serve` (see README.md).\n\
         For the command-line tool run `cargo run --bin explorer-cli -- --help`."
    );
}
