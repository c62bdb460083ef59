//! Writes the sample confResponse with N users (default 10,000) to stdout:
//! `cargo run --release -p ccmp --example sample -- 10000 [--pretty] > big.xml`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let users = args.iter().find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let message = ccmp::codec::Message::Response(ccmp::sample::conf_response(users));
    if args.iter().any(|a| a == "--pretty") {
        print!("{}", ccmp::codec::encode_pretty(&message));
    } else if let ccmp::codec::Message::Response(r) = &message {
        print!("{}", r.to_xml());
    }
}
