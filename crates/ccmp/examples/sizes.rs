fn main() {
    use ccmp::xcon::*;
    println!("User {}", std::mem::size_of::<User>());
    println!("Endpoint {}", std::mem::size_of::<Endpoint>());
    println!("Media {}", std::mem::size_of::<Media>());
    println!("UriEntry {}", std::mem::size_of::<UriEntry>());
    println!("Uris {}", std::mem::size_of::<Uris>());
    println!("Roles {}", std::mem::size_of::<Roles>());
    println!("Anonymity {}", std::mem::size_of::<Option<Anonymity>>());
}
