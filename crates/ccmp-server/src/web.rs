//! The router: the CCMP endpoint, the panel's static files, and CORS.

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::routing::post;
use axum::Router;
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
    if !config.path.starts_with('/') || config.path == "/" {
        return Err(StartError::Path(config.path.clone()));
    }
    if let Some(dir) = &config.static_dir {
        if !dir.is_dir() {
            return Err(StartError::Static(dir.display().to_string()));
        }
    }
    for origin in &config.cors_origins {
        if HeaderValue::from_str(origin).is_err() || !(origin.starts_with("http://") || origin.starts_with("https://"))
        {
            return Err(StartError::Cors(origin.clone()));
        }
    }
    Ok(())
}

/// The whole application. The CCMP route always wins over the static files: the panel's fallback to
/// `index.html` only answers paths no route claims.
pub fn app(state: AppState) -> Router {
    let config = &state.config;
    let ccmp = Router::new()
        .route(&config.path, post(transport::post).get(transport::info))
        .layer(axum::middleware::from_fn(transport::http_rules))
        .layer(DefaultBodyLimit::max(config.body_limit))
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
        // A release build carries brotli and gzip copies beside the wasm, js and css (`cargo xtask dist`
        // writes them): a browser that accepts one gets it, a third of the bytes, at no cost per request.
        let index = ServeFile::new(dir.join("index.html"));
        let files = ServeDir::new(dir)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(true)
            .fallback(index);
        router = router.fallback_service(files);
    }
    if !config.cors_origins.is_empty() {
        let origins: Vec<HeaderValue> =
            config.cors_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
                .max_age(std::time::Duration::from_secs(600)),
        );
    }
    router
}
