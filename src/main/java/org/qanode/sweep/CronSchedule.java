package org.qanode.sweep;

import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) as crontab(5) has
 * it: '*', lists, ranges and steps ("0 2 * * *", "30 1 * * 1-5", "0 *&#47;6 * * *"); day of week
 * 0 or 7 is Sunday. As in cron, when both day fields are restricted either may match.
 * Evaluated in the zone of the time given, the server's.
 */
public final class CronSchedule {
    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private CronSchedule(String text, String[] f) {
        this.text = text;
        minutes = field(f[0], 0, 59, "minute");
        hours = field(f[1], 0, 23, "hour");
        days = field(f[2], 1, 31, "day of month");
        months = field(f[3], 1, 12, "month");
        BitSet dow = field(f[4], 0, 7, "day of week");
        if (dow.get(7)) {
            dow.set(0);
        }
        weekdays = dow;
        daysRestricted = !f[2].equals("*");
        weekdaysRestricted = !f[4].equals("*");
    }

    public static CronSchedule parse(String text) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("sweep.schedule: '" + text
                    + "' needs 5 fields: minute hour day-of-month month day-of-week");
        }
        return new CronSchedule(text.trim(), f);
    }

    /**
     * The first matching minute strictly after {@code after}. Matching is on local wall-clock
     * time; a time that a daylight-saving gap skips fires at the end of the gap, as cron does.
     */
    public ZonedDateTime next(ZonedDateTime after) {
        LocalDateTime t = after.toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                ZonedDateTime z = t.atZone(after.getZone());
                if (z.isAfter(after)) {
                    return z;
                }
                t = t.plusMinutes(1);
            }
        }
        throw new IllegalArgumentException("sweep.schedule: '" + text + "' never fires");
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = days.get(t.getDayOfMonth());
        boolean dow = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (daysRestricted && weekdaysRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String spec, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, name);
                range = part.substring(0, slash);
            }
            int lo;
            int hi;
            if (range.equals("*")) {
                lo = min;
                hi = max;
            } else if (range.contains("-")) {
                lo = number(range.substring(0, range.indexOf('-')), min, max, name);
                hi = number(range.substring(range.indexOf('-') + 1), min, max, name);
            } else {
                lo = number(range, min, max, name);
                hi = slash >= 0 ? max : lo;
            }
            if (lo > hi) {
                throw new IllegalArgumentException("sweep.schedule: " + name + " range '" + range + "' is backwards");
            }
            for (int i = lo; i <= hi; i += step) {
                bits.set(i);
            }
        }
        return bits;
    }

    private static int number(String s, int min, int max, String name) {
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException("sweep.schedule: " + name + " " + v + " outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sweep.schedule: '" + s + "' is not a number (" + name + ")", e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
