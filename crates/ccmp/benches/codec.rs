//! Decoding and encoding the 10,000-user confResponse (about 7 MB), and the decoded value's size in
//! memory. `cargo bench -p ccmp --bench codec`; the figures go to crates/ccmp/BENCHMARKS.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{black_box, Criterion, Throughput};

/// Counts the bytes currently allocated, to weigh the decoded value.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let xml = ccmp::sample::conf_response(10_000).to_xml();
    let size = xml.len();

    let before = LIVE.load(Ordering::Relaxed);
    let decoded = ccmp::decode_response(&xml).expect("the sample decodes");
    let weight = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "memory: document {size} bytes, decoded value {weight} bytes ({:.2}x the document; budget 2x)",
        weight as f64 / size as f64
    );

    let mut c = Criterion::default().configure_from_args().sample_size(30);
    let mut group = c.benchmark_group("confResponse-10000-users");
    group.throughput(Throughput::Bytes(size as u64));
    // The decoded value is dropped outside the timed section: freeing is not decoding.
    group.bench_function("decode", |b| b.iter_with_large_drop(|| ccmp::decode_response(black_box(&xml))));
    group.bench_function("encode", |b| b.iter(|| black_box(&decoded).to_xml().len()));
    group.finish();
    c.final_summary();
}
