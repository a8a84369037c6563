// jsonwebtoken's time spans: a number of seconds, or a string such as "15m", "7d", "2 hours"
// (the grammar of the `ms` package, which jsonwebtoken uses; a bare number in a string counts
// milliseconds, as there).

const UNIT_MS = {
  years: 31557600000, year: 31557600000, yrs: 31557600000, yr: 31557600000, y: 31557600000,
  weeks: 604800000, week: 604800000, w: 604800000,
  days: 86400000, day: 86400000, d: 86400000,
  hours: 3600000, hour: 3600000, hrs: 3600000, hr: 3600000, h: 3600000,
  minutes: 60000, minute: 60000, mins: 60000, min: 60000, m: 60000,
  seconds: 1000, second: 1000, secs: 1000, sec: 1000, s: 1000,
  milliseconds: 1, millisecond: 1, msecs: 1, msec: 1, ms: 1,
};

const SPAN = /^(-?(?:\d+)?\.?\d+) *([a-z]+)?$/i;

/** Milliseconds of a span string, or undefined if it is not one. */
function milliseconds(text) {
  if (text.length === 0 || text.length > 100) return undefined;
  const match = SPAN.exec(text);
  if (match === null) return undefined;
  const unit = match[2] === undefined ? 'ms' : match[2].toLowerCase();
  const scale = UNIT_MS[unit];
  return scale === undefined ? undefined : Number.parseFloat(match[1]) * scale;
}

/**
 * The instant `span` after `timestamp` (seconds), as jsonwebtoken computes it: a number of
 * seconds is added as it is, a string's span is added and the sum rounded down. Undefined if
 * `span` is neither.
 */
export function after(span, timestamp) {
  if (typeof span === 'number') return Number.isFinite(span) ? timestamp + span : undefined;
  if (typeof span !== 'string') return undefined;
  const ms = milliseconds(span);
  return ms === undefined ? undefined : Math.floor(timestamp + ms / 1000);
}

/** Whole seconds of a span (a number of seconds, or a string), or undefined. */
export function seconds(span) {
  const instant = after(span, 0);
  return instant === undefined ? undefined : Math.floor(instant);
}
