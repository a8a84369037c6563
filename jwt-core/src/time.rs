//! Where validation gets "now" from. The clock is injected so that tests, replays, no_std
//! targets and language bindings decide the time themselves.

use alloc::sync::Arc;
use core::fmt;

/// The source of the current time, in whole seconds since the Unix epoch.
///
/// ```
/// use jwt_core::Clock;
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicU64, Ordering};
///
/// assert_eq!(Clock::Fixed(1_700_000_000).now(), 1_700_000_000);
/// fn board_rtc() -> u64 { 1_700_000_123 }
/// assert_eq!(Clock::from_fn(board_rtc).now(), 1_700_000_123);
///
/// // A closure, here a test clock that the test moves on.
/// let now = Arc::new(AtomicU64::new(10));
/// let clock = Clock::from_fn({
///     let now = Arc::clone(&now);
///     move || now.load(Ordering::Relaxed)
/// });
/// now.store(20, Ordering::Relaxed);
/// assert_eq!(clock.now(), 20);
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Clock {
    /// The operating system's clock (`std` only).
    #[cfg(feature = "std")]
    System,
    /// Always this instant.
    Fixed(u64),
    /// Whatever this function returns: a hardware RTC, a test clock, the clock of a language
    /// runtime that jwt-core is embedded in. A closure or any other `Fn` trait object.
    Function(Arc<dyn Fn() -> u64 + Send + Sync>),
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            #[cfg(feature = "std")]
            Self::System => f.write_str("System"),
            Self::Fixed(now) => f.debug_tuple("Fixed").field(now).finish(),
            Self::Function(_) => f.write_str("Function(..)"),
        }
    }
}

impl Clock {
    /// A clock that reads `now`, a function or closure.
    pub fn from_fn(now: impl Fn() -> u64 + Send + Sync + 'static) -> Self {
        Self::Function(Arc::new(now))
    }

    /// The current time in seconds since the Unix epoch. A system clock set before 1970 reads
    /// as 0.
    ///
    /// On Linux and Android, [`System`](Self::System) reads the coarse real-time clock
    /// (`CLOCK_REALTIME_COARSE`): it moves once per kernel tick (1 to 10 ms), which whole
    /// seconds cannot tell from the precise clock, at a fraction of the cost (see PERF.md).
    pub fn now(&self) -> u64 {
        match self {
            #[cfg(feature = "std")]
            Self::System => system_now(),
            Self::Fixed(now) => *now,
            Self::Function(now) => now(),
        }
    }
}

/// The system's real-time clock in whole seconds: the coarse clock where there is one.
#[cfg(all(feature = "std", any(target_os = "linux", target_os = "android")))]
fn system_now() -> u64 {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::RealtimeCoarse);
    u64::try_from(now.tv_sec).unwrap_or(0)
}

/// The system's real-time clock in whole seconds.
#[cfg(all(feature = "std", not(any(target_os = "linux", target_os = "android"))))]
fn system_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;

    #[test]
    fn system_clock_is_after_2025() {
        assert!(Clock::System.now() > 1_735_689_600);
    }

    #[test]
    fn system_clock_agrees_with_std_to_the_second() {
        let std_now = || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        };
        // Read between two readings of std's clock, ours lies between them, give or take
        // the coarse clock's tick across a second boundary.
        let before = std_now();
        let ours = Clock::System.now();
        let after = std_now();
        assert!(
            (before.saturating_sub(1)..=after).contains(&ours),
            "{before} {ours} {after}"
        );
    }
}
