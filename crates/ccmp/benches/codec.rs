//! Decoding and encoding the 10,000-user confResponse (about 7 MB):
//! `cargo bench -p ccmp --bench codec` (criterion; `cargo xtask bench` records the figures).

use criterion::{black_box, Criterion, Throughput};

fn main() {
    let xml = ccmp::sample::conf_response(10_000).to_xml();
    let size = xml.len();
    let decoded = ccmp::decode_response(&xml).expect("the sample decodes");

    let mut c = Criterion::default().configure_from_args().sample_size(30);
    let mut group = c.benchmark_group("confResponse-10000-users");
    group.throughput(Throughput::Bytes(size as u64));
    // The decoded value is dropped outside the timed section: freeing is not decoding.
    group.bench_function("decode", |b| b.iter_with_large_drop(|| ccmp::decode_response(black_box(&xml))));
    group.bench_function("encode", |b| b.iter(|| black_box(&decoded).to_xml().len()));
    group.finish();
    c.final_summary();
}
