//! How the window's web view is set up on Linux (WebKitGTK), for speed and memory (#21).
//!
//! - **Painting in software, without accelerated compositing.** WebKitGTK composites the page's
//!   layers with OpenGL when it can; on the organisers' laptops without a GPU driver worth the
//!   name (and under Xvfb) that is Mesa's software OpenGL, which costs the web process some
//!   190 MB of layers and made « Proposer », the export and the board's first paint slower
//!   (`bench/app.sh`). The board is a page of text and cards: plain software painting suits it.
//!   `BINOMES_WEBKIT_ACCELERATION=1` keeps WebKit's own choice (for a machine where it helps).
//! - **No memory cache of pages.** The window only ever shows the app's own pages, embedded in
//!   the executable: WebKit's "document viewer" cache model keeps no cache of visited pages or
//!   resources.
//!
//! Windows (WebView2) and macOS (WKWebView) keep their defaults.

use tauri::{Runtime, WebviewWindow};

/// The variable that keeps WebKit's accelerated compositing (see the module's comment).
pub const ACCELERATION_ENV: &str = "BINOMES_WEBKIT_ACCELERATION";

/// Sets up the window's web view (Linux only; nothing elsewhere).
pub fn set_up<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let accelerated = std::env::var_os(ACCELERATION_ENV).is_some_and(|v| v == "1");
        // A failure leaves WebKit's defaults: slower and heavier, never broken.
        let _ = window.with_webview(move |webview| {
            use webkit2gtk::{
                CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
            };
            let view = webview.inner();
            if !accelerated {
                if let Some(settings) = WebViewExt::settings(&view) {
                    settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                }
            }
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
