import { clearEarly, EARLY_FRESH_MS, startEarly, takeEarly } from './earlyRequests';

afterEach(() => {
  jest.restoreAllMocks();
  clearEarly();
});

describe('early requests', () => {
  it('hands a request to the first taker only', async () => {
    const load = jest.fn(() => Promise.resolve('answer'));
    startEarly('k', load);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(takeEarly('k')).resolves.toBe('answer');
    expect(takeEarly('k')).toBeUndefined();
    expect(takeEarly('other')).toBeUndefined();
  });

  it('a request still in flight is handed out however long it takes; an answer older than the freshness limit is not', async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    let answer: (v: string) => void = () => undefined;
    startEarly('slow', () => new Promise<string>((resolve) => (answer = resolve)));
    now += EARLY_FRESH_MS * 3;
    const taken = takeEarly<string>('slow');
    expect(taken).toBeDefined();
    answer('late');
    await expect(taken).resolves.toBe('late');

    startEarly('old', () => Promise.resolve('old answer'));
    await Promise.resolve();
    await Promise.resolve();
    now += EARLY_FRESH_MS + 1;
    expect(takeEarly('old')).toBeUndefined();
  });

  it('a failure goes to the taker (and is not an unhandled rejection before it is taken)', async () => {
    startEarly('bad', () => Promise.reject(new Error('refused')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(takeEarly('bad')).rejects.toThrow('refused');
  });

  it('an answer nobody took is dropped once too old to be handed out', async () => {
    jest.useFakeTimers();
    try {
      startEarly('k', () => Promise.resolve('answer'));
      await Promise.resolve();
      await Promise.resolve();
      const settled = Date.now();
      jest.advanceTimersByTime(EARLY_FRESH_MS + 1);
      // With the clock set back it would still count as fresh: undefined means it was dropped.
      jest.setSystemTime(settled);
      expect(takeEarly('k')).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('a new start replaces a request nobody took', async () => {
    startEarly('k', () => Promise.resolve(1));
    startEarly('k', () => Promise.resolve(2));
    await expect(takeEarly('k')).resolves.toBe(2);
  });
});
