//! Timing helpers the benches share (a bench is its own crate: `mod common;` includes this).
#![allow(dead_code)]

use std::time::{Duration, Instant};

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default()
}

pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// CPU time this thread has run (Linux: /proc/thread-self/schedstat), so a figure stays
/// meaningful when other processes share the cores; None elsewhere.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

/// Wall-clock and CPU times of `runs` calls, each sorted.
pub fn measure(runs: usize, mut f: impl FnMut()) -> (Vec<Duration>, Vec<Duration>) {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_time());
        f();
        wall.push(t.elapsed());
        cpu.extend(c.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a)));
    }
    wall.sort();
    cpu.sort();
    (wall, cpu)
}

pub fn report(what: &str, (wall, cpu): &(Vec<Duration>, Vec<Duration>), target_ms: f64) {
    let p95 = percentile(wall, 0.95);
    let verdict = if p95.as_secs_f64() * 1000.0 <= target_ms { "ok" } else { "OVER TARGET" };
    let cpu_text = if cpu.is_empty() {
        String::new()
    } else {
        format!("   cpu p50 {:>7} p95 {:>7} ms", ms(percentile(cpu, 0.5)), ms(percentile(cpu, 0.95)))
    };
    println!(
        "{what:<44} wall p50 {:>8} p95 {:>8} max {:>8} ms{cpu_text}   (target ≤ {target_ms} ms: {verdict})",
        ms(percentile(wall, 0.5)),
        ms(p95),
        ms(*wall.last().unwrap_or(&Duration::ZERO))
    );
}
