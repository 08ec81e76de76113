import type { NewFollowUp } from './follow-ups.api';

/** 签到 as sent: where the browser says the rep is, or why it could not tell. */
export type CheckIn = NonNullable<NewFollowUp['checkIn']>;

/** The part of a GeolocationPosition we read (a plain object in tests). */
type Position = {
  coords: { latitude: number; longitude: number; accuracy: number };
  timestamp: number;
};

/** The server takes radii up to 100 km; a wider one places nobody anywhere, so it counts as no position. */
const widestAccuracy = 100_000;

/** A position as the browser reported it — nothing rounded into place, nothing made up. */
export function checkInFromPosition(p: Position): CheckIn {
  const { latitude: lat, longitude: lng, accuracy } = p.coords;
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || !(accuracy >= 0) || accuracy > widestAccuracy)
    return { status: 'unavailable' };
  return { status: 'located', lat, lng, accuracy, at: Math.round(p.timestamp) };
}

/** GeolocationPositionError codes: 1 PERMISSION_DENIED, 2 POSITION_UNAVAILABLE, 3 TIMEOUT. */
export function checkInFromError(e: { code: number }): CheckIn {
  if (e.code === 1) return { status: 'denied' };
  if (e.code === 3) return { status: 'timeout' };
  return { status: 'unavailable' };
}

/** How long the browser may look for a position (GPS indoors can be slow). */
export const locateTimeoutMs = 15_000;

/**
 * Asks the browser once for a fresh, precise position (a cached one could be from elsewhere);
 * without geolocation at all (an old browser, an insecure page) it is unavailable.
 */
export function locate(geo: Geolocation | undefined = globalThis.navigator?.geolocation): Promise<CheckIn> {
  if (!geo) return Promise.resolve({ status: 'unavailable' });
  return new Promise((resolve) =>
    geo.getCurrentPosition(
      (p) => resolve(checkInFromPosition(p)),
      (e) => resolve(checkInFromError(e)),
      { enableHighAccuracy: true, timeout: locateTimeoutMs, maximumAge: 0 },
    ),
  );
}
