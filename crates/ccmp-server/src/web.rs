//! The router: the CCMP endpoint, the panel's static files, and CORS.

use std::path::Path;

use axum::extract::DefaultBodyLimit;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post, MethodRouter};
use axum::Router;
use tower::ServiceExt;
use tower_http::compression::predicate::SizeAbove;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{transport, AppState, Config, StartError};

/// CCMP responses larger than this are compressed for clients that accept gzip.
pub const COMPRESS_ABOVE: u16 = 32 * 1024;

/// Refuses flags that would make a broken server.
pub fn check(config: &Config) -> Result<(), StartError> {
    if !config.path.starts_with('/') || config.path.trim_end_matches('/').is_empty() {
        return Err(StartError::Path(config.path.clone()));
    }
    if let Some(problem) = crate::base_path::problem(&config.base_path) {
        return Err(StartError::BasePath(config.base_path.clone(), problem));
    }
    if let Some(dir) = &config.static_dir {
        if !dir.is_dir() {
            return Err(StartError::Static(dir.display().to_string(), "not a directory"));
        }
        // A folder above the build, or an empty one, would serve a blank 404 at every page.
        if !dir.join("index.html").is_file() {
            return Err(StartError::Static(dir.display().to_string(), "no index.html in it (the panel's dist/)"));
        }
        let page = std::fs::read_to_string(dir.join("index.html")).unwrap_or_default();
        if !config.base().is_empty() && crate::base_path::with_base(&page, config.base()).is_none() {
            return Err(StartError::BasePath(
                config.base_path.clone(),
                "the panel's index.html has no <base href> to name it (a build from before it could be served under a path)",
            ));
        }
    }
    for origin in &config.cors_origins {
        if normalize_origin(origin).is_none() {
            return Err(StartError::Cors(origin.clone()));
        }
    }
    Ok(())
}

/// `origin` as browsers send it in their `Origin` header, `scheme://host[:port]`: the scheme and host in
/// lower case, without the scheme's default port and without the trailing `/` an address bar shows (QA:
/// `http://LocalHost:39410`, `https://example.org:443` and `http://127.0.0.1:39410/` were taken and never
/// matched). `None` for what is no origin (a path, a query, credentials, a wildcard), which would never
/// match either, and the server would refuse the panel with nothing to say why.
pub fn normalize_origin(origin: &str) -> Option<String> {
    let origin = origin.strip_suffix('/').unwrap_or(origin);
    let (scheme, authority) = origin.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    if authority.is_empty() || authority.contains(['/', '?', '#', '*', '@']) {
        return None;
    }
    let authority = authority.to_ascii_lowercase();
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    let normal = format!("{scheme}://{authority}");
    HeaderValue::from_str(&normal).is_ok().then_some(normal)
}

/// The whole application. The CCMP route always wins over the static files: the panel's fallback to
/// Headers every answer carries, the panel's files and the CCMP endpoint's alike. The panel's own
/// Content-Security-Policy is a `<meta>` tag, which cannot say who may frame the page: another site could
/// show the panel in a frame, hidden under its own buttons, and have the moderator click in it (QA). The
/// others keep a browser from guessing a type the server did not send, and the panel's addresses (which
/// name conferences) from other sites' logs.
fn with_safety_headers(router: Router) -> Router {
    let set = |name, value| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value));
    router
        .layer(set(header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
}

/// `index.html` only answers paths no route claims.
pub fn app(state: AppState) -> Router {
    let config = &state.config;
    let endpoint = post(transport::post).get(transport::info);
    // The endpoint with a trailing slash too: a URL copied as "https://host/ccmp/" is the same endpoint to
    // the person who typed it, and a 405 would only tell them it is not a CCMP server.
    let path = config.path.trim_end_matches('/');
    let ccmp = Router::new()
        .route(path, endpoint.clone())
        .route(&format!("{path}/"), endpoint)
        .layer(axum::middleware::from_fn_with_state(state.clone(), transport::http_rules))
        // The body is bounded, in size and time, where it is read (`transport::http_rules`); the extractor
        // after it takes it as it comes (its own default, 2 MB, would refuse a larger --body-limit).
        .layer(DefaultBodyLimit::disable())
        // A large answer (the users of a big conference: 7 MB for 10,000) goes gzipped to a client that
        // accepts it, a tenth of the bytes; the small ones a moderator sends all the time stay as they are,
        // where compressing would cost more than it saves.
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .quality(CompressionLevel::Fastest)
                .compress_when(SizeAbove::new(COMPRESS_ABOVE)),
        )
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    let mut router = ccmp.with_state(state.clone());
    if let Some(dir) = &config.static_dir {
        let base = config.base().to_owned();
        router = router.fallback_service(panel_files(dir, base)).layer(axum::middleware::from_fn(cache_policy));
    }
    if !config.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> =
            config.cors_origins.iter().filter_map(|o| HeaderValue::from_str(&normalize_origin(o)?).ok()).collect();
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
                // The panel counts a conference's time by the server's clock, from Date, and waits as long as a
                // 510 asks, from Retry-After: headers browsers hide from a page on another origin unless told.
                .expose_headers([header::DATE, header::RETRY_AFTER])
                .max_age(std::time::Duration::from_secs(600)),
        );
    }
    let router = with_safety_headers(router);
    match config.base() {
        "" => router,
        base => {
            // `nest` answers `/tools/ccmp` and what is below it, but not `/tools/ccmp/`, the address a proxy's
            // admin writes: that one is the page at the root of the panel.
            let inner = router.clone();
            let root = any(move |mut request: Request| async move {
                *request.uri_mut() = axum::http::Uri::from_static("/");
                inner.oneshot(request).await.into_response()
            });
            // The headers again for the outer router's own answers (a 404 outside the path).
            with_safety_headers(Router::new().nest(base, router).route(&format!("{base}/"), root))
        }
    }
}

/// The panel's folder. A release build carries brotli and gzip copies beside the wasm, js and css (`cargo
/// xtask dist` writes them): a browser that accepts one gets it, a third of the bytes, at no cost per
/// request.
///
/// Trunk's files named after their content are served as they are or not at all: one the folder lacks
/// (asked for by a page of another deployment, or in the middle of one) is a 404, not `index.html` under
/// a name the browser would keep for a year. Every other path is a file of the folder or, for the
/// panel's routes, `index.html`, and those are sent whole at each load whatever date the browser holds:
/// after a rollback, the older `index.html` is also older than the browser's copy, and the 304 that a
/// date comparison gives would keep the browser on a page naming files no longer served.
///
/// Under `--base-path`, `index.html` goes out with its `<base href>` naming the path.
fn panel_files(dir: &Path, base: String) -> MethodRouter {
    let assets = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let pages = assets.clone().append_index_html_on_directories(true).fallback(ServeFile::new(dir.join("index.html")));
    any(move |mut request: Request| async move {
        if is_content_hashed(request.uri().path()) {
            assets.oneshot(request).await.into_response()
        } else {
            request.headers_mut().remove(header::IF_MODIFIED_SINCE);
            let response = pages.oneshot(request).await.into_response();
            if base.is_empty() {
                response
            } else {
                page_under(response, &base).await
            }
        }
    })
}

/// `response` with the page it carries, if it carries one, told the panel's `base`.
async fn page_under(response: Response, base: &str) -> Response {
    let html = response.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // index.html is a kilobyte or two; a page this large is none of the panel's.
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let page = String::from_utf8_lossy(&bytes);
    let Some(told) = crate::base_path::with_base(&page, base) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ETAG);
    parts.headers.remove(header::LAST_MODIFIED);
    Response::from_parts(parts, axum::body::Body::from(told))
}

/// How long browsers keep the panel's files. Trunk names the wasm, js, css and icon after a hash of their
/// content, so those never change under their name: a reload in the middle of an event takes them from
/// the cache without asking. `index.html` (which names the current ones), `config.json` and the routes
/// are checked at every load, so a new deployment shows at the next reload. The CCMP route has its own
/// `no-store`, which this leaves alone.
async fn cache_policy(request: Request, next: Next) -> Response {
    let hashed = is_content_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let status = response.status();
    if !(status.is_success() || status == axum::http::StatusCode::NOT_MODIFIED) {
        return response;
    }
    let policy = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(policy));
    // The brotli and gzip copies go out under the same URL: a shared cache must not hand one to a browser
    // that did not ask for it.
    if hashed {
        response.headers_mut().append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether the path names one of trunk's files with a content hash: `/name-<hex digits>.ext`, or
/// `..._bg.wasm`, at the top of the panel's folder (deeper paths are the panel's routes). Trunk writes its
/// 64-bit hash without leading zeros: 16 digits most often, 15 one time in sixteen (QA found a
/// `moderation-eb430a4d0707355.css` sent as `no-cache`, and its missing neighbours answered with
/// `index.html`); fewer than 8 is one chance in four billion.
fn is_content_hashed(path: &str) -> bool {
    let Some(file) = path.strip_prefix('/').filter(|f| !f.contains('/')) else { return false };
    let Some((_, tail)) = file.rsplit_once('-') else { return false };
    let (hash, ext) = tail.split_at(tail.find(['.', '_']).unwrap_or(tail.len()));
    (8..=16).contains(&hash.len())
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && matches!(ext, ".js" | ".css" | ".svg" | "_bg.wasm")
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn only_trunks_hashed_names_count_as_immutable() {
        for hashed in [
            "/ccmp-panel-7a2c09b4e75e4d5b_bg.wasm",
            "/ccmp-panel-7a2c09b4e75e4d5b.js",
            "/panel-c6ec2876c45e4cb9.css",
            "/icon-62b0cec63a24ae4d.svg",
            "/moderation-eb430a4d0707355.css",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/boot.js",
            "/config.json",
            "/conferences/xcon:all-hands@example.com",
            "/conferences/xcon:weekly-sync-0123456789abcdef.js",
            "/panel-c6ec287.css",
            "/panel-c6ec2876c45e4cb9a.css",
            "/panel-c6ec2876c45e4cb9.css.map",
            "/panel-c6ec2876c45e4cbz.css",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
        }
    }
}
