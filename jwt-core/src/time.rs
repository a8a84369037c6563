//! Where validation gets "now" from. The clock is injected so that tests, replays and no_std
//! targets decide the time themselves.

/// The source of the current time, in whole seconds since the Unix epoch.
///
/// ```
/// use jwt_core::Clock;
/// assert_eq!(Clock::Fixed(1_700_000_000).now(), 1_700_000_000);
/// fn board_rtc() -> u64 { 1_700_000_123 }
/// assert_eq!(Clock::Function(board_rtc).now(), 1_700_000_123);
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Clock {
    /// The operating system's clock (`std` only).
    #[cfg(feature = "std")]
    System,
    /// Always this instant.
    Fixed(u64),
    /// Whatever this function returns (a hardware RTC, a test clock).
    Function(fn() -> u64),
}

impl Clock {
    /// The current time in seconds since the Unix epoch. A system clock set before 1970 reads
    /// as 0.
    pub fn now(&self) -> u64 {
        match self {
            #[cfg(feature = "std")]
            Self::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs()),
            Self::Fixed(now) => *now,
            Self::Function(now) => now(),
        }
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;

    #[test]
    fn system_clock_is_after_2025() {
        assert!(Clock::System.now() > 1_735_689_600);
    }
}
