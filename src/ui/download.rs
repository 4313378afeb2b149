//! Downloads made in the browser: a table as CSV, a chart as PNG. Nothing
//! leaves the reader's machine.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement};

fn js_error(e: JsValue) -> String {
    e.as_string()
        .unwrap_or_else(|| "the browser refused".to_string())
}

fn click_link(href: &str, file_name: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "no link element")?;
    a.set_href(href);
    a.set_download(file_name);
    a.click();
    Ok(())
}

/// Offers `text` as a file called `file_name`: a `Blob` behind an object
/// URL, released once the download has started. (A `data:` URL fails
/// silently past the browser's URL limit: Chromium gave no download for
/// 120 MB of text, where a `Blob` did.)
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let clicked = click_link(&url, file_name);
    // A URL that cannot be released stays until the page closes.
    let _ = web_sys::Url::revoke_object_url(&url);
    clicked
}

/// Offers a canvas's picture as a PNG file.
pub fn download_canvas(canvas: &HtmlCanvasElement, file_name: &str) -> Result<(), String> {
    let url = canvas.to_data_url().map_err(js_error)?;
    click_link(&url, file_name)
}

/// Offers an SVG document (text) as a PNG file of `width` × `height` CSS
/// pixels at twice the resolution, once the browser has read the picture;
/// an error says why not.
pub async fn download_svg_as_png(
    svg: &str,
    width: f64,
    height: f64,
    file_name: &str,
) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    let (w, h) = ((width * 2.0).round() as u32, (height * 2.0).round() as u32);
    canvas.set_width(w);
    canvas.set_height(h);
    let image = HtmlImageElement::new().map_err(js_error)?;
    let encoded = js_sys::encode_uri_component(svg);
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
    JsFuture::from(image.decode())
        .await
        .map_err(|_| "the browser could not read the map's picture".to_string())?;
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or("the browser gave no 2D canvas")?;
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &image,
        0.0,
        0.0,
        f64::from(w),
        f64::from(h),
    )
    .map_err(js_error)?;
    download_canvas(&canvas, file_name)
}

/// A file name from a caption: lower case, words joined by `-`.
pub fn file_name(caption: &str, ext: &str) -> String {
    let mut out = String::new();
    for ch in caption.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() > 60 {
            break;
        }
    }
    format!("{}.{ext}", out.trim_end_matches('-'))
}
