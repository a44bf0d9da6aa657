import { addMonths, addYears, dayOf, monthsBetween, startOfDay, yearOf } from './calendar';

describe('calendar', () => {
  describe('dayOf', () => {
    it('is the UTC day, whatever the time of day', () => {
      expect(dayOf(new Date('2025-03-01T00:00:00Z'))).toBe('2025-03-01');
      expect(dayOf(new Date('2025-03-01T23:59:59.999Z'))).toBe('2025-03-01');
      expect(dayOf(new Date('2025-03-01T23:30:00-02:00'))).toBe('2025-03-02');
    });
  });

  describe('startOfDay and yearOf', () => {
    it('read a day back as its first instant and its year', () => {
      expect(startOfDay('2024-02-29').toISOString()).toBe('2024-02-29T00:00:00.000Z');
      expect(yearOf('2024-02-29')).toBe(2024);
    });

    it('refuse what is not a calendar day', () => {
      for (const day of ['2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01T00:00:00Z', '']) {
        expect(() => startOfDay(day)).toThrow(RangeError);
      }
    });
  });

  describe('addMonths on days', () => {
    it('keeps the day of the month', () => {
      expect(addMonths('2025-01-15', 1)).toBe('2025-02-15');
      expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
      expect(addMonths('2025-12-01', 1)).toBe('2026-01-01');
    });

    it('falls back to the last day of a shorter month instead of running into the next', () => {
      expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
      expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
      expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
      expect(addMonths('2025-08-31', -6)).toBe('2025-02-28');
    });

    it('counts back when negative', () => {
      expect(addMonths('2026-03-15', -1)).toBe('2026-02-15');
      expect(addMonths('2026-01-10', -13)).toBe('2024-12-10');
    });

    it('is the same day after zero months, and refuses fractions', () => {
      expect(addMonths('2025-05-31', 0)).toBe('2025-05-31');
      expect(() => addMonths('2025-05-31', 1.5)).toThrow(RangeError);
    });
  });

  describe('addMonths on instants', () => {
    it('keeps the time of day and falls back to the month end', () => {
      expect(addMonths(new Date('2025-01-31T13:45:00.123Z'), 1).toISOString()).toBe('2025-02-28T13:45:00.123Z');
      expect(addMonths(new Date('2026-11-24T08:00:00Z'), 24).toISOString()).toBe('2028-11-24T08:00:00.000Z');
    });

    it('leaves its argument unchanged', () => {
      const at = new Date('2025-01-31T00:00:00Z');
      addMonths(at, 1);
      expect(at.toISOString()).toBe('2025-01-31T00:00:00.000Z');
    });
  });

  describe('addYears', () => {
    it('moves 29 February to 28 February of a common year, and back to 29 February four years on', () => {
      expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
      expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
      expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
      expect(addYears(new Date('2024-02-29T10:00:00Z'), 2).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    });

    it('keeps other days', () => {
      expect(addYears('2026-12-01', 2)).toBe('2028-12-01');
      expect(addYears('2026-12-01', -1)).toBe('2025-12-01');
    });
  });

  describe('monthsBetween', () => {
    it('counts calendar months, whatever the days of the month', () => {
      expect(monthsBetween('2026-12-01', '2028-11-30')).toBe(23);
      expect(monthsBetween('2025-01-15', '2026-01-14')).toBe(12);
      expect(monthsBetween('2025-01-31', '2025-02-01')).toBe(1);
      expect(monthsBetween('2025-01-01', '2025-01-31')).toBe(0);
    });

    it('is negative when the end comes first', () => {
      expect(monthsBetween('2026-03-01', '2025-12-31')).toBe(-3);
    });
  });
});
