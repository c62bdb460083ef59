//! `ccmp-server`: parse the flags, start logging, serve until interrupted.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = ccmp_server::Config::parse();
    ccmp_server::init_logging();
    match ccmp_server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ccmp-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
