fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let xml = std::fs::read_to_string(path).unwrap_or_default();
    match ccmp::codec::decode(&xml) {
        Ok(m) => print!("{}", ccmp::codec::encode_pretty(&m)),
        Err(e) => eprintln!("{e}"),
    }
}
