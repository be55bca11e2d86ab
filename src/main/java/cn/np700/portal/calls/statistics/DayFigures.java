package cn.np700.portal.calls.statistics;

import java.time.LocalDate;

/**
 * The roll-up figures of a day (or, with {@code day} null, of a period): calls (SMS included), answered, short calls,
 * total duration in seconds and messages. The answer rate is in percent; the average duration is per answered call.
 */
public record DayFigures(LocalDate day, long calls, long answered, long shortCalls, long duration, long sms) {

    static DayFigures empty(LocalDate day) {
        return new DayFigures(day, 0, 0, 0, 0, 0);
    }

    DayFigures plus(DayFigures other) {
        return new DayFigures(day, calls + other.calls, answered + other.answered, shortCalls + other.shortCalls,
                duration + other.duration, sms + other.sms);
    }

    public double answerRate() {
        return calls == 0 ? 0 : Math.round(answered * 1000.0 / calls) / 10.0;
    }

    public double averageDuration() {
        return answered == 0 ? 0 : Math.round(duration * 10.0 / answered) / 10.0;
    }

    /** This figure's calls as a percentage of {@code total}'s, for the operators' comparison. */
    public double shareOf(DayFigures total) {
        return total.calls == 0 ? 0 : Math.round(calls * 1000.0 / total.calls) / 10.0;
    }
}
