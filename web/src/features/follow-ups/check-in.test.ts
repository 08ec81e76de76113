import { describe, expect, it } from 'vitest';
import { checkInFromError, checkInFromPosition, locate } from './check-in';

const position = (accuracy: number) => ({
  coords: { latitude: 31.2304, longitude: 121.4737, accuracy },
  timestamp: 1_795_000_000_123.4,
});

describe('签到', () => {
  it('sends the position exactly as the browser reported it', () => {
    expect(checkInFromPosition(position(18))).toEqual({
      status: 'located',
      lat: 31.2304,
      lng: 121.4737,
      accuracy: 18,
      at: 1_795_000_000_123,
    });
  });

  it('counts a radius wider than 100 km as no position rather than sending it', () => {
    expect(checkInFromPosition(position(250_000))).toEqual({ status: 'unavailable' });
  });

  it('names why there is no position by the error code', () => {
    expect(checkInFromError({ code: 1 })).toEqual({ status: 'denied' });
    expect(checkInFromError({ code: 2 })).toEqual({ status: 'unavailable' });
    expect(checkInFromError({ code: 3 })).toEqual({ status: 'timeout' });
  });

  it('asks for a fresh precise position with a timeout, and is unavailable without geolocation', async () => {
    let asked: PositionOptions | undefined;
    const geo = {
      getCurrentPosition: (_ok: unknown, fail: (e: { code: number }) => void, o?: PositionOptions) => {
        asked = o;
        fail({ code: 1 });
      },
    } as unknown as Geolocation;
    await expect(locate(geo)).resolves.toEqual({ status: 'denied' });
    expect(asked).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });
    expect(asked?.timeout).toBeGreaterThan(0);
    await expect(locate(undefined)).resolves.toEqual({ status: 'unavailable' });
  });
});
