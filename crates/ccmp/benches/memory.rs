//! The decoded 10,000-user confResponse's size in memory against the document's (budget: twice the
//! document). Prints a markdown fragment: `cargo bench -p ccmp --bench memory`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts the bytes currently allocated (as requested; the allocator's own overhead is not counted).
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
    // `cargo bench` passes `--bench`; this measurement takes no options.
    let xml = ccmp::sample::conf_response(10_000).to_xml();
    let before = LIVE.load(Ordering::Relaxed);
    let decoded = ccmp::decode_response(&xml).expect("the sample decodes");
    let weight = LIVE.load(Ordering::Relaxed) - before;
    let users = decoded.body.conference().and_then(|c| c.users.as_ref()).map_or(0, |u| u.users.len());
    println!("| document | users | decoded value in memory | ratio (budget 2.00) |");
    println!("|---:|---:|---:|---:|");
    println!("| {} bytes | {users} | {weight} bytes | {:.2} |", xml.len(), weight as f64 / xml.len() as f64);
}
