fn main() {
    let xml = ccmp::sample::conf_response(10_000).to_xml();
    let mut n = 0;
    for _ in 0..40 {
        n += ccmp::decode_response(&xml).map(|r| r.version.unwrap_or(0)).unwrap_or(0);
    }
    println!("{n}");
}
