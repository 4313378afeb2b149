//! The loading worker's entry point (built by trunk as a web worker; see
//! `cse::worker`).

#[cfg(target_arch = "wasm32")]
fn main() {
    cse::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The loading worker runs in the browser (built by trunk with the explorer).");
}
