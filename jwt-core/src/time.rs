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

/// The system's real-time clock in whole seconds: the coarse clock (3 ns to read here, against
/// 20 ns for the precise one) where it tells the second for certain, the precise clock in the
/// last [`PRECISE_WINDOW_NANOS`] of a second by the coarse one.
///
/// The coarse clock lags the precise one, so alone it would read the old second for a moment
/// after the new one began, and refuse as issued in the future a token that a precise clock
/// (another library's, `SystemTime`) stamped with the new second just before (`iat`, `nbf`).
#[cfg(all(feature = "std", any(target_os = "linux", target_os = "android")))]
fn system_now() -> u64 {
    use rustix::time::{ClockId, clock_gettime};
    whole_seconds(clock_gettime(ClockId::RealtimeCoarse), || {
        clock_gettime(ClockId::Realtime)
    })
}

/// How far before a new second (by the coarse clock) the precise clock is read instead. The
/// coarse clock's tick is 1 to 10 ms, but a tickless kernel skips ticks: on this project's
/// machine, which reports a 4 ms tick, it lagged by up to 8.9 ms in 20 million readings. Ten
/// times that costs 18 ns on a tenth of the readings, under 2 ns on average.
#[cfg(all(feature = "std", any(target_os = "linux", target_os = "android")))]
const PRECISE_WINDOW_NANOS: i64 = 100_000_000;

/// The whole seconds of the precise clock, from a `coarse` reading that lags it by less than
/// [`PRECISE_WINDOW_NANOS`]: the coarse reading's second unless the precise clock may already
/// be in the next one, and then the precise reading's (from `precise`).
#[cfg(all(feature = "std", any(target_os = "linux", target_os = "android")))]
fn whole_seconds(
    coarse: rustix::time::Timespec,
    precise: impl FnOnce() -> rustix::time::Timespec,
) -> u64 {
    let now = if coarse.tv_nsec >= 1_000_000_000 - PRECISE_WINDOW_NANOS {
        precise()
    } else {
        coarse
    };
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
        // Read between two readings of std's clock, ours lies between them, across second
        // boundaries too: a token stamped by a precise clock is never in our future. Read
        // until two boundaries have passed (at most two seconds).
        let mut boundaries = 0;
        let mut last = std_now();
        while boundaries < 2 {
            let before = std_now();
            let ours = Clock::System.now();
            let after = std_now();
            assert!((before..=after).contains(&ours), "{before} {ours} {after}");
            boundaries += u32::from(after > last);
            last = after;
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn the_precise_clock_is_read_only_near_the_coarse_clock_s_next_second() {
        use rustix::time::Timespec;
        let at = |tv_sec, tv_nsec| Timespec { tv_sec, tv_nsec };
        let unread = || -> Timespec { panic!("the precise clock was read") };
        let window_starts = 1_000_000_000 - PRECISE_WINDOW_NANOS;
        assert_eq!(whole_seconds(at(100, 0), unread), 100);
        assert_eq!(whole_seconds(at(100, window_starts - 1), unread), 100);
        // In the window, the precise clock may be in the next second already, or not yet.
        assert_eq!(whole_seconds(at(100, window_starts), || at(101, 1)), 101);
        assert_eq!(
            whole_seconds(at(100, 999_999_999), || at(100, 999_999_999)),
            100
        );
        assert_eq!(whole_seconds(at(-1, 0), unread), 0);
    }
}
