//! How the window's web view is set up on Linux (WebKitGTK), for speed and memory (#21).
//!
//! - **Painting in software, without accelerated compositing.** WebKitGTK composites the page's
//!   layers with OpenGL when it can; on the organisers' laptops without a GPU driver worth the
//!   name (and under Xvfb) that is Mesa's software OpenGL, which costs the web process some
//!   150 MB of layers and made « Proposer », the export and the cold start slower
//!   (`bench/app.sh`). The board is a page of text and cards: plain software painting suits it.
//!   It is WebKit's own switch, `WEBKIT_DISABLE_COMPOSITING_MODE`, set before WebKit starts: set
//!   on the web view once the page was loading instead, the page left compositing mode while
//!   WebDriver took a screenshot, which never came back. `BINOMES_WEBKIT_ACCELERATION=1` keeps
//!   WebKit's own choice (for a machine where it helps); a value the organiser set is kept.
//! - **No memory cache of pages.** The window only ever shows the app's own pages, embedded in
//!   the executable: WebKit's "document viewer" cache model keeps no cache of visited pages or
//!   resources.
//!
//! Windows (WebView2) and macOS (WKWebView) keep their defaults.

use tauri::{Runtime, WebviewWindow};

/// The variable that keeps WebKit's accelerated compositing (see the module's comment).
pub const ACCELERATION_ENV: &str = "BINOMES_WEBKIT_ACCELERATION";

/// Before anything starts WebKit (and before any thread): software painting, unless asked
/// otherwise (Linux only; nothing elsewhere).
pub fn before_start() {
    #[cfg(target_os = "linux")]
    {
        let accelerated = std::env::var_os(ACCELERATION_ENV).is_some_and(|v| v == "1");
        if !accelerated && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
            // WebKit's web process, started later, reads it from the environment it inherits.
            std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        }
    }
}

/// Sets up the window's web view once created (Linux only; nothing elsewhere).
pub fn set_up<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        // A failure leaves WebKit's default cache: a little more memory, never broken.
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
